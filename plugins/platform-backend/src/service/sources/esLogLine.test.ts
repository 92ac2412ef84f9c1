import { ECS_LOG_FIELDS } from '@paved-road/backstage-plugin-platform-node';
import { esHitToLogLine, sourceField } from './esLogLine';

describe('esHitToLogLine', () => {
  it('reads nested and dotted ECS fields, keeps sub-millisecond digits, normalises level and trace id', () => {
    const line = esHitToLogLine(
      {
        _index: 'logs-msa-2026.12.06',
        _id: '1',
        _source: {
          '@timestamp': '2026-12-06T07:00:00.123456789Z',
          message: 'GET /session 200',
          'log.level': 'WARNING',
          service: { name: 'login-js' },
          kubernetes: { namespace: 'msa' },
          trace: { id: '0123456789ABCDEF' },
        },
        sort: [1796540400123, 4],
      },
      { ...ECS_LOG_FIELDS },
    );
    expect(line).toEqual({
      timestampNs: '1796540400123456789',
      line: 'GET /session 200',
      level: 'warn',
      traceId: '00000000000000000123456789abcdef',
      labels: {
        _index: 'logs-msa-2026.12.06',
        'service.name': 'login-js',
        'kubernetes.namespace': 'msa',
      },
    });
  });

  it('falls back to the sort value, calls an unknown level unknown, and drops a hit without time', () => {
    const fields = { ...ECS_LOG_FIELDS, level: 'severity' };
    const line = esHitToLogLine(
      {
        _index: 'i',
        _id: '1',
        _source: { message: 'x', severity: 'loud' },
        sort: [5, 0],
      },
      fields,
    );
    expect(line).toMatchObject({ timestampNs: '5000000', level: 'unknown' });
    expect(line?.traceId).toBeUndefined();
    expect(
      esHitToLogLine({ _index: 'i', _id: '2', _source: {} }, fields),
    ).toBeUndefined();
  });

  it('finds no inherited members', () => {
    expect(sourceField({ a: {} }, 'a.constructor')).toBeUndefined();
    expect(sourceField({}, '__proto__')).toBeUndefined();
  });
});
