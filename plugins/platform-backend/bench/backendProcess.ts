// Child process of backend.bench.ts: the platform backend alone (router + service + memory cache) with
// in-memory catalog, permissions and auth, so the process's CPU and event loop are the backend's only.
import { ConfigReader } from '@backstage/config';
import { CacheManager } from '@backstage/backend-defaults/cache';
import {
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { readPlatformConfig } from '@paved-road/backstage-plugin-platform-node';
import express from 'express';
import http from 'node:http';
import { Session } from 'node:inspector/promises';
import { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createRouter } from '../src/router';
import { createEntityObservabilityService } from '../src/service/createService';

interface Setup {
  urls: Record<'argocd' | 'prometheus' | 'alertmanager' | 'jenkins', string>;
  ttlSeconds: number;
  entities: Entity[];
}

const send = (message: unknown) => process.send!(message);
let counters = { catalog: 0, authorize: 0 };

async function start({ urls, ttlSeconds, entities }: Setup) {
  const config = new ConfigReader({
    backend: { cache: { store: 'memory' } },
    platform: {
      timeoutMs: 5000,
      cacheTtlSeconds: ttlSeconds,
      argocd: {
        instances: [{ name: 'main', url: urls.argocd, token: 'bench-token' }],
      },
      prometheus: { url: urls.prometheus },
      alertmanager: { url: urls.alertmanager },
      jenkins: {
        instances: [
          {
            name: 'ci',
            url: urls.jenkins,
            username: 'u',
            apiToken: 'bench-token',
          },
        ],
      },
    },
  });
  const silent: LoggerService = {
    error() {},
    warn() {},
    info() {},
    debug() {},
    child: () => silent,
  };
  const byRef = new Map(
    entities.map(e => [`component:default/${e.metadata.name}`, e]),
  );
  const catalog = {
    getEntityByRef: async (ref: string) => {
      counters.catalog += 1;
      // A fresh copy, as a catalog client would deserialize one per call.
      const entity = byRef.get(ref);
      return entity ? structuredClone(entity) : undefined;
    },
    // The fleet view's one query: components owned by any of the given refs.
    queryEntities: async (request: {
      filter: Record<string, string | string[]>;
      limit: number;
    }) => {
      counters.catalog += 1;
      const owners = [request.filter['relations.ownedBy']].flat();
      const items = entities
        .filter(e =>
          e.relations?.some(
            r => r.type === 'ownedBy' && owners.includes(r.targetRef),
          ),
        )
        .slice(0, request.limit)
        .map(e => structuredClone(e));
      return { items, totalItems: items.length, pageInfo: {} };
    },
  } as unknown as CatalogService;
  const permissions = {
    authorize: async (reqs: unknown[]) => {
      counters.authorize += 1;
      return reqs.map(() => ({ result: AuthorizeResult.ALLOW }));
    },
  } as unknown as PermissionsService;
  const httpAuth = {
    credentials: async () =>
      ({
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'user', userEntityRef: 'user:default/bench' },
      } as BackstageCredentials),
  } as unknown as HttpAuthService;
  const cache = CacheManager.fromConfig(config).forPlugin('platform');
  const service = createEntityObservabilityService({
    config: readPlatformConfig(config),
    catalog,
    permissions,
    logger: silent,
    cache,
  });
  const app = express();
  app.use(
    '/api/platform',
    await createRouter({ httpAuth, service, logger: silent }),
  );
  const server = http.createServer(app);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  send({ type: 'ready', port: (server.address() as AddressInfo).port });
}

let session: Session | undefined;
let cpu0 = process.cpuUsage();
let elu0 = performance.eventLoopUtilization();

process.on(
  'message',
  async (message: { type: string; setup?: Setup; path?: string }) => {
    if (message.type === 'start') await start(message.setup!);
    if (message.type === 'mark') {
      cpu0 = process.cpuUsage();
      elu0 = performance.eventLoopUtilization();
      counters = { catalog: 0, authorize: 0 };
      if (message.path) {
        session = new Session();
        session.connect();
        await session.post('Profiler.enable');
        await session.post('Profiler.setSamplingInterval', { interval: 100 });
        await session.post('Profiler.start');
      }
      send({ type: 'mark' });
    }
    if (message.type === 'measure') {
      const cpu = process.cpuUsage(cpu0);
      const elu = performance.eventLoopUtilization(elu0);
      if (session && message.path) {
        const { profile } = await session.post('Profiler.stop');
        writeFileSync(message.path, JSON.stringify(profile));
        session.disconnect();
        session = undefined;
      }
      send({
        type: 'measure',
        cpuMs: (cpu.user + cpu.system) / 1000,
        elu: elu.utilization,
        counters,
      });
    }
    if (message.type === 'exit') process.exit(0);
  },
);
process.on('disconnect', () => process.exit(0));
