import {
  ParseResult,
  parseTempoSearchResponse,
  parseTempoTrace,
} from '@paved-road/backstage-plugin-platform-node';
import searchFixture from '@paved-road/fixtures/tempo/search-traceql.json';
import errorTraceFixture from '@paved-road/fixtures/tempo/trace-by-id-with-error.json';
import traceFixture from '@paved-road/fixtures/tempo/trace-by-id.json';
import {
  attributeValue,
  normaliseTrace,
  normaliseTraceId,
  summariseSearch,
} from './traceNormalise';

// What the client hands over: the schema-parsed body.
function parsed<T>(result: ParseResult<T>): T {
  if (!result.ok) throw new Error(result.message);
  return result.value;
}
const trace = (body: unknown) => parsed(parseTempoTrace(body));
const search = (body: unknown) => parsed(parseTempoSearchResponse(body));

describe('normaliseTrace', () => {
  it('recorded v1 trace: base64 ids as hex, parent, service from the resource, kind and unset status as words', () => {
    const detail = normaliseTrace(
      '03a87c9151bb15a09d7cde931b522865',
      trace(traceFixture.response.body),
    );
    expect(detail.traceId).toBe('03a87c9151bb15a09d7cde931b522865');
    expect(detail.spans).toEqual([
      {
        spanId: 'a5adc8f5217f7c0c',
        serviceName: 'msa-nginx',
        name: 'GET /api/orders',
        kind: 'server',
        startTimeNs: '1795252813759000000',
        durationNs: 180_000_000,
        status: 'unset',
        attributes: {
          'http.route': '/api/orders',
          'http.method': 'GET',
          'http.status_code': 200,
          'resource.service.name': 'msa-nginx',
          'resource.k8s.namespace.name': 'default',
        },
        events: [],
      },
      {
        spanId: 'd18a0ffb967f607b',
        parentSpanId: 'a5adc8f5217f7c0c',
        serviceName: 'login-js',
        name: 'GET /session',
        kind: 'server',
        startTimeNs: '1795252813779000000',
        durationNs: 120_000_000,
        status: 'unset',
        attributes: {
          'http.method': 'GET',
          'http.status_code': 200,
          'resource.service.name': 'login-js',
          'resource.k8s.namespace.name': 'default',
        },
        events: [],
      },
    ]);
  });

  it('recorded error trace: error status with its message, in both services', () => {
    const detail = normaliseTrace(
      'B67300518317C89EB9B17B55250A09BA',
      trace(errorTraceFixture.response.body),
    );
    expect(detail.traceId).toBe('b67300518317c89eb9b17b55250a09ba');
    expect(
      detail.spans.map(s => [
        s.spanId,
        s.parentSpanId,
        s.serviceName,
        s.status,
        s.statusMessage,
        s.durationNs,
      ]),
    ).toEqual([
      [
        '321425e2893cee5d',
        undefined,
        'msa-nginx',
        'error',
        'upstream login-js failed',
        650_000_000,
      ],
      [
        '398b9f2aab05b7de',
        '321425e2893cee5d',
        'login-js',
        'error',
        'database connection refused',
        600_000_000,
      ],
    ]);
  });

  it('fills what is missing, maps every kind and status, sorts across batches', () => {
    const span = (over: Record<string, unknown>) => ({
      traceId: 'AAAAAAAAAAAAAAAAAAAAAQ==',
      spanId: 'AAAAAAAAAAE=',
      startTimeUnixNano: '2000',
      endTimeUnixNano: '3000',
      ...over,
    });
    const detail = normaliseTrace(
      'abc',
      trace({
        batches: [
          {
            // no resource at all: service 'unknown'
            scopeSpans: [
              {
                spans: [
                  span({
                    spanId: 'AAAAAAAAAAI=',
                    kind: 'SPAN_KIND_CLIENT',
                    status: { code: 'STATUS_CODE_OK' },
                    startTimeUnixNano: '5000',
                    endTimeUnixNano: '4000',
                  }),
                  span({
                    spanId: 'AAAAAAAAAAM=',
                    kind: 'SPAN_KIND_BOGUS',
                    parentSpanId: '',
                    startTimeUnixNano: '1000',
                  }),
                ],
              },
            ],
          },
          {
            resource: {
              attributes: [
                { key: 'service.name', value: { stringValue: 'old-tempo' } },
              ],
            },
            // Tempo before 2.0
            instrumentationLibrarySpans: [
              {
                spans: [
                  span({
                    kind: 'SPAN_KIND_PRODUCER',
                    startTimeUnixNano: '3000',
                    events: [
                      {
                        timeUnixNano: '3500',
                        name: 'exception',
                        attributes: [
                          {
                            key: 'exception.message',
                            value: { stringValue: 'boom' },
                          },
                        ],
                      },
                    ],
                  }),
                  span({
                    spanId: 'AAAAAAAAAAQ=',
                    kind: 'SPAN_KIND_CONSUMER',
                    startTimeUnixNano: '4000',
                  }),
                  span({
                    spanId: 'AAAAAAAAAAU=',
                    kind: 'SPAN_KIND_INTERNAL',
                    startTimeUnixNano: '4500',
                    status: { code: 'STATUS_CODE_UNSET', message: '' },
                  }),
                ],
              },
            ],
          },
        ],
      }),
    );
    expect(detail.traceId).toBe('00000000000000000000000000000abc');
    expect(
      detail.spans.map(s => [
        s.spanId,
        s.serviceName,
        s.kind,
        s.status,
        s.durationNs,
        s.name,
      ]),
    ).toEqual([
      ['0000000000000003', 'unknown', 'unspecified', 'unset', 2000, ''],
      ['0000000000000001', 'old-tempo', 'producer', 'unset', 0, ''],
      ['0000000000000004', 'old-tempo', 'consumer', 'unset', 0, ''],
      ['0000000000000005', 'old-tempo', 'internal', 'unset', 0, ''],
      ['0000000000000002', 'unknown', 'client', 'ok', 0, ''],
    ]);
    // empty parent and empty status message are left out; the event keeps its attributes
    expect(detail.spans[0]).not.toHaveProperty('parentSpanId');
    expect(detail.spans[3]).not.toHaveProperty('statusMessage');
    expect(detail.spans[1].events).toEqual([
      {
        timeNs: '3500',
        name: 'exception',
        attributes: { 'exception.message': 'boom' },
      },
    ]);
  });

  it('an empty trace has no spans', () => {
    expect(normaliseTrace('1', trace({}))).toEqual({
      traceId: '00000000000000000000000000000001',
      spans: [],
    });
  });
});

