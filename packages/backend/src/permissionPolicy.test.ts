import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  catalogEntityReadPermission,
  catalogEntityDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  platformArgocdSyncPermission,
  platformDeployWritePermission,
  platformEntityReadPermission,
} from '@paved-road/backstage-plugin-platform-common';
import { ConfigReader } from '@backstage/config';
import { PavedRoadPermissionPolicy, readEntityReads } from './permissionPolicy';

const user = (ownershipEntityRefs: string[]) =>
  ({
    info: { userEntityRef: 'user:default/alice', ownershipEntityRefs },
    token: 't',
    identity: {
      type: 'user',
      userEntityRef: 'user:default/alice',
      ownershipEntityRefs,
    },
    credentials: {} as any,
  } as any);

describe('PavedRoadPermissionPolicy', () => {
  const policy = new PavedRoadPermissionPolicy();

  it('allows reads to anyone', async () => {
    await expect(
      policy.handle({ permission: catalogEntityReadPermission }, user([])),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('makes Argo CD sync conditional on owning the entity', async () => {
    const decision = await policy.handle(
      { permission: platformArgocdSyncPermission },
      user(['user:default/alice', 'group:default/platform-team']),
    );
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        params: {
          claims: ['user:default/alice', 'group:default/platform-team'],
        },
      },
    });
  });

  it('makes deploying a build conditional on owning the entity, and denies it without a claim', async () => {
    const decision = await policy.handle(
      { permission: platformDeployWritePermission },
      user(['group:default/team-a']),
    );
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        params: { claims: ['group:default/team-a'] },
      },
    });
    await expect(
      policy.handle({ permission: platformDeployWritePermission }, user([])),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });

  it('denies writes to callers without any ownership claim', async () => {
    await expect(
      policy.handle({ permission: catalogEntityDeletePermission }, undefined),
    ).resolves.toEqual({ result: AuthorizeResult.DENY });
  });
});

describe('permission.pavedRoad.entityReads', () => {
  const read = { permission: platformEntityReadPermission };

  it("is 'all' by default: every signed-in user reads every entity's data", async () => {
    expect(readEntityReads(new ConfigReader({}))).toBe('all');
    await expect(
      new PavedRoadPermissionPolicy().handle(read, user([])),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it("with 'owners', makes reading an entity's data conditional on owning it, and denies it without a claim", async () => {
    const policy = new PavedRoadPermissionPolicy({
      entityReads: readEntityReads(
        new ConfigReader({
          permission: { pavedRoad: { entityReads: 'owners' } },
        }),
      ),
    });
    await expect(
      policy.handle(read, user(['group:default/team-a'])),
    ).resolves.toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        params: { claims: ['group:default/team-a'] },
      },
    });
    await expect(policy.handle(read, user([]))).resolves.toEqual({
      result: AuthorizeResult.DENY,
    });
    // The catalog's own read stays open: owners-only covers the observability data, not the entity list.
    await expect(
      policy.handle({ permission: catalogEntityReadPermission }, user([])),
    ).resolves.toEqual({ result: AuthorizeResult.ALLOW });
  });

  it('refuses any other value, naming the key and what is allowed', () => {
    expect(() =>
      readEntityReads(
        new ConfigReader({
          permission: { pavedRoad: { entityReads: 'team' } },
        }),
      ),
    ).toThrow(
      "permission.pavedRoad.entityReads must be 'all' (every signed-in user) or 'owners' (the entity's owners only), not 'team'",
    );
  });
});
