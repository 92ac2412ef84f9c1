import { execFileSync } from 'node:child_process';
import path from 'node:path';

// `yarn sandbox` runs these files with Node's own type stripping, not the test transform: syntax it does not
// take (parameter properties, enums, namespaces) passes every other test and breaks the sandbox. Load it as
// Node does.
describe('the sandbox under Node type stripping', () => {
  it('loads every module the CLI loads', () => {
    const out = execFileSync(
      process.execPath,
      [
        '--disable-warning=MODULE_TYPELESS_PACKAGE_JSON',
        '--input-type=module',
        '-e',
        "const m = await import('./src/index.ts'); console.log(typeof m.startSandbox);",
      ],
      { cwd: path.resolve(__dirname, '..'), encoding: 'utf8' },
    );
    expect(out.trim()).toBe('function');
  });
});
