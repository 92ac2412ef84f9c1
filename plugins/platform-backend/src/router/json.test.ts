import { HealthValue } from '@paved-road/backstage-plugin-platform-common';
import { healthJson, jsonOf, sourceResultJson } from './json';
import { entityParamsOrThrow, noQueryOrThrow } from './params';
import { BoundedMemo, DerivedMemo } from '../service/memo';

describe('response JSON assembled from pieces', () => {
  const value = {
    applications: [
      {
        name: 'a',
        note: 'quote " and \u2028 line separator',
        skipped: undefined,
      },
    ],
  };

  it('writes the same document JSON.stringify writes', () => {
    const ok = {
      ok: true as const,
      value,
      fetchedAt: '2026-01-01T00:00:00.000Z',
    };
    const failed = {
      ok: false as const,
      error: { kind: 'forbidden' as const, message: 'no "way"' },
    };
    expect(sourceResultJson(ok)).toBe(JSON.stringify(ok));
    expect(sourceResultJson(failed)).toBe(JSON.stringify(failed));
    const health: HealthValue = {
      verdict: 'healthy',
      reasons: [{ source: 'argocd', verdict: 'healthy', message: 'fine' }],
      sources: {
        argocd: ok as any,
        alerts: failed,
        metrics: failed,
        builds: ok as any,
      },
    };
    expect(healthJson(health)).toBe(JSON.stringify(health));
  });

  it('serialises a shared value once', () => {
    const spy = jest.spyOn(JSON, 'stringify');
    const shared = { n: 1 };
    jsonOf(shared);
    jsonOf(shared);
    expect(spy.mock.calls.filter(([v]) => v === shared)).toHaveLength(1);
    spy.mockRestore();
    expect(jsonOf(null)).toBe('null');
    expect(jsonOf('x')).toBe('"x"');
  });
});

describe('route parameters checked without a schema run', () => {
  it('lower-cases the entity ref and refuses over-long segments', () => {
    expect(
      entityParamsOrThrow({
        namespace: 'Default',
        kind: 'Component',
        name: 'MSA-nginx',
      }),
    ).toEqual({
      namespace: 'default',
      kind: 'component',
      name: 'msa-nginx',
    });
    expect(() =>
      entityParamsOrThrow({
        namespace: 'default',
        kind: 'component',
        name: 'x'.repeat(254),
      }),
    ).toThrow('Invalid request: name must be 1-253 characters');
  });

  it('passes an empty query and names unknown parameters', () => {
    expect(() => noQueryOrThrow({})).not.toThrow();
    expect(() => noQueryOrThrow({ x: '1', y: '2' })).toThrow(
      'unknown parameter(s) x, y; allowed: none',
    );
  });
});

describe('memos of derived values', () => {
  it('DerivedMemo reuses a value while the anchor, key and inputs are the same', () => {
    const memo = new DerivedMemo<object>(2);
    const anchor = {};
    const make = jest.fn(() => ({}));
    const first = memo.get(anchor, 'k', [1, anchor], make);
    expect(memo.get(anchor, 'k', [1, anchor], make)).toBe(first);
    expect(memo.get(anchor, 'k', [2, anchor], make)).not.toBe(first);
    expect(memo.get(anchor, 'other', [2, anchor], make)).not.toBe(first);
    expect(memo.get({}, 'k', [2, anchor], make)).not.toBe(first);
    expect(make).toHaveBeenCalledTimes(4);
  });

  it('BoundedMemo keeps at most max entries', () => {
    const memo = new BoundedMemo<number>(2);
    const make = jest.fn(() => 1);
    memo.get('a', make);
    memo.get('b', make);
    memo.get('c', make);
    memo.get('c', make);
    memo.get('a', make);
    expect(make).toHaveBeenCalledTimes(4);
  });
});
