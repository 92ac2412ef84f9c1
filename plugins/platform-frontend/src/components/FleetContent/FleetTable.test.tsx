import { FleetRow } from '@paved-road/backstage-plugin-platform-common';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FLEET_PAGE_SIZE, FleetTable } from './FleetTable';
import { fleetCells } from './fleetCells';

function row(i: number, verdict: FleetRow['verdict']): FleetRow {
  const name = `svc-${String(i).padStart(3, '0')}`;
  return {
    entityRef: `component:default/${name}`,
    name,
    namespace: 'default',
    owner: 'group:default/team-a',
    verdict,
    reasons: [],
    sources: {},
  };
}

// 120 components: every tenth failing, the rest healthy.
const cells = Array.from({ length: 120 }, (_, i) =>
  fleetCells(row(i, i % 10 === 0 ? 'failing' : 'healthy')),
);

const bodyRows = () =>
  within(screen.getByTestId('fleet-table')).getAllByRole('row').slice(1);
const names = () =>
  bodyRows().map(r => within(r).getByRole('link').textContent);

describe('FleetTable', () => {
  it('shows one page at a time, failing first, and pages through the rest', async () => {
    renderInTestApp(
      <FleetTable cells={cells} healthLink={c => `/x/${c.row.name}/health`} />,
    );
    expect(
      await screen.findByText('Page 1 of 3', undefined, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(bodyRows()).toHaveLength(FLEET_PAGE_SIZE);
    expect(names().slice(0, 13)).toEqual([
      ...Array.from(
        { length: 12 },
        (_, i) => `svc-${String(i * 10).padStart(3, '0')}`,
      ),
      'svc-001',
    ]);
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText('Page 3 of 3')).toBeInTheDocument();
    expect(bodyRows()).toHaveLength(120 - 2 * FLEET_PAGE_SIZE);
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    expect(within(bodyRows()[0]).getByRole('link')).toHaveAttribute(
      'href',
      expect.stringMatching(/^\/x\/svc-\d{3}\/health$/),
    );
  }, 30_000);

  it('goes back to the first page when the filter or the sort changes', async () => {
    renderInTestApp(
      <FleetTable cells={cells} healthLink={c => `/x/${c.row.name}`} />,
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Next' }, { timeout: 10_000 }),
    );
    expect(screen.getByText('Page 2 of 3')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('checkbox'));
    expect(bodyRows()).toHaveLength(12);
    expect(screen.queryByText(/Page \d of/)).not.toBeInTheDocument();
    expect(screen.getByText('12 of 120 components')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('checkbox'));
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await userEvent.click(screen.getByRole('button', { name: 'Component' }));
    expect(screen.getByText('Page 1 of 3')).toBeInTheDocument();
    expect(names()[0]).toBe('svc-000');
  }, 30_000);
});
