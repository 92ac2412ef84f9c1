import { replay, startFakeUpstream } from '../../testing/fakeUpstream';
import errors from '@paved-road/fixtures/tempo/search-traceql-errors.json';
import search from '@paved-road/fixtures/tempo/search-traceql.json';
import withError from '@paved-road/fixtures/tempo/trace-by-id-with-error.json';
import { TempoClient, base64IdToHex } from './TempoClient';

function client(url: string) {
  return new TempoClient({
    url,
    auth: { type: 'none' },
    timeoutMs: 1000,
    headers: {},
  });
}

describe('TempoClient', () => {
  it('searches with TraceQL and reads hex ids, omitted zero fields and serviceStats', async () => {
    const server = await startFakeUpstream(req =>
      replay((req.query.get('q')?.includes('error') ? errors : search) as any),
    );
    const result = await client(server.url).search({
      q: '{ resource.service.name = "msa-nginx" }',
      start: 1,
      end: 2,
      limit: 20,
    });
    expect(result.traces.length).toBe(3);
    expect(result.traces[0].traceID).toMatch(/^[0-9a-f]+$/);
    const login = result.traces.find(
      t => t.rootTraceName === 'POST /api/login',
    );
    expect(login?.serviceStats?.['login-js']).toEqual({
      spanCount: 1,
      errorCount: 1,
    });
    expect(result.traces[0].serviceStats?.['msa-nginx'].errorCount).toBe(0);
    expect(server.requests[0].query.get('limit')).toBe('20');
    await server.close();
  });

  it('sends the tenant a read names as X-Scope-OrgID (search and trace by id)', async () => {
    const server = await startFakeUpstream(req =>
      req.path === '/api/search'
        ? replay(search as any)
        : { status: 404, body: '' },
    );
    await client(server.url).search({ q: '{}' }, { tenant: 'team-b' });
    await client(server.url).traceById('abc', { tenant: 'team-b' });
    await client(server.url).search({ q: '{}' });
    expect(server.requests.map(r => r.headers['x-scope-orgid'])).toEqual([
      'team-b',
      'team-b',
      undefined,
    ]);
    await server.close();
  });

  it('accepts a search without the traces key', async () => {
    const server = await startFakeUpstream(() => ({ body: { metrics: {} } }));
    expect((await client(server.url).search({ q: '{}' })).traces).toEqual([]);
    await server.close();
  });

  it('reads a trace in batches form; base64 ids convert to the search hex ids', async () => {
    const server = await startFakeUpstream(() => replay(withError as any));
    const trace = await client(server.url).traceById(
      'b67300518317c89eb9b17b55250a09ba',
    );
    const span = trace!.batches[0].scopeSpans![0].spans[0];
    expect(base64IdToHex(span.traceId)).toBe(
      'b67300518317c89eb9b17b55250a09ba',
    );
    expect(span.status).toEqual({
      message: 'upstream login-js failed',
      code: 'STATUS_CODE_ERROR',
    });
    await server.close();
  });

  it('treats 404 with an empty body as not found, and 404 with a body as an error', async () => {
    let body = '';
    const server = await startFakeUpstream(() => ({
      status: 404,
      contentType: 'text/plain',
      body,
    }));
    await expect(client(server.url).traceById('abcd')).resolves.toBeNull();
    body = '404 page not found';
    await expect(client(server.url).traceById('abcd')).rejects.toMatchObject({
      kind: 'upstream',
      status: 404,
    });
    await server.close();
  });

  it('quotes a plain-text 400', async () => {
    const server = await startFakeUpstream(() => ({
      status: 400,
      contentType: 'text/plain',
      body: 'invalid TraceQL query: parse error',
    }));
    await expect(client(server.url).search({ q: '{' })).rejects.toMatchObject({
      message: expect.stringContaining('invalid TraceQL query'),
    });
    await server.close();
  });
});
