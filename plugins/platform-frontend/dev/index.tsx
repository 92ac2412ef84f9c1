import { createDevApp } from '@backstage/frontend-dev-utils';
import {
  ApiBlueprint,
  createFrontendModule,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { PlatformApi, platformApiRef } from '../src/api';
import * as f from '../src/__testUtils__/fixtures';
import plugin from '../src';

// Serves the Health tab alone with canned data: `yarn start` in this package, then open /platform.
const demoApi: PlatformApi = {
  getFleet: async () => ({
    rows: [],
    truncated: false,
    generatedAt: new Date().toISOString(),
  }),
  getHealth: async () => f.health,
  getArgoCd: async () => f.ok(f.argocd),
  syncArgoCd: async () => ({ application: f.argocd.applications[0] }),
  getAlerts: async () => f.ok(f.alerts),
  getMetrics: async () => f.ok(f.metrics),
  getLogs: async () =>
    f.ok({
      ...f.logs,
      lines: Array.from({ length: 2000 }, (_, i) =>
        f.logLine(2000 - i, {
          level: i % 7 === 0 ? 'error' : 'info',
          traceId: i % 5 === 0 ? f.TRACE_ID : undefined,
        }),
      ),
    }),
  tailLogs: async (_ref, _query, { onLines, signal }) => {
    let i = 0;
    while (!signal.aborted) {
      await new Promise(resolve => setTimeout(resolve, 1000));
      onLines([f.logLine(5000 + i++, { line: `tailed line ${i}` })]);
    }
  },
  getTraces: async () => f.ok(f.traces),
  getTrace: async () => f.ok(f.trace),
  getBuilds: async () => f.ok(f.builds),
  deploy: async (_ref, build, options) => ({
    dryRun: options?.dryRun === true,
    build,
    jobFullName: f.builds.jobFullName,
    path: 'msa-nginx.yaml',
    previousTag: '42',
    tag: String(build),
    diff: `-        image: harbor.example/msa/msa-nginx:42\n+        image: harbor.example/msa/msa-nginx:${build}`,
    attempts: 1,
  }),
  getServiceGraph: async () => f.ok(f.serviceGraph),
};

const devModule = createFrontendModule({
  pluginId: 'platform',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({ api: platformApiRef, deps: {}, factory: () => demoApi }),
    }),
    PageBlueprint.make({
      params: {
        path: '/platform',
        loader: () =>
          import('../src/components/HealthContent').then(m => (
            <EntityProvider entity={f.entity}>
              <m.DefaultHealthContent />
            </EntityProvider>
          )),
      },
    }),
  ],
});

createDevApp({ features: [plugin, devModule] });
