import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

// Runs the platform backend alone against the sandbox: `yarn sandbox` at the repo root, then `yarn start` in this
// package (the root app-config.yaml points every source at the sandbox). The catalog is mocked with the demo
// entities of examples/, and every caller is allowed, so the routes answer without signing in:
//   curl http://127.0.0.1:7007/api/platform/v1/entities/default/component/msa-nginx/health

const EXAMPLES = path.resolve(__dirname, '../../../examples');

function exampleEntities(): Entity[] {
  return fs
    .readdirSync(EXAMPLES)
    .filter(file => file.endsWith('.yaml'))
    .flatMap(file =>
      parseAllDocuments(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')),
    )
    .map(doc => doc.toJS() as Entity)
    .filter(entity => entity?.kind && entity.kind !== 'Location');
}

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
);
backend.add(catalogServiceMock.factory({ entities: exampleEntities() }));

backend.add(import('../src'));

backend.start();
