import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { UpstreamError } from './UpstreamError';
import { upstreamFetch } from './upstreamFetch';

// A self-signed certificate made with openssl for 127.0.0.1: trusted only through the upstream's caData.
function selfSigned(): { key: string; cert: string } | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-test-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'),
      cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
    };
  } catch {
    return undefined;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const tls = selfSigned();
const run = tls ? describe : describe.skip;

run('upstreamFetch with an upstream CA bundle', () => {
  let server: https.Server;
  let url: string;
  beforeAll(async () => {
    server = https.createServer(
      { key: tls!.key, cert: tls!.cert },
      (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"ok":true}');
      },
    );
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise(r => server.close(r)));

  const config = (caData?: string) => ({
    url,
    auth: { type: 'none' as const },
    timeoutMs: 3000,
    headers: {},
    ...(caData ? { caData } : {}),
  });

  it('trusts the configured CA', async () => {
    const r = await upstreamFetch(
      'X',
      config(tls!.cert),
      { path: '/' },
      { errorBody: 'json' },
    );
    expect(r.text).toBe('{"ok":true}');
  });

  it('refuses the same server without it', async () => {
    const e = await upstreamFetch(
      'X',
      config(),
      { path: '/' },
      { errorBody: 'json' },
    ).then(
      () => undefined,
      err => err as UpstreamError,
    );
    expect(e).toBeInstanceOf(UpstreamError);
    expect(e?.kind).toBe('unreachable');
  });
});
