import { AppConfig, ConfigReader } from '@backstage/config';
import { ConfigSources, loadConfigSchema } from '@backstage/config-loader';
import {
  readPlatformConfig,
  readScaffolderConfig,
} from '@paved-road/backstage-plugin-platform-node';
import fs from 'node:fs';
import path from 'node:path';

// app-config.replicas.yaml is what scripts/replicas.sh gives both replicas: it must load on top of app-config.yaml,
// pass every package's schema and the platform's start-up validation, take every secret and every per-replica value
// from the environment, and hold what the replicas must share (database, cache, keys, task recovery).
const ROOT = path.resolve(__dirname, '../../..');
const FILES = ['app-config.yaml', 'app-config.replicas.yaml'];
const SCRIPT = fs.readFileSync(
  path.join(ROOT, 'scripts', 'replicas.sh'),
  'utf8',
);

const ENV: Record<string, string> = {
  BACKEND_LISTEN_PORT: '7101',
  BACKEND_SECRET: 'env-backend-secret',
  AUTH_SESSION_SECRET: 'env-auth-session-secret',
  POSTGRES_HOST: '127.0.0.1',
  POSTGRES_PORT: '15432',
  POSTGRES_USER: 'backstage',
  POSTGRES_PASSWORD: 'env-postgres-password',
  REDIS_URL: 'redis://127.0.0.1:16379',
  REPLICA_NAME: 'a',
};

function referencedEnvNames(): string[] {
  const text = fs.readFileSync(
    path.join(ROOT, 'app-config.replicas.yaml'),
    'utf8',
  );
  return [...new Set([...text.matchAll(/\$\{([A-Z0-9_]+)\}/g)].map(m => m[1]))];
}

async function readConfigs(env: Record<string, string>): Promise<AppConfig[]> {
  const source = ConfigSources.defaultForTargets({
    rootDir: ROOT,
    watch: false,
    targets: FILES.map(file => ({
      type: 'path' as const,
      target: path.join(ROOT, file),
    })),
    substitutionFunc: async name => env[name],
  });
  for await (const { configs } of source.readConfigData()) return configs;
  throw new Error('the config source produced nothing');
}

/** A numeric shell assignment of scripts/replicas.sh, e.g. `LB_PORT=7007`. */
function scriptNumber(name: string): number {
  const match = SCRIPT.match(new RegExp(`^${name}=(\\d+)$`, 'm'));
  if (!match) throw new Error(`scripts/replicas.sh sets no ${name}`);
  return Number(match[1]);
}

describe('app-config.replicas.yaml', () => {
  let config: ConfigReader;
  let configs: AppConfig[];

  beforeAll(async () => {
    configs = await readConfigs(ENV);
    config = ConfigReader.fromConfigs(configs);
  });

  it('takes every value it references from the environment the script sets', () => {
    expect(referencedEnvNames().sort()).toEqual(Object.keys(ENV).sort());
    for (const name of referencedEnvNames()) {
      expect(SCRIPT).toMatch(new RegExp(`\\b${name}\\b`));
    }
  });

  it('passes the config schema of every package the backend and app depend on', async () => {
    const schema = await loadConfigSchema({
      dependencies: ['backend', 'app'],
      packagePaths: [path.join(ROOT, 'package.json')],
    });
    expect(() => schema.process(configs)).not.toThrow();
  });

  it('passes the platform and scaffolder start-up validation', () => {
    const platform = readPlatformConfig(config);
    expect(readScaffolderConfig(config, platform).allowedGitHosts).toEqual([
      '127.0.0.1:17080',
    ]);
    expect(config.getNumber('platform.notifications.intervalSeconds')).toBe(10);
  });

  it('puts both replicas on one PostgreSQL and one Redis', () => {
    expect(config.getString('backend.database.client')).toBe('pg');
    expect(config.get('backend.database.connection')).toEqual({
      host: '127.0.0.1',
      port: '15432',
      user: 'backstage',
      password: 'env-postgres-password',
    });
    expect(config.getString('backend.cache.store')).toBe('redis');
    expect(config.getString('backend.cache.connection')).toBe(
      'redis://127.0.0.1:16379',
    );
    expect(scriptNumber('PG_PORT')).toBe(15432);
    expect(scriptNumber('REDIS_PORT')).toBe(16379);
  });

  it('shares the keys: service tokens, plugin keys in the database, the session secret', () => {
    expect(
      config
        .getConfigArray('backend.auth.keys')
        .map(k => k.getString('secret')),
    ).toEqual(['env-backend-secret']);
    expect(config.getString('backend.auth.pluginKeyStore.type')).toBe(
      'database',
    );
    expect(config.getString('auth.session.secret')).toBe(
      'env-auth-session-secret',
    );
  });

  it('sends browsers to the load balancer and listens on the port of the replica', () => {
    const baseUrl = new URL(config.getString('backend.baseUrl'));
    expect(Number(baseUrl.port)).toBe(scriptNumber('LB_PORT'));
    expect(config.getString('backend.listen.port')).toBe('7101');
    expect(config.getString('backend.listen.host')).toBe('127.0.0.1');
    expect(config.getString('backend.logger.meta.replica')).toBe('a');
  });

  it('recovers the tasks of a dead replica, with the workspace kept in the database', () => {
    expect(config.getBoolean('scaffolder.taskRecovery.enabled')).toBe(true);
    expect(config.getString('scaffolder.taskRecovery.workspaceProvider')).toBe(
      'database',
    );
    expect(
      config.getNumber('scaffolder.taskRecovery.staleTimeout.seconds'),
    ).toBe(30);
    const template = fs.readFileSync(
      path.join(ROOT, 'templates', 'msa-service', 'template.yaml'),
      'utf8',
    );
    // spec.EXPERIMENTAL_recovery (two-space indent under spec)
    expect(template).toMatch(
      /^spec:\n(?: {2}.*\n|\s*\n)*? {2}EXPERIMENTAL_recovery:\n(?: {4}#.*\n)* {4}EXPERIMENTAL_strategy: startOver$/m,
    );
  });

  it('fails to load when a variable is missing, naming its key', async () => {
    const { BACKEND_LISTEN_PORT: _omitted, ...rest } = ENV;
    const without = ConfigReader.fromConfigs(await readConfigs(rest));
    expect(() => without.getString('backend.listen.port')).toThrow(
      /backend\.listen\.port/,
    );
  });
});
