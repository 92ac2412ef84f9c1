/**
 * HTTPS for the Kubernetes simulator (a test-only switch; the demo stays plain HTTP): a throw-away CA and a
 * server certificate signed by it, generated with `openssl` at start, so a client has to be given the CA, as
 * against a real cluster whose API server certificate comes from the cluster's own CA.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import https from 'node:https';
import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Handler } from '../http/util.ts';

const run = promisify(execFile);

export interface SimulatorTls {
  /** PEM of the self-signed CA that signed the server certificate: what `caData` must hold. */
  caPem: string;
  certPem: string;
  keyPem: string;
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];

/** A fresh CA and a server certificate for `host` (plus localhost and 127.0.0.1), valid for one day. */
export async function generateSimulatorTls(
  host = '127.0.0.1',
): Promise<SimulatorTls> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sandbox-kube-tls-'));
  const file = (name: string) => path.join(dir, name);
  const openssl = async (args: string[]) => {
    try {
      await run('openssl', args, { cwd: dir });
    } catch (e) {
      const err = e as NodeJS.ErrnoException & { stderr?: string };
      throw new Error(
        err.code === 'ENOENT'
          ? 'the Kubernetes simulator needs the openssl command for HTTPS (apt-get install openssl)'
          : `openssl ${args[0]} failed: ${String(
              err.stderr ?? err.message,
            ).trim()}`,
      );
    }
  };
  const names = new Set([
    'DNS:localhost',
    'IP:127.0.0.1',
    isIP(host) ? `IP:${host}` : `DNS:${host}`,
  ]);
  try {
    await openssl([
      'req',
      '-x509',
      ...EC_KEY,
      '-nodes',
      '-keyout',
      file('ca.key'),
      '-out',
      file('ca.crt'),
      '-days',
      '1',
      '-subj',
      '/CN=sandbox-kubernetes-ca',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    await openssl([
      'req',
      ...EC_KEY,
      '-nodes',
      '-keyout',
      file('server.key'),
      '-out',
      file('server.csr'),
      '-subj',
      '/CN=kube-apiserver',
    ]);
    await writeFile(
      file('server.ext'),
      [
        `subjectAltName=${[...names].join(',')}`,
        'basicConstraints=CA:FALSE',
        'keyUsage=critical,digitalSignature,keyEncipherment',
        'extendedKeyUsage=serverAuth',
        '',
      ].join('\n'),
    );
    await openssl([
      'x509',
      '-req',
      '-in',
      file('server.csr'),
      '-CA',
      file('ca.crt'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-out',
      file('server.crt'),
      '-days',
      '1',
      '-extfile',
      file('server.ext'),
    ]);
    const [caPem, certPem, keyPem] = await Promise.all(
      ['ca.crt', 'server.crt', 'server.key'].map(n =>
        readFile(file(n), 'utf8'),
      ),
    );
    return { caPem, certPem, keyPem };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An HTTPS server for the simulator's handler, presenting the certificate signed by `tls.caPem`. */
export function createHttpsServer(
  handler: Handler,
  tls: SimulatorTls,
): https.Server {
  // the chain includes the CA, as kube-apiserver sends it: an untrusting client sees SELF_SIGNED_CERT_IN_CHAIN
  return https.createServer(
    { cert: `${tls.certPem}${tls.caPem}`, key: tls.keyPem },
    handler,
  );
}
