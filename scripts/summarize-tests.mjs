// Adds up the Jest and Playwright JSON reports into the one plain line CI reads: "N passed, N failed".
import { existsSync, readFileSync } from 'node:fs';

let passed = 0;
let failed = 0;
let skipped = 0;
const lines = [];
const reportedFailures = {};

const jestFile = 'artifacts/jest.json';
if (existsSync(jestFile)) {
  const jest = JSON.parse(readFileSync(jestFile, 'utf8'));
  passed += jest.numPassedTests;
  reportedFailures.jest = jest.numFailedTests + jest.numRuntimeErrorTestSuites;
  failed += reportedFailures.jest;
  skipped += jest.numPendingTests + jest.numTodoTests;
  lines.push(
    `jest: ${jest.numPassedTests} passed, ${jest.numFailedTests} failed, ${jest.numPendingTests} skipped, ${jest.numRuntimeErrorTestSuites} suites failed to run`,
  );
} else {
  failed += 1;
  lines.push('jest: no report (the unit/integration run did not finish)');
}

const e2eFile = 'artifacts/e2e/results.json';
if (process.env.SKIP_E2E !== '1') {
  if (existsSync(e2eFile)) {
    const stats = JSON.parse(readFileSync(e2eFile, 'utf8')).stats;
    passed += stats.expected + stats.flaky;
    reportedFailures.e2e = stats.unexpected;
    failed += stats.unexpected;
    skipped += stats.skipped;
    lines.push(
      `e2e: ${stats.expected} passed, ${stats.unexpected} failed, ${stats.flaky} flaky, ${stats.skipped} skipped`,
    );
  } else {
    failed += 1;
    lines.push('e2e: no report (the browser run did not finish)');
  }
}

const hostileFile = 'artifacts/hostile-writes/results.json';
if (process.env.SKIP_HOSTILE !== '1') {
  if (existsSync(hostileFile)) {
    const hostile = JSON.parse(readFileSync(hostileFile, 'utf8'));
    passed += hostile.passed;
    reportedFailures['hostile-writes'] = hostile.failed;
    failed += hostile.failed;
    lines.push(
      `hostile writes: ${hostile.passed} passed, ${hostile.failed} failed`,
    );
  } else {
    failed += 1;
    lines.push('hostile writes: no report (the run did not finish)');
  }
}

// A step that exited non-zero with no failed test of its own to show for it (type-check, lint, build, or
// a jest/e2e crash after its report was written) counts as one failure, so it can't hide behind green tests.
const failedSteps = (process.env.FAILED_STEPS ?? '').split(' ').filter(Boolean);
if (failedSteps.length > 0) {
  lines.push(`steps that exited non-zero: ${failedSteps.join(', ')}`);
  failed += failedSteps.filter(step => !(reportedFailures[step] > 0)).length;
}

for (const line of lines) console.log(line);
console.log(
  `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
process.exit(failed > 0 ? 1 : 0);
