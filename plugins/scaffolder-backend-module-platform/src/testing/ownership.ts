// Test-only helper (not exported from the package).
// eslint-disable-next-line @backstage/no-undeclared-imports
import { mockServices } from '@backstage/backend-test-utils';
// eslint-disable-next-line @backstage/no-undeclared-imports
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ServiceOwnership } from '../ownership/ServiceOwnership';
import { recordingAuditor } from './auditor';

/** The owner every test input uses unless it says otherwise. */
export const TEST_OWNER = 'group:default/platform-team';

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

/**
 * A real ServiceOwnership over a mock catalog (groups platform-team and other-team, plus `entities`), the mock
 * user (`user:default/mock`, what createMockActionContext's credentials are) as a member of `memberOf`, and a
 * permission service answering `platform.service.write` with `permission`.
 */
type TestOwnershipOptions = {
  memberOf?: string[];
  entities?: Entity[];
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
};

export function testOwnership(options: TestOwnershipOptions = {}) {
  return testActionsDeps(options).ownership;
}

/** What every writing action takes (WriteAccessOptions), plus the events its auditor recorded. */
export function testWriteAccess(options: TestOwnershipOptions = {}) {
  const { ownership, auditor, audited } = testActionsDeps(options);
  return { ownership, auditor, audited };
}

/** What createPlatformActions needs besides config, over the same mocks as {@link testOwnership}. */
export function testActionsDeps(options: TestOwnershipOptions = {}) {
  const catalog = catalogServiceMock({
    entities: [
      group('platform-team'),
      group('other-team'),
      ...(options.entities ?? []),
    ],
  });
  const permissions = mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(() => ({
        result: options.permission ?? AuthorizeResult.DENY,
      })),
  });
  const auth = mockServices.auth();
  const ownership = new ServiceOwnership({
    catalog,
    auth,
    userInfo: mockServices.userInfo({
      ownershipEntityRefs: [
        'user:default/mock',
        ...(options.memberOf ?? [TEST_OWNER]),
      ],
    }),
    permissions,
  });
  const audit = recordingAuditor();
  // `audited` is the recorder of `auditor`'s events; actions ignore the extra key.
  return { ownership, catalog, auth, auditor: audit.auditor, audited: audit };
}
