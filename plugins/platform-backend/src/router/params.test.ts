import express from 'express';
import request from 'supertest';
import {
  entityParamsOrThrow,
  logsQuerySchema,
  metricsQuerySchema,
  queryOrThrow,
  tailQuerySchema,
  tracesQuerySchema,
} from './params';

// Through Express's own query parser (qs: repeats become arrays, `a[b]` objects), as the routes receive it.
const SCHEMAS = {
  metrics: metricsQuerySchema,
  logs: logsQuerySchema,
  tail: tailQuerySchema,
  traces: tracesQuerySchema,
};
const app = express();
app.get('/:schema', (req, res) => {
  try {
    res.json({
      ok: queryOrThrow(
        SCHEMAS[req.params.schema as keyof typeof SCHEMAS],
        req.query,
      ),
    });
  } catch (e) {
    res.json({ refused: (e as Error).message });
  }
});
const check = async (schema: keyof typeof SCHEMAS, search: string) =>
  (await request(app).get(`/${schema}?${search}`)).body;
const refusal = async (schema: keyof typeof SCHEMAS, search: string) =>
  (await check(schema, search)).refused;

describe('queryOrThrow', () => {
  it.each([
    [
      'metrics',
      'stepSeconds=5&stepSeconds=10',
      'stepSeconds is given 2 times; give it once',
    ],
    ['logs', 'limit=1&limit=2', 'limit is given 2 times; give it once'],
    [
      'logs',
      'direction=forward&direction=backward',
      'direction is given 2 times; give it once',
    ],
    [
      'traces',
      'errorsOnly=true&errorsOnly=true',
      'errorsOnly is given 2 times; give it once',
    ],
    [
      'traces',
      'start=now-1h&start=now-2h',
      'start is given 2 times; give it once',
    ],
    ['logs', 'level=%20', 'level is blank; leave it out or give a value'],
    ['logs', 'level=', 'level is blank; leave it out or give a value'],
    ['logs', 'level=info&level=%20', 'level is blank in one of its values'],
    ['logs', 'level=info,,error', 'level has an empty entry'],
    [
      'logs',
      'level=info&level=loud',
      'level must be among trace, debug, info, warn, error, fatal, unknown',
    ],
    ['tail', 'traceId=%09', 'traceId is blank'],
    ['metrics', 'start=%20', 'start is blank'],
    ['traces', 'limit=', 'limit is blank'],
    [
      'logs',
      'level[x]=info',
      'level must be a plain value (name=value); the level[...] form is not accepted',
    ],
    ['logs', 'limit[]=5', 'limit is given 1 times; give it once'],
    ['metrics', 'start[a][b]=1', 'start must be a plain value'],
  ] as Array<[keyof typeof SCHEMAS, string, string]>)(
    '%s?%s is refused naming the parameter',
    async (schema, search, message) => {
      const text = await refusal(schema, search);
      expect(text).toMatch(/^Invalid request: /);
      expect(text).toContain(message);
      expect(text).not.toMatch(/Expected string, received|Invalid input/);
    },
  );

  it('accepts repeated and comma-separated levels, and a text of spaces (a search for spaces)', async () => {
    expect(await check('logs', 'level=info&level=warn,error')).toEqual({
      ok: { level: ['info', 'warn', 'error'] },
    });
    expect(await check('logs', 'text=%20%20')).toEqual({ ok: { text: '  ' } });
    expect(await check('traces', 'limit=5&errorsOnly=true')).toEqual({
      ok: { limit: 5, errorsOnly: true },
    });
  });

  it('names every parameter that is wrong at once', async () => {
    expect(await refusal('logs', 'limit=1&limit=2&level=%20')).toBe(
      'Invalid request: limit is given 2 times; give it once; level is blank; leave it out or give a value',
    );
  });
});

describe('entityParamsOrThrow', () => {
  it('refuses blank and over-long segments, naming each', () => {
    expect(() =>
      entityParamsOrThrow({
        namespace: ' ',
        kind: 'component',
        name: 'x'.repeat(254),
      }),
    ).toThrow(
      'Invalid request: namespace, name must be 1-253 characters, not blank',
    );
  });
});
