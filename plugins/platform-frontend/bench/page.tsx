// Bench page: renders the real log viewer and trace view, and times data-to-first-paint in the browser.
import { createTheme, ThemeProvider } from '@material-ui/core/styles';
import {
  LogLine,
  LogLevel,
  TraceSpan,
} from '@paved-road/backstage-plugin-platform-common';
// The bench page bundles its own React, like the app does; react-dom is a devDependency of the package.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { createRoot, Root } from 'react-dom/client';
import { LogViewer } from '../src/components/LogsCard/LogViewer';
import { TraceDetailView } from '../src/components/TracesCard/TraceDetailView';

const theme = createTheme({ palette: { type: 'dark' } });
const levels: LogLevel[] = ['info', 'info', 'info', 'debug', 'warn', 'error'];

function makeLines(n: number): LogLine[] {
  const base = BigInt(Date.now()) * 1000000n;
  return Array.from({ length: n }, (_, i) => ({
    timestampNs: String(base - BigInt(i) * 1000000n),
    line: `GET /api/login/${i} 200 ${i % 97}ms user=u${
      i % 13
    } ua="Mozilla/5.0 (X11; Linux x86_64)"`,
    level: levels[i % levels.length],
    traceId:
      i % 3 === 0 ? (i * 2654435761).toString(16).padStart(32, '0') : undefined,
    labels: { app: 'msa-nginx' },
  }));
}

function makeSpans(n: number): TraceSpan[] {
  const base = BigInt(Date.now()) * 1000000n;
  const services = [
    'msa-nginx',
    'login-js',
    'postgres',
    'redis',
    'auth',
    'mailer',
  ];
  return Array.from({ length: n }, (_, i) => {
    const parent = i === 0 ? undefined : Math.floor((i - 1) / 4);
    return {
      spanId: i.toString(16).padStart(16, '0'),
      parentSpanId:
        parent === undefined
          ? undefined
          : parent.toString(16).padStart(16, '0'),
      serviceName: services[i % services.length],
      name: `op-${i % 40}`,
      kind: 'internal',
      startTimeNs: String(base + BigInt(i) * 100000n),
      durationNs: 1000000 + (i % 50) * 100000,
      status: i % 97 === 0 ? 'error' : 'unset',
      attributes: { 'http.route': `/r/${i % 10}` },
      events: [],
    } as TraceSpan;
  });
}

/** Resolves after the browser has painted the frame that holds the committed render. */
function afterPaint(): Promise<void> {
  return new Promise(resolve =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(undefined);
    }),
  );
}

let root: Root | undefined;
function mount(element: JSX.Element): Promise<number> {
  root?.unmount();
  const container = document.getElementById('root')!;
  root = createRoot(container);
  const t0 = performance.now();
  root.render(<ThemeProvider theme={theme}>{element}</ThemeProvider>);
  return afterPaint().then(() => performance.now() - t0);
}

const noop = () => {};

(window as any).bench = {
  async logs(n: number) {
    const lines = makeLines(n);
    const ms = await mount(
      <LogViewer lines={lines} onTraceClick={noop} height={600} />,
    );
    return {
      ms,
      rows: document.querySelectorAll('[data-testid="log-row"]').length,
    };
  },
  async waterfall(n: number) {
    const trace = { traceId: 'f'.repeat(32), spans: makeSpans(n) };
    const ms = await mount(
      <TraceDetailView trace={trace} onBack={noop} onShowLogs={noop} />,
    );
    return {
      ms,
      rows: document.querySelectorAll('[data-testid="waterfall-row"]').length,
    };
  },
};
(window as any).benchReady = true;
