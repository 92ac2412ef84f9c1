import http from 'node:http';
import { AddressInfo } from 'node:net';

type Obj = Record<string, any>;

/** An in-memory kube-apiserver subset (namespaces, secrets, argoproj.io Applications) with Status bodies. */
export interface FakeKubernetes {
  url: string;
  store: Map<string, Obj>;
  requests: Array<{
    method: string;
    path: string;
    contentType?: string;
    query: string;
    body?: any;
  }>;
  /** Return a status (and reason) to fail one request. */
  failNext?: (
    method: string,
    path: string,
  ) => { code: number; reason: string } | undefined;
  close(): Promise<void>;
}

function status(code: number, reason: string, message: string) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
}

function merge(target: any, patch: any): any {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out =
    target && typeof target === 'object' && !Array.isArray(target)
      ? { ...target }
      : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = merge(out[key], value);
  }
  return out;
}

export async function startFakeKubernetes(
  token: string,
): Promise<FakeKubernetes> {
  const state: FakeKubernetes = {
    url: '',
    store: new Map(),
    requests: [],
    close: async () => {},
  };
  let version = 1;
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const method = req.method ?? 'GET';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? JSON.parse(text) : undefined;
    const contentType = req.headers['content-type'];
    state.requests.push({
      method,
      path: url.pathname,
      contentType,
      query: url.search,
      body,
    });
    const send = (code: number, payload: unknown) =>
      res
        .writeHead(code, { 'Content-Type': 'application/json' })
        .end(JSON.stringify(payload));
    if (!req.headers.authorization)
      return send(
        403,
        status(403, 'Forbidden', 'User "system:anonymous" cannot access'),
      );
    if (req.headers.authorization !== `Bearer ${token}`)
      return send(401, status(401, 'Unauthorized', 'Unauthorized'));
    const injected = state.failNext?.(method, url.pathname);
    if (injected)
      return send(
        injected.code,
        status(injected.code, injected.reason, `injected ${injected.reason}`),
      );

    const m =
      /^\/api\/v1\/namespaces(?:\/([^/]+))?$/.exec(url.pathname) ??
      /^\/api\/v1\/namespaces\/([^/]+)\/(secrets)(?:\/([^/]+))?$/.exec(
        url.pathname,
      ) ??
      /^\/apis\/argoproj\.io\/v1alpha1\/namespaces\/([^/]+)\/(applications)(?:\/([^/]+))?$/.exec(
        url.pathname,
      );
    if (!m)
      return send(
        404,
        status(
          404,
          'NotFound',
          'the server could not find the requested resource',
        ),
      );
    const kind = m[2] ?? 'namespaces';
    const ns = m[2] ? m[1] : undefined;
    const name = m[2] ? m[3] : m[1];
    const key = (n: string) => `${kind}/${ns ?? ''}/${n}`;
    const decorate = (obj: Obj) => ({
      ...obj,
      metadata: {
        ...obj.metadata,
        ...(ns ? { namespace: ns } : {}),
        resourceVersion: String(++version),
        uid: obj.metadata?.uid ?? `uid-${version}`,
      },
    });

    if (!name) {
      if (method === 'POST') {
        const n = body?.metadata?.name;
        if (state.store.has(key(n)))
          return send(
            409,
            status(409, 'AlreadyExists', `${kind} "${n}" already exists`),
          );
        const created = decorate(body);
        state.store.set(key(n), created);
        return send(201, created);
      }
      const prefix = `${kind}/${ns ?? ''}/`;
      const selector = url.searchParams.get('labelSelector');
      const items = [...state.store.entries()]
        .filter(([k]) => k.startsWith(prefix))
        .map(([, v]) => v)
        .filter(
          v =>
            !selector ||
            selector.split(',').every(term => {
              const [k, val] = term.split('=');
              return v.metadata?.labels?.[k] === val;
            }),
        );
      return send(200, { kind: 'List', items });
    }
    const existing = state.store.get(key(name));
    if (method === 'GET')
      return existing
        ? send(200, existing)
        : send(404, status(404, 'NotFound', `${kind} "${name}" not found`));
    if (method === 'DELETE') {
      state.store.delete(key(name));
      return send(200, status(200, 'Success', 'deleted'));
    }
    if (method === 'PATCH') {
      if (contentType === 'application/apply-patch+yaml') {
        if (!url.searchParams.get('fieldManager'))
          return send(
            422,
            status(
              422,
              'Invalid',
              'fieldManager is required for apply requests',
            ),
          );
        const applied = decorate(merge(existing ?? {}, body));
        state.store.set(key(name), applied);
        return send(existing ? 200 : 201, applied);
      }
      if (contentType !== 'application/merge-patch+json')
        return send(
          415,
          status(415, 'UnsupportedMediaType', `unsupported ${contentType}`),
        );
      if (!existing)
        return send(
          404,
          status(404, 'NotFound', `${kind} "${name}" not found`),
        );
      if (kind === 'secrets' && body?.type && body.type !== existing.type) {
        return send(
          422,
          status(
            422,
            'Invalid',
            'Secret "x" is invalid: type: Invalid value: field is immutable',
          ),
        );
      }
      const patched = decorate(merge(existing, body));
      state.store.set(key(name), patched);
      return send(200, patched);
    }
    return send(405, status(405, 'MethodNotAllowed', method));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>(resolve => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
