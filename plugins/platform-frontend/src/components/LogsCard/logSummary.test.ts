import { LogLine } from '@paved-road/backstage-plugin-platform-common';
import { summarizeLogLine } from './logSummary';

const line = (text: string, extra: Partial<LogLine> = {}): LogLine => ({
  timestampNs: '1',
  line: text,
  level: 'info',
  labels: {},
  ...extra,
});

describe('summarizeLogLine', () => {
  it('takes the JSON msg and its status and duration', () => {
    const summary = summarizeLogLine(
      line(
        '{"ts":"2026-01-01T00:00:00Z","level":"info","msg":"GET /orders","status":503,"duration_ms":12.5}',
      ),
    );
    expect(summary.message).toBe('GET /orders');
    expect(summary.fields).toEqual([
      ['status', '503'],
      ['duration', '12.5'],
    ]);
  });

  it('reads logfmt', () => {
    const summary = summarizeLogLine(
      line('ts=2026-01-01T00:00:00Z level=warn msg="slow query" took=1.2s'),
    );
    expect(summary.message).toBe('slow query');
    expect(summary.fields).toEqual([['duration', '1.2s']]);
  });

  it('keeps a plain line whole, and a structured line without a message', () => {
    expect(summarizeLogLine(line('plain text here')).message).toBe(
      'plain text here',
    );
    expect(summarizeLogLine(line('{"a":1}')).message).toBe('{"a":1}');
  });

  it('takes fields from structured metadata when the line has none', () => {
    const withMetadata = {
      ...line('{"msg":"done"}'),
      structuredMetadata: { status: '200' },
    } as LogLine;
    expect(summarizeLogLine(withMetadata).fields).toEqual([['status', '200']]);
  });
});
