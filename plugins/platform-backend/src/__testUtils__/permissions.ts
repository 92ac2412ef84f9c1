import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/**
 * A permissions service that allows every permission but those `denied()` names at the time of the call
 * (a test resets its set in `beforeEach`).
 */
export function permissionsDenying(denied: () => ReadonlySet<string>) {
  return mockServices.permissions.mock({
    authorize: async requests =>
      requests.map(r => ({
        result: denied().has(r.permission.name)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      })) as any,
  });
}
