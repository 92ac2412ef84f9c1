import fs from 'node:fs';

/** One case of the hostile-reads suite, as the figure script reads it. */
export interface HostileOutcome {
  suite: 'hostile-reads';
  case: string;
  kind: 'scope-leak';
  leaked: boolean;
}

/**
 * Appends a case's outcome as one JSON line to the file named by HOSTILE_RESULTS_FILE; a no-op when the
 * variable is unset. The test still asserts the outcome: this only lets a figure script count across suites.
 */
export function recordScopeLeak(
  testCase: string,
  leaked: boolean,
  file = process.env.HOSTILE_RESULTS_FILE,
): void {
  if (!file) return;
  const outcome: HostileOutcome = {
    suite: 'hostile-reads',
    case: testCase,
    kind: 'scope-leak',
    leaked,
  };
  fs.appendFileSync(file, `${JSON.stringify(outcome)}\n`);
}

/** The scope leaks recorded in a results file (lines of other suites and kinds are skipped). */
export function countScopeLeaks(file: string): number {
  if (!fs.existsSync(file)) return 0;
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line) as Partial<HostileOutcome>)
    .filter(
      o =>
        o.suite === 'hostile-reads' &&
        o.kind === 'scope-leak' &&
        o.leaked === true,
    ).length;
}
