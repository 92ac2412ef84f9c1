import { ConfigReader } from '@backstage/config';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// The sandbox is a sibling workspace package used only by this test.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  startSandbox,
  CREDENTIALS,
  FREE_PORTS,
} from '../../../../../sandbox/src';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { generateSimulatorTls } from '../../../../../sandbox/src/kubernetes/tls';
import { readPlatformConfig } from '../../config/readPlatformConfig';
import { UpstreamError } from '../../http/UpstreamError';
import { KubernetesClient } from './KubernetesClient';

jest.setTimeout(60_000);

describe('KubernetesClient over TLS against the sandbox Kubernetes simulator', () => {
  let sandbox: Awaited<ReturnType<typeof startSandbox>>;
  let stateDir: string;

  beforeAll(async () => {
    stateDir = mkdtempSync(path.join(os.tmpdir(), 'sandbox-kube-tls-'));
    sandbox = await startSandbox({
      stateDir,
      host: '127.0.0.1',
      ports: FREE_PORTS,
      peers: false,
      demo: false,
      kubernetesTls: true,
      log: () => {},
    });
  });
  afterAll(async () => {
    await sandbox?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  const clientWith = (caData?: string) =>
    new KubernetesClient(
      readPlatformConfig(
        new ConfigReader({
          platform: {
            kubernetes: {
              url: sandbox.endpoints.kubernetes,
              token: CREDENTIALS.kubernetes.token,
              ...(caData === undefined ? {} : { caData }),
            },
          },
        }),
      ).kubernetes!,
    );

  const readAndWrite = async (client: KubernetesClient, name: string) => {
    const created = await client.createNamespace({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { team: 'a' } },
    });
    expect(created.metadata.name).toBe(name);
    await client.mergePatchNamespace(name, {
      metadata: { labels: { tier: 'web' } },
    });
    return (await client.getNamespace(name))?.metadata.labels;
  };

  it('serves HTTPS with a certificate of the CA generated at start', () => {
    expect(sandbox.endpoints.kubernetes).toMatch(/^https:\/\/127\.0\.0\.1:/);
    expect(sandbox.kubernetesCaPem).toContain('-----BEGIN CERTIFICATE-----');
  });

  it('reads and writes with caData given as PEM', async () => {
    expect(
      await readAndWrite(clientWith(sandbox.kubernetesCaPem), 'tls-pem'),
    ).toMatchObject({ team: 'a', tier: 'web' });
  });

  it("reads and writes with caData given as base64 of the PEM (kubeconfig's certificate-authority-data)", async () => {
    const base64 = Buffer.from(sandbox.kubernetesCaPem!).toString('base64');
    expect(await readAndWrite(clientWith(base64), 'tls-base64')).toMatchObject({
      team: 'a',
      tier: 'web',
    });
  });

  const failureOf = (client: KubernetesClient) =>
    client.getNamespace('default').then(
      () => undefined,
      (e: unknown) => e,
    );
  const TLS_FAILURE =
    /^kubernetes: GET namespace default failed: TLS: the API server's certificate is not trusted \([A-Z_]+\); set platform\.kubernetes\.caData[^\n]*$/;
  /** The message of an unreachable UpstreamError; anything else as text (so the match fails). */
  const unreachableMessage = (error: unknown) =>
    error instanceof UpstreamError && error.kind === 'unreachable'
      ? error.message
      : `not an unreachable UpstreamError: ${String(error)}`;

  it('fails cleanly, naming TLS and the CA, without caData', async () => {
    expect(unreachableMessage(await failureOf(clientWith()))).toMatch(
      TLS_FAILURE,
    );
  });

  it('fails cleanly with the CA of another cluster', async () => {
    const other = await generateSimulatorTls();
    expect(
      unreachableMessage(await failureOf(clientWith(other.caPem))),
    ).toMatch(TLS_FAILURE);
  });
});
