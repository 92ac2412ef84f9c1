import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

// Runs the scaffolder with this module alone: `yarn start` in this package, with the sandbox up (`yarn sandbox`
// at the repo root; the root app-config.yaml points `platform.scaffolder` at it). Auth and permissions are
// mocked (every caller may do anything), so the actions can be listed and dry-run without signing in:
//   curl http://127.0.0.1:7007/api/scaffolder/v2/actions
//   curl -X POST http://127.0.0.1:7007/api/scaffolder/v2/dry-run -H 'content-type: application/json' -d @body.json

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
);
// Owners must be Groups in the catalog; the mocked permissions grant platform.service.write for any of them.
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'platform-team', namespace: 'default' },
        spec: { type: 'team', children: [] },
      },
    ],
  }),
);

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('../src'));

backend.start();
