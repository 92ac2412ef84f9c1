import http from 'node:http';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadConfigFile } from './config.ts';
import { acquireLock, AlreadyRunningError } from './lock.ts';
import { startSandbox } from './sandbox.ts';
import { FREE_PORTS, tempDir } from './testing/helpers.ts';

jest.setTimeout(30_000);

describe('startSandbox', () => {
  it('starts every simulator on ephemeral ports and frees them on stop', async () => {
    const tmp = tempDir('sandbox-start-');
    const sb = await startSandbox({
      stateDir: tmp.dir,
      ports: FREE_PORTS,
      peers: false,
      demo: true,
      timings: {
        jenkinsQuietPeriodMs: 20,
        jenkinsBuildDurationMs: 20,
        argocdSyncDelayMs: 50,
      },
    });
    try {
      expect(Object.keys(sb.endpoints)).toEqual([
        'git',
        'argocd',
        'jenkins',
        'loki',
        'tempo',
        'kubernetes',
        'elasticsearch',
      ]);
      // the back-dated history put login-js's logs (only) into daily ECS indices
      const es = await fetch(
        `${sb.endpoints.elasticsearch}/logs-msa-*/_search`,
        {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Authorization: `ApiKey ${Buffer.from(
              'sandbox-es-key:sandbox-es-api-key',
            ).toString('base64')}`,
          },
          body: JSON.stringify({
            size: 5,
            sort: [{ '@timestamp': 'desc' }, { _doc: 'desc' }],
            query: {
              bool: { filter: [{ term: { 'kubernetes.namespace': 'msa' } }] },
            },
          }),
        },
      );
      const hits = (await es.json()).hits;
      expect(hits.total.value).toBeGreaterThan(100);
      for (const h of hits.hits) {
        expect(h._index).toMatch(/^logs-msa-\d{4}\.\d{2}\.\d{2}$/);
        expect(h._source.service.name).toBe('login-js');
        expect(h._source.trace.id).toMatch(/^[0-9a-f]{32}$/);
        expect(['info', 'warn', 'error']).toContain(h._source.log.level);
      }
      const kube = await fetch(
        `${sb.endpoints.kubernetes}/apis/argoproj.io/v1alpha1/namespaces/argocd/applications`,
        { headers: { Authorization: 'Bearer sandbox-kube-token' } },
      );
      expect(
        (await kube.json()).items.map((a: any) => a.metadata.name),
      ).toEqual(['login-js', 'msa-nginx']);
      const metrics = await (
        await fetch(`${sb.demo?.msaNginx}/metrics`)
      ).text();
      expect(metrics).toContain('# TYPE istio_requests_total counter');
      expect(metrics).toContain('# TYPE traces_spanmetrics_latency histogram');
    } finally {
      await sb.stop();
    }
    const port = Number(new URL(sb.endpoints.git as string).port);
    const s = http.createServer();
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
    });
    await new Promise(r => s.close(r));
    tmp.cleanup();
  });

  it('reports a clear error when a port is taken', async () => {
    const tmp = tempDir('sandbox-port-');
    const blocker = http.createServer();
    await new Promise<void>(r => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    await expect(
      startSandbox({
        stateDir: tmp.dir,
        ports: { ...FREE_PORTS, git: port },
        peers: false,
        demo: false,
      }),
    ).rejects.toThrow(`port ${port} (git) is already in use`);
    await new Promise(r => blocker.close(r));
    tmp.cleanup();
  });
});

describe('lock and config', () => {
  it('refuses a second instance while the first pid is alive and replaces stale locks', async () => {
    const tmp = tempDir('sandbox-lock-');
    const first = await acquireLock(tmp.dir);
    await fs.writeFile(first.file, '1\n'); // pid 1 is alive
    await expect(acquireLock(tmp.dir)).rejects.toBeInstanceOf(
      AlreadyRunningError,
    );
    await fs.writeFile(first.file, '999999999\n'); // not a live pid
    const second = await acquireLock(tmp.dir);
    expect((await fs.readFile(second.file, 'utf8')).trim()).toBe(
      String(process.pid),
    );
    await second.release();
    tmp.cleanup();
  });

  it('validates sandbox-config.yaml', async () => {
    const tmp = tempDir('sandbox-config-');
    const file = path.join(tmp.dir, 'c.yaml');
    await fs.writeFile(file, 'ports:\n  git: 18080\ndemo: false\n');
    expect(loadConfigFile(file)).toEqual({
      ports: { git: 18080 },
      demo: false,
    });
    await fs.writeFile(file, 'ports:\n  gti: 1\n');
    expect(() => loadConfigFile(file)).toThrow(/unknown port key gti/);
    await fs.writeFile(file, 'ports:\n  git: 99999\n');
    expect(() => loadConfigFile(file)).toThrow(/between 0 and 65535/);
    expect(loadConfigFile(path.join(tmp.dir, 'missing.yaml'))).toEqual({});
    tmp.cleanup();
  });
});
