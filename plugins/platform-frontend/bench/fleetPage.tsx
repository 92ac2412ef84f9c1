// Fleet bench page: fetches a recorded fleet answer from the bench's server, renders the real FleetTable
// (production React and MUI, the real translation API) and times it.
//
// What is measured (window.fleetBench resolves with it): from the moment the fleet answer's JSON is parsed
// in the page (data arrival; the fetch itself is not counted) to the first paint after every row the table
// shows is in the DOM (its first page: FLEET_PAGE_SIZE rows, failing first, of the whole answer): fleetCells
// over every row of the answer, filtering and sorting them all, React's render and commit, MUI's style
// injection, layout and paint. Each page load is a fresh navigation, so each figure is a cold first render, as when the
// fleet page opens.
import { createTheme, ThemeProvider } from '@material-ui/core/styles';
import { FleetValue } from '@paved-road/backstage-plugin-platform-common';
// The bench page bundles its own React, like the app does; react-dom and the test utils are devDependencies.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { createRoot } from 'react-dom/client';
import { TestApiProvider, mockApis } from '@backstage/frontend-test-utils';
import {
  FLEET_PAGE_SIZE,
  FleetTable,
} from '../src/components/FleetContent/FleetTable';
import { fleetCells } from '../src/components/FleetContent/fleetCells';

const theme = createTheme({ palette: { type: 'light' } });

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

const rowsInDom = () =>
  document.querySelectorAll('[data-testid="fleet-table"] tbody tr').length;

async function run() {
  const answer: FleetValue = await (await fetch('fleet.json')).json();
  performance.mark('fleet-data');
  const cells = answer.rows.map(fleetCells);
  createRoot(document.getElementById('root')!).render(
    <TestApiProvider apis={[mockApis.translation(), mockApis.error()]}>
      <ThemeProvider theme={theme}>
        <FleetTable cells={cells} healthLink={c => `#${c.row.entityRef}`} />
      </ThemeProvider>
    </TestApiProvider>,
  );
  const expected = Math.min(answer.rows.length, FLEET_PAGE_SIZE);
  // A row count short of the page (a suspended translation, a lazy chunk) keeps waiting.
  while (rowsInDom() < expected) await afterPaint();
  await afterPaint();
  const ms = performance.measure('fleet-table', 'fleet-data').duration;
  return { ms, rows: rowsInDom(), expected, answerRows: answer.rows.length };
}

(window as any).fleetBench = run();