describe('attributeValue', () => {
  it.each([
    [undefined, ''],
    [{}, ''],
    [{ stringValue: '' }, ''],
    [{ boolValue: false }, false],
    [{ doubleValue: 0.5 }, 0.5],
    [{ intValue: '42' }, 42],
    [{ intValue: 7 }, 7],
    [{ intValue: '9223372036854775807' }, '9223372036854775807'],
    [
      { arrayValue: { values: [{ stringValue: 'a' }, { intValue: '1' }] } },
      '["a",1]',
    ],
    [{ arrayValue: {} }, '[]'],
    [
      {
        kvlistValue: {
          values: [{ key: 'k', value: { boolValue: true } }, { key: 'none' }],
        },
      },
      '{"k":true,"none":""}',
    ],
    [{ bytesValue: 'AQI=' }, 'AQI='],
  ])('%j -> %j', (value, expected) => {
    expect(attributeValue(value as any)).toEqual(expected);
  });
});

describe('summariseSearch', () => {
  it('recorded search: 32-digit ids (leading zeros restored), error from service stats, span counts', () => {
    const response = search(searchFixture.response.body);
    expect(summariseSearch(response, false)).toEqual([
      {
        traceId: 'e2119b50342c03d193928486bc5372d8',
        rootServiceName: 'msa-nginx',
        rootTraceName: 'GET /healthz',
        startTime: '2026-11-21T09:20:23.759Z',
        durationMs: 3,
        error: false,
        spanCount: 1,
      },
      {
        traceId: 'b67300518317c89eb9b17b55250a09ba',
        rootServiceName: 'msa-nginx',
        rootTraceName: 'POST /api/login',
        startTime: '2026-11-21T09:20:18.759Z',
        durationMs: 650,
        error: true,
        spanCount: 2,
      },
      {
        traceId: '03a87c9151bb15a09d7cde931b522865',
        rootServiceName: 'msa-nginx',
        rootTraceName: 'GET /api/orders',
        startTime: '2026-11-21T09:20:13.759Z',
        durationMs: 180,
        error: false,
        spanCount: 2,
      },
    ]);
  });

  it('errorsOnly marks every hit as an error; missing stats and names are left out', () => {
    const response = search({
      traces: [{ traceID: 'ABC', startTimeUnixNano: '0' }],
    });
    expect(summariseSearch(response, true)).toEqual([
      {
        traceId: '00000000000000000000000000000abc',
        rootServiceName: '',
        startTime: '1970-01-01T00:00:00.000Z',
        durationMs: 0,
        error: true,
      },
    ]);
    expect(summariseSearch(search({}), false)).toEqual([]);
  });

  it('normaliseTraceId lowercases and pads', () => {
    expect(normaliseTraceId('ABCDEF0123456789')).toBe(
      '0000000000000000abcdef0123456789',
    );
  });
});
