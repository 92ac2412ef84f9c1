import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { platformServiceWritePermission } from '@paved-road/backstage-plugin-platform-common';
import { normaliseOwnerRef } from '@paved-road/backstage-plugin-platform-node';
import { OWNER_ANNOTATION, OwnerMarks, ownerOfEntity } from './ownerMarks';

/** What a resource's recorded owner means for a write on behalf of `owner`. @public */
export type ClaimVerdict =
  | { ok: true }
  | { ok: false; recordedOwner?: string; message: string };

/** Services {@link ServiceOwnership} reads: the catalog (service credentials) and the user's identity and rights. @public */
export interface ServiceOwnershipDeps {
  catalog: CatalogService;
  auth: AuthService;
  userInfo: UserInfoService;
  permissions: PermissionsService;
}

/**
 * The one place that decides whether a write may happen on behalf of an owner: the owner exists, the task's
 * user may act for it (member of it, or granted `platform.service.write`), and every existing resource the
 * write would touch records that same owner. A resource that records only the component it was made for
 * (wave-1 resources) is owned by that component's `spec.owner` in the catalog.
 *
 * @public
 */
export class ServiceOwnership {
  constructor(private readonly deps: ServiceOwnershipDeps) {}

  /**
   * Checks that `owner` is an existing Group (or User) and that the user behind `credentials` may act for it;
   * returns the owner's normalised ref (`group:default/team-a`). Throws InputError / NotAllowedError naming both.
   */
  async authorize(
    credentials: BackstageCredentials,
    request: { owner: string },
  ): Promise<string> {
    const owner = normaliseOwnerRef(request.owner);
    if (!owner) {
      throw new InputError(
        `owner: '${request.owner}' is not an entity reference such as group:default/team-a`,
      );
    }
    const ownerEntity = await this.deps.catalog.getEntityByRef(owner, {
      credentials: await this.deps.auth.getOwnServiceCredentials(),
    });
    if (
      !ownerEntity ||
      !['group', 'user'].includes(ownerEntity.kind.toLowerCase())
    ) {
      throw new InputError(
        `owner: ${owner} is not a Group or User in the catalog`,
      );
    }
    if (!this.deps.auth.isPrincipal(credentials, 'user')) {
      throw new NotAllowedError(
        'Only a signed-in user can create or change a service; this task was not started by a user',
      );
    }
    const user = await this.deps.userInfo.getUserInfo(credentials);
    const claims = user.ownershipEntityRefs.map(ref => ref.toLowerCase());
    if (claims.includes(owner)) {
      return owner;
    }
    // The resource is the owner the user wants to act for (not the component: owning a component must not let
    // anyone hand it, or write it, for another team).
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: platformServiceWritePermission, resourceRef: owner }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) {
      return owner;
    }
    throw new NotAllowedError(
      `${user.userEntityRef} may not act for ${owner}: not a member of it, and ${platformServiceWritePermission.name} is not granted for it`,
    );
  }

  /** The owner a resource records: its owner mark, else the catalog owner of the component it records. */
  async recordedOwner(marks: OwnerMarks): Promise<string | undefined> {
    if (marks.owner) {
      return normaliseOwnerRef(marks.owner) ?? marks.owner;
    }
    if (!marks.entityRef) {
      return undefined;
    }
    const entity = await this.deps.catalog.getEntityByRef(marks.entityRef, {
      credentials: await this.deps.auth.getOwnServiceCredentials(),
    });
    return entity ? ownerOfEntity(entity) : undefined;
  }

  /**
   * Whether `resource` (described for messages, e.g. "Jenkins job 'msa/app'"), which exists with `marks`, may be
   * changed on behalf of `owner` (normalised) for the component `entityRef`. A `foreign` resource (one the
   * platform did not create) counts only through an explicit owner mark naming that owner.
   */
  async checkClaim(
    resource: string,
    marks: OwnerMarks,
    request: { owner: string; entityRef?: string; foreign?: boolean },
  ): Promise<ClaimVerdict> {
    if (request.foreign) {
      const marked = marks.owner ? normaliseOwnerRef(marks.owner) : undefined;
      return marked === request.owner
        ? { ok: true }
        : {
            ok: false,
            recordedOwner: marked,
            message: `${resource} exists and was not created by the platform${
              marks.owner ? ` (it records the owner ${marks.owner})` : ''
            }; it is used only when its ${OWNER_ANNOTATION} annotation names ${
              request.owner
            }`,
          };
    }
    const recordedOwner = await this.recordedOwner(marks);
    if (!recordedOwner) {
      return {
        ok: false,
        message: `${resource} exists and records no owner (it was not created by the platform); refusing to change it. An operator can mark it with ${OWNER_ANNOTATION} to hand it to a team`,
      };
    }
    if (recordedOwner !== request.owner) {
      return {
        ok: false,
        recordedOwner,
        message: `${resource} is owned by ${recordedOwner}; refusing to change it for ${request.owner}`,
      };
    }
    if (
      request.entityRef &&
      marks.entityRef &&
      marks.entityRef !== request.entityRef
    ) {
      return {
        ok: false,
        recordedOwner,
        message: `${resource} belongs to ${marks.entityRef}; refusing to reuse it for ${request.entityRef}`,
      };
    }
    return { ok: true };
  }

  /** {@link ServiceOwnership.checkClaim}, throwing a ConflictError with its message when refused. */
  async assertClaim(
    resource: string,
    marks: OwnerMarks,
    request: { owner: string; entityRef?: string; foreign?: boolean },
  ): Promise<void> {
    const verdict = await this.checkClaim(resource, marks, request);
    if (!verdict.ok) {
      throw new ConflictError(verdict.message);
    }
  }
}
