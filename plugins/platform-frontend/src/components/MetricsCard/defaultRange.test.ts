import { MetricsValue } from '@paved-road/backstage-plugin-platform-common';
import { rangeFittingData } from './defaultRange';

const end = Date.parse('2026-01-01T12:00:00Z') / 1000;

function value(firstPointAgeSeconds: number | undefined): MetricsValue {
  const points: MetricsValue['series'][number]['points'] =
    firstPointAgeSeconds === undefined
      ? [[end - 60, null]]
      : [
          [end - 3600, null],
          [end - firstPointAgeSeconds, 1],
          [end, 2],
        ];
  return {
    start: new Date((end - 3600) * 1000).toISOString(),
    end: new Date(end * 1000).toISOString(),
    stepSeconds: 30,
    series: [{ name: 'rate', unit: 'req/s', points }],
    deployMarkers: [],
  };
}

describe('rangeFittingData', () => {
  it('shrinks "Last hour" to 15 minutes for data ten minutes old', () => {
    expect(rangeFittingData(value(600), 'now-1h')).toBe('now-15m');
  });

  it('keeps a range the data fills at least half of', () => {
    expect(rangeFittingData(value(1900), 'now-1h')).toBeUndefined();
  });

  it('picks the shortest preset that holds all of the data', () => {
    expect(rangeFittingData(value(2 * 3600), 'now-24h')).toBe('now-6h');
  });

  it('leaves it alone without data', () => {
    expect(rangeFittingData(value(undefined), 'now-1h')).toBeUndefined();
  });
});
