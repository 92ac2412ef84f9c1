import {
  TraceDetail,
  TraceSpan,
} from '@paved-road/backstage-plugin-platform-common';
import { parseTempoTrace } from '@paved-road/backstage-plugin-platform-node';
import errorTraceFixture from '@paved-road/fixtures/tempo/trace-by-id-with-error.json';
import { normaliseTrace } from './traceNormalise';
import { scopeTrace } from './traceScope';

const NS = 'k8s.namespace.name';

// What the client hands over: the schema-parsed body.
function parsedTrace(body: unknown) {
  const result = parseTempoTrace(body);
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

function span(
  spanId: string,
  serviceName: string,
  namespace: string | undefined,
  parentSpanId?: string,
): TraceSpan {
  return {
    spanId,
    ...(parentSpanId ? { parentSpanId } : {}),
    serviceName,
    name: `${serviceName} op`,
    kind: 'server',
    startTimeNs: '1000',
    durationNs: 1,
    status: 'unset',
    attributes: {
      'resource.service.name': serviceName,
      ...(namespace !== undefined ? { [`resource.${NS}`]: namespace } : {}),
    },
    events: [],
  };
}

// gateway (msa) -> orders (msa) -> payments (team-payments) -> ledger (team-payments)
const crossing: TraceDetail = {
  traceId: 'a'.repeat(32),
  spans: [
    span('01', 'gateway', 'msa'),
    span('02', 'orders', 'msa', '01'),
    span('03', 'payments', 'team-payments', '02'),
    span('04', 'ledger', 'team-payments', '03'),
    span('05', 'orders', 'msa', '04'),
  ],
};

describe('scopeTrace', () => {
  it('keeps only the spans in the entity namespace and counts the others as withheld', () => {
    const scoped = scopeTrace(crossing, {
      serviceName: 'orders',
      scope: { attribute: NS, value: 'msa' },
    });
    expect(scoped?.spans.map(s => s.spanId)).toEqual(['01', '02', '05']);
    expect(scoped?.withheldSpans).toBe(2);
    expect(scoped?.traceId).toBe(crossing.traceId);
  });

  it('shows the other side only its own spans', () => {
    const scoped = scopeTrace(crossing, {
      serviceName: 'payments',
      scope: { attribute: NS, value: 'team-payments' },
    });
    expect(scoped?.spans.map(s => s.serviceName)).toEqual([
      'payments',
      'ledger',
    ]);
    expect(scoped?.withheldSpans).toBe(3);
  });

  it('is not found when the service has no span inside the namespace, even if it has spans elsewhere', () => {
    // `payments` exists in the trace, but in team-payments: an msa entity naming it must not see the trace.
    expect(
      scopeTrace(crossing, {
        serviceName: 'payments',
        scope: { attribute: NS, value: 'msa' },
      }),
    ).toBeUndefined();
    expect(
      scopeTrace(crossing, {
        serviceName: 'absent',
        scope: { attribute: NS, value: 'msa' },
      }),
    ).toBeUndefined();
  });

  it('withholds spans without the attribute, or with a value that only looks alike', () => {
    const trace: TraceDetail = {
      traceId: 'b'.repeat(32),
      spans: [
        span('01', 'orders', 'msa'),
        span('02', 'orders', undefined),
        span('03', 'orders', 'MSA'),
        span('04', 'orders', 'msa '),
      ],
    };
    const scoped = scopeTrace(trace, {
      serviceName: 'orders',
      scope: { attribute: NS, value: 'msa' },
    });
    expect(scoped?.spans.map(s => s.spanId)).toEqual(['01']);
    expect(scoped?.withheldSpans).toBe(3);
  });

  it('matches the resource attribute, not a span attribute of the same name', () => {
    const forged = span('02', 'orders', 'team-payments');
    forged.attributes[NS] = 'msa';
    const scoped = scopeTrace(
      { traceId: 'c'.repeat(32), spans: [span('01', 'orders', 'msa'), forged] },
      { serviceName: 'orders', scope: { attribute: NS, value: 'msa' } },
    );
    expect(scoped?.spans.map(s => s.spanId)).toEqual(['01']);
  });

  it('with the scope switched off, keeps every span of a trace involving the service', () => {
    const scoped = scopeTrace(crossing, { serviceName: 'ledger' });
    expect(scoped?.spans).toHaveLength(5);
    expect(scoped?.withheldSpans).toBe(0);
  });

  it('works on a recorded Tempo 2.7.2 trace (both services in namespace default)', () => {
    const detail = normaliseTrace(
      'b67300518317c89eb9b17b55250a09ba',
      parsedTrace(errorTraceFixture.response.body),
    );
    expect(
      scopeTrace(detail, {
        serviceName: 'msa-nginx',
        scope: { attribute: NS, value: 'default' },
      })?.withheldSpans,
    ).toBe(0);
    expect(
      scopeTrace(detail, {
        serviceName: 'msa-nginx',
        scope: { attribute: NS, value: 'msa' },
      }),
    ).toBeUndefined();
  });
});

describe('scopeTrace after normaliseTrace', () => {
  it('a span attribute named like the resource attribute cannot claim the namespace', () => {
    const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
    const batch = (
      service: string,
      spanId: string,
      resourceNs: string | undefined,
      spanAttrNs?: string,
    ) => ({
      resource: {
        attributes: [
          { key: 'service.name', value: { stringValue: service } },
          ...(resourceNs
            ? [{ key: NS, value: { stringValue: resourceNs } }]
            : []),
        ],
      },
      scopeSpans: [
        {
          spans: [
            {
              traceId: b64('d'.repeat(32)),
              spanId: b64(spanId),
              name: 'op',
              kind: 'SPAN_KIND_SERVER',
              startTimeUnixNano: '1000',
              endTimeUnixNano: '2000',
              attributes: spanAttrNs
                ? [
                    {
                      key: `resource.${NS}`,
                      value: { stringValue: spanAttrNs },
                    },
                  ]
                : [],
              status: {},
              events: [],
            },
          ],
        },
      ],
    });
    const raw = parsedTrace({
      batches: [
        batch('orders', '0000000000000001', 'msa'),
        batch('intruder', '0000000000000002', undefined, 'msa'),
      ],
    });
    const scoped = scopeTrace(normaliseTrace('d'.repeat(32), raw), {
      serviceName: 'orders',
      scope: { attribute: NS, value: 'msa' },
    });
    expect(scoped?.spans.map(s => s.serviceName)).toEqual(['orders']);
    expect(scoped?.withheldSpans).toBe(1);
  });
});
