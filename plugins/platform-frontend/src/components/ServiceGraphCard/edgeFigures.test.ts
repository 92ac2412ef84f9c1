import {
  EDGE_ERROR_RATIO_ERROR,
  errorRatioTone,
  formatErrorRatio,
  formatP95,
  formatRate,
  peerLabel,
} from './edgeFigures';

describe('edge figures', () => {
  it('colours the error ratio by the verdict thresholds', () => {
    expect(errorRatioTone(null)).toBe('neutral');
    expect(errorRatioTone(0)).toBe('ok');
    expect(errorRatioTone(0.0099)).toBe('ok');
    expect(errorRatioTone(0.01)).toBe('warning');
    expect(errorRatioTone(EDGE_ERROR_RATIO_ERROR - 1e-9)).toBe('warning');
    expect(errorRatioTone(EDGE_ERROR_RATIO_ERROR)).toBe('error');
    expect(errorRatioTone(1)).toBe('error');
  });

  it('formats rate, error ratio and p95 with sensible precision', () => {
    expect(formatRate(null)).toBe('–');
    expect(formatRate(123.456)).toBe('123.5 req/s');
    expect(formatRate(4.5)).toBe('4.5 req/s');
    expect(formatRate(0.0333)).toBe('0.033 req/s');
    expect(formatErrorRatio(null)).toBe('–');
    expect(formatErrorRatio(0.25)).toBe('25%');
    expect(formatErrorRatio(0.0123)).toBe('1.23%');
    expect(formatErrorRatio(0.00005)).toBe('0.005%');
    expect(formatP95(null)).toBe('–');
    expect(formatP95(35.04)).toBe('35 ms');
    expect(formatP95(1250)).toBe('1.3 s');
  });

  it('names a peer by workload, with its namespace when it is another one', () => {
    const edge = (namespace?: string, external = false) => ({
      peer: { workload: 'db', namespace, external },
      rate: 1,
      errorRatio: 0,
      p95Ms: 1,
    });
    expect(peerLabel(edge('msa'), 'msa')).toBe('db');
    expect(peerLabel(edge('data'), 'msa')).toBe('data/db');
    expect(peerLabel(edge(undefined), 'msa')).toBe('db');
    expect(peerLabel(edge('unknown', true), 'msa')).toBe('db');
  });
});
