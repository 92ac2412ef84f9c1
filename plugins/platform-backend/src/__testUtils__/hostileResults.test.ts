import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { countScopeLeaks, recordScopeLeak } from './hostileResults';

describe('hostile results file', () => {
  it('appends one JSON line per case and counts the leaks', () => {
    const file = path.join(
      fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-')),
      'results.jsonl',
    );
    fs.writeFileSync(
      file,
      `${JSON.stringify({
        suite: 'hostile-writes',
        case: 'x',
        kind: 'takeover',
        leaked: true,
      })}\n`,
    );
    recordScopeLeak('a', false, file);
    recordScopeLeak('b', true, file);
    expect(
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .slice(1, 3)
        .map(l => JSON.parse(l)),
    ).toEqual([
      { suite: 'hostile-reads', case: 'a', kind: 'scope-leak', leaked: false },
      { suite: 'hostile-reads', case: 'b', kind: 'scope-leak', leaked: true },
    ]);
    expect(countScopeLeaks(file)).toBe(1);
  });

  it('is a no-op without a file', () => {
    expect(() => recordScopeLeak('a', true, undefined)).not.toThrow();
    expect(
      countScopeLeaks(path.join(os.tmpdir(), 'does-not-exist-hostile.jsonl')),
    ).toBe(0);
  });
});
