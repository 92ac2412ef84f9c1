import { ResponseError } from '@backstage/errors';
import { PlatformClient } from './PlatformClient';

const entity = { namespace: 'default', kind: 'Component', name: 'a/b' };

function client(responses: Response[]) {
  const fetch = jest.fn(
    async (_url: string, _init?: RequestInit) => responses.shift()!,
  );
  const c = new PlatformClient({
    discoveryApi: { getBaseUrl: async () => 'http://backstage/api/platform' },
    fetchApi: { fetch: fetch as any },
  });
  return { c, fetch };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

describe('PlatformClient', () => {
  it('encodes each path segment and the bounded query', async () => {
    const { c, fetch } = client([
      json({ ok: true, value: { lines: [] }, fetchedAt: 'x' }),
    ]);
    await c.getLogs(entity, {
      start: 'now-1h',
      level: ['error', 'warn'],
      text: 'a&b',
      traceId: undefined,
    });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backstage/api/platform/v1/entities/default/component/a%2Fb/logs?start=now-1h&level=error&level=warn&text=a%26b',
    );
  });

  it('revalidates with the ETag it holds and reuses the answer on a 304', async () => {
    const body = { ok: true, value: { alerts: [], rules: [] }, fetchedAt: 'x' };
    const tagged = new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'Content-Type': 'application/json', ETag: 'W/"abc"' },
    });
    const { c, fetch } = client([tagged, new Response(null, { status: 304 })]);
    const first = await c.getAlerts(entity);
    const second = await c.getAlerts(entity);
    expect(fetch.mock.calls[0][1]).toBeUndefined();
    expect(fetch.mock.calls[1][1]).toEqual({
      headers: { 'If-None-Match': 'W/"abc"' },
    });
    expect(second).toBe(first);
    expect(second).toEqual(body);
  });

  it('sends no If-None-Match for an answer without an ETag', async () => {
    const { c, fetch } = client([
      json({ ok: true, value: {}, fetchedAt: 'x' }),
      json({ ok: true, value: {}, fetchedAt: 'y' }),
    ]);
    await c.getBuilds(entity);
    await c.getBuilds(entity);
    expect(fetch.mock.calls[1][1]).toBeUndefined();
  });

  it('asks for a fresh Argo CD answer only when told', async () => {
    const { c, fetch } = client([
      json({ ok: true, value: {}, fetchedAt: 'x' }),
      json({ ok: true, value: {}, fetchedAt: 'x' }),
    ]);
    await c.getArgoCd(entity);
    await c.getArgoCd(entity, { fresh: true });
    expect(fetch.mock.calls[0][0]).toMatch(/\/argocd$/);
    expect(fetch.mock.calls[1][0]).toMatch(/\/argocd\?fresh=true$/);
  });

  it('puts a trace id in its own segment', async () => {
    const { c, fetch } = client([
      json({ ok: true, value: { spans: [] }, fetchedAt: 'x' }),
    ]);
    await c.getTrace(entity, '../x');
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backstage/api/platform/v1/entities/default/component/a%2Fb/traces/..%2Fx',
    );
  });

  it('returns a source failure as data', async () => {
    const failure = {
      ok: false,
      error: { kind: 'timeout', message: 'Loki timed out' },
    };
    const { c } = client([json(failure)]);
    await expect(c.getLogs(entity)).resolves.toEqual(failure);
  });

  it('throws a ResponseError when the platform backend fails', async () => {
    const { c } = client([
      json({ error: { name: 'NotAllowedError', message: 'nope' } }, 403),
    ]);
    const error = await c.getArgoCd(entity).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.response.status).toBe(403);
  });

  it('POSTs a sync', async () => {
    const { c, fetch } = client([json({ application: { name: 'x' } })]);
    await expect(c.syncArgoCd(entity)).resolves.toEqual({
      application: { name: 'x' },
    });
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backstage/api/platform/v1/entities/default/component/a%2Fb/argocd/sync',
    );
    expect(fetch.mock.calls[0][1]).toEqual({ method: 'POST' });
  });

  it('POSTs a deploy with the build and dryRun as JSON', async () => {
    const answer = { dryRun: true, build: 41, diff: '-  tag: 42\n+  tag: 41' };
    const { c, fetch } = client([json(answer)]);
    await expect(c.deploy(entity, 41, { dryRun: true })).resolves.toEqual(
      answer,
    );
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backstage/api/platform/v1/entities/default/component/a%2Fb/deploy',
    );
    expect(fetch.mock.calls[0][1]).toEqual({
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"build":41,"dryRun":true}',
    });
  });

  it('throws the backend refusal of a deploy with its message', async () => {
    const { c, fetch } = client([
      json(
        {
          error: {
            name: 'ConflictError',
            message: 'image tag 42 is already live',
          },
          response: { statusCode: 409 },
        },
        409,
      ),
    ]);
    const error = await c.deploy(entity, 42).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.body.error.message).toBe('image tag 42 is already live');
    expect(JSON.parse(fetch.mock.calls[0][1]!.body as string)).toEqual({
      build: 42,
      dryRun: false,
    });
  });

  it('streams tailed lines from Server-Sent Events split across chunks', async () => {
    const encoder = new TextEncoder();
    // The backend's framing: retry, open, lines events, keep-alive comments; split anywhere.
    const chunks = [
      'retry: 5000\n\nevent: open\ndata: {}\n\n: keep-alive\n\nevent: lines\ndata: {"lines":[{"line":"a"}]}\n',
      '\nevent: lines\ndata: {"lines":[{"line":"b"},',
      '{"line":"c"}]}\n\n',
    ];
    const body = new ReadableStream({
      start(controller) {
        chunks.forEach(c => controller.enqueue(encoder.encode(c)));
        controller.close();
      },
    });
    const { c, fetch } = client([new Response(body, { status: 200 })]);
    const onLines = jest.fn();
    const onEnd = jest.fn();
    await c.tailLogs(
      entity,
      { level: ['error'] },
      {
        onLines,
        onEnd,
        signal: new AbortController().signal,
      },
    );
    expect(fetch.mock.calls[0][0]).toBe(
      'http://backstage/api/platform/v1/entities/default/component/a%2Fb/logs/tail?level=error',
    );
    expect(
      onLines.mock.calls.map(([lines]) => lines.map((l: any) => l.line)),
    ).toEqual([['a'], ['b', 'c']]);
    expect(onEnd).toHaveBeenCalled();
  });

  it('reports an error event of the stream', async () => {
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(
          new TextEncoder().encode(
            'event: lines\ndata: {"lines":[{"line":"a"}]}\n\nevent: error\ndata: {"kind":"unreachable","message":"Loki went away"}\n\n',
          ),
        );
        controller.close();
      },
    });
    const { c } = client([new Response(body, { status: 200 })]);
    const onLines = jest.fn();
    const onError = jest.fn();
    const onEnd = jest.fn();
    await c.tailLogs(
      entity,
      {},
      { onLines, onError, onEnd, signal: new AbortController().signal },
    );
    expect(onLines).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(new Error('Loki went away'));
    expect(onEnd).not.toHaveBeenCalled();
  });

  it('reports a failed tail, but not an aborted one', async () => {
    const { c } = client([
      json({ error: { message: 'down' } }, 502),
      json({}, 502),
    ]);
    const onError = jest.fn();
    await c.tailLogs(
      entity,
      {},
      { onLines: jest.fn(), onError, signal: new AbortController().signal },
    );
    expect(onError).toHaveBeenCalledWith(expect.any(ResponseError));

    const aborted = new AbortController();
    aborted.abort();
    const onError2 = jest.fn();
    await c.tailLogs(
      entity,
      {},
      { onLines: jest.fn(), onError: onError2, signal: aborted.signal },
    );
    expect(onError2).not.toHaveBeenCalled();
  });
});
