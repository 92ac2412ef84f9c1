import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  FleetRow,
  FleetValue,
} from '@paved-road/backstage-plugin-platform-common';
import { screen, within } from '@testing-library/react';
import { platformApiRef } from '../../api';
import { mockPlatformApi } from '../../__testUtils__/renderCard';
import { fleetPageRouteRef } from '../../routes';
import { MyServicesCard } from '../MyServicesCard';
import { FleetPage } from './FleetPage';

const row = (name: string, verdict: FleetRow['verdict']): FleetRow => ({
  entityRef: `component:default/${name}`,
  name,
  namespace: 'default',
  owner: 'group:default/platform-team',
  verdict,
  reasons: [],
  sources: {},
});

const fleet: FleetValue = {
  rows: [
    row('login-js', 'healthy'),
    row('msa-nginx', 'failing'),
    row('orders', 'degraded'),
  ],
  truncated: false,
  generatedAt: '2026-12-06T00:00:00Z',
};

function render(element: JSX.Element, ownershipEntityRefs: string[]) {
  const api = mockPlatformApi({ getFleet: jest.fn(async () => fleet) });
  renderInTestApp(element, {
    apis: [
      [platformApiRef, api],
      mockApis.identity({
        userEntityRef: 'user:default/guest',
        ownershipEntityRefs,
      }),
    ],
    mountedRoutes: {
      '/catalog/:namespace/:kind/:name': entityRouteRef,
      '/platform/fleet': fleetPageRouteRef,
    },
  });
  return api;
}

describe('FleetPage and the My services card', () => {
  it("lists the components of the signed-in user's groups, failing first, each linked to its Health tab", async () => {
    const api = render(<FleetPage />, [
      'user:default/guest',
      'group:default/platform-team',
      'component:default/not-an-owner',
    ]);
    const table = await screen.findByTestId('fleet-table', undefined, {
      timeout: 10_000,
    });
    expect(api.getFleet).toHaveBeenCalledWith({
      owners: ['user:default/guest', 'group:default/platform-team'],
    });
    const links = within(table).getAllByRole('link');
    expect(links.map(l => l.textContent)).toEqual([
      'msa-nginx',
      'orders',
      'login-js',
    ]);
    expect(links[0]).toHaveAttribute(
      'href',
      '/catalog/default/component/msa-nginx/health',
    );
  }, 30_000);

  it('says so instead of asking the route when the sign-in owns nothing', async () => {
    const api = render(<FleetPage />, ['component:default/x']);
    expect(
      await screen.findByText(
        /no group or user that owns components/,
        undefined,
        {
          timeout: 10_000,
        },
      ),
    ).toBeInTheDocument();
    expect(api.getFleet).not.toHaveBeenCalled();
  }, 30_000);

  it('home card: counts by verdict, the services needing attention, and the link to the page', async () => {
    render(<MyServicesCard />, ['group:default/platform-team']);
    expect(
      await screen.findByText('1 failing, 1 degraded, 1 healthy', undefined, {
        timeout: 10_000,
      }),
    ).toBeInTheDocument();
    const problems = screen.getByRole('list', { name: 'Needs attention' });
    expect(
      within(problems)
        .getAllByRole('link')
        .map(l => [l.textContent, l.getAttribute('href')]),
    ).toEqual([
      ['msa-nginx', '/catalog/default/component/msa-nginx/health'],
      ['orders', '/catalog/default/component/orders/health'],
    ]);
    expect(
      screen.getByRole('link', { name: 'All my services' }),
    ).toHaveAttribute('href', '/platform/fleet');
  }, 30_000);
});
