import { AppConfig, ConfigReader } from '@backstage/config';
import {
  ConfigSchema,
  ConfigSources,
  loadConfigSchema,
} from '@backstage/config-loader';
import {
  readPlatformConfig,
  readScaffolderConfig,
} from '@paved-road/backstage-plugin-platform-node';
import fs from 'node:fs';
import path from 'node:path';

// app-config.production.yaml is what an operator copies: it must load on top of app-config.yaml, pass every
// package's config schema and the platform plugins' own start-up validation, and take every secret from the
// environment. Nothing here talks to a cluster; it checks the file, with made-up environment values.
const ROOT = path.resolve(__dirname, '../../..');
const FILES = ['app-config.yaml', 'app-config.production.yaml'];

function referencedEnvNames(): string[] {
  const text = fs.readFileSync(
    path.join(ROOT, 'app-config.production.yaml'),
    'utf8',
  );
  return [...new Set([...text.matchAll(/\$\{([A-Z0-9_]+)\}/g)].map(m => m[1]))];
}

/** A throw-away self-signed CA (no key kept): `*_CA_DATA` must be a real certificate bundle, PEM or base64 of it. */
const TEST_CA_PEM = `-----BEGIN CERTIFICATE-----
MIIBnjCCAUWgAwIBAgIUH7d49BF2hp8JL6KBo1ITlwehvN0wCgYIKoZIzj0EAwIw
JDEiMCAGA1UEAwwZcHJvZHVjdGlvbi1jb25maWctdGVzdC1jYTAgFw0yNjEyMDYw
NTQ3MDdaGA8yMTI2MTExMjA1NDcwN1owJDEiMCAGA1UEAwwZcHJvZHVjdGlvbi1j
b25maWctdGVzdC1jYTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IABDjBLHSpcaoe
ATv2gx2je+y4k7KrcOskk/7gqzBsYmo9eZAdl1cWcLVnifN+OwD9ZmdDvlEndNI5
Gy+74t1ZkdejUzBRMB0GA1UdDgQWBBSwWQsZiVyIo4NzejFiUy0cupFPbDAfBgNV
HSMEGDAWgBSwWQsZiVyIo4NzejFiUy0cupFPbDAPBgNVHRMBAf8EBTADAQH/MAoG
CCqGSM49BAMCA0cAMEQCIAruunLNoKU2RFR5LD8qdM4TUJqTFtIqhmyR5q/kp6SI
AiBDzsdDRdR2XlVK4O3CgMlI8gefGC88YRdT7mmUjk367A==
-----END CERTIFICATE-----
`;

/** A distinct, well-formed stand-in for each variable, so a secret can be traced back to the one it came from. */
function fakeValue(name: string): string {
  if (name.endsWith('_PORT')) return '5432';
  if (name.endsWith('_URL'))
    return `redis://${name.toLowerCase()}.example.test:6379`;
  if (name.endsWith('_HOST'))
    return `${name.toLowerCase().replace(/_/g, '-')}.example.test`;
  if (name.endsWith('_CA_DATA'))
    return Buffer.from(TEST_CA_PEM).toString('base64');
  return `env-${name.toLowerCase()}-value`;
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

function leaves(value: unknown, at: string, out: Array<[string, unknown]>) {
  if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value))
      leaves(child, at ? `${at}.${key}` : key, out);
  } else {
    out.push([at, value]);
  }
  return out;
}

describe('app-config.production.yaml', () => {
  const names = referencedEnvNames();
  const env = Object.fromEntries(names.map(name => [name, fakeValue(name)]));
  let configs: AppConfig[];
  let schema: ConfigSchema;

  beforeAll(async () => {
    configs = await readConfigs(env);
    schema = await loadConfigSchema({
      dependencies: ['backend', 'app'],
      packagePaths: [path.join(ROOT, 'package.json')],
    });
  });

  it('takes its credentials from environment variables', () => {
    expect(names).toEqual(
      expect.arrayContaining([
        'BACKEND_SECRET',
        'POSTGRES_PASSWORD',
        'ARGOCD_TOKEN',
        'JENKINS_API_TOKEN',
        'KUBE_SA_TOKEN',
        'GITHUB_TOKEN',
        'HARBOR_ROBOT_TOKEN',
      ]),
    );
  });

  it('passes the config schema of every package the backend and app depend on', () => {
    expect(() => schema.process(configs)).not.toThrow();
  });

  it('holds no literal value under a key the schemas mark secret', () => {
    const secrets = schema
      .process(configs, { visibility: ['secret'] })
      .filter(c => c.context.endsWith('app-config.production.yaml'))
      .flatMap(c => leaves(c.data, '', []));
    expect(secrets.length).toBeGreaterThanOrEqual(
      names.filter(n => /TOKEN|SECRET|PASSWORD/.test(n)).length,
    );
    const fromEnv = new Set(Object.values(env));
    expect(secrets.filter(([, value]) => !fromEnv.has(String(value)))).toEqual(
      [],
    );
  });

  it('passes the platform and scaffolder start-up validation', () => {
    const config = ConfigReader.fromConfigs(configs);
    const platform = readPlatformConfig(config);
    expect(platform.argocd?.instances.map(i => i.url)).toEqual([
      'https://argocd.example.com',
    ]);
    const scaffolder = readScaffolderConfig(config, platform);
    expect(scaffolder.allowedGitHosts).toEqual(['github.com']);
  });

  it('leaves no sandbox address or credential behind from app-config.yaml', () => {
    const merged = ConfigReader.fromConfigs(configs).get();
    const local = leaves(merged, '', []).filter(([, value]) =>
      /127\.0\.0\.1|localhost|sandbox/.test(String(value)),
    );
    expect(local.map(([key, value]) => `${key}=${value}`)).toEqual([]);
  });

  it('fails to load when a referenced variable is missing, naming it', async () => {
    const { BACKEND_SECRET: _omitted, ...rest } = env;
    const withoutSecret = await readConfigs(rest);
    const config = ConfigReader.fromConfigs(withoutSecret);
    expect(() => config.getString('backend.auth.keys[0].secret')).toThrow(
      /backend\.auth\.keys\[0\]\.secret/,
    );
  });
});
