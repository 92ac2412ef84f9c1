import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { ServiceGraphValue } from '@paved-road/backstage-plugin-platform-common';
import { screen, within } from '@testing-library/react';
import * as f from '../../__testUtils__/fixtures';
import { mockPlatformApi, renderCard } from '../../__testUtils__/renderCard';
import { ServiceGraphCard } from './ServiceGraphCard';

const graph: ServiceGraphValue = {
  workload: 'login-js',
  namespace: 'msa',
  metrics: 'istio',
  windowSeconds: 300,
  callers: [
    {
      peer: {
        workload: 'msa-nginx',
        namespace: 'msa',
        external: false,
        entityRef: 'component:default/msa-nginx',
      },
      rate: 4.5,
      errorRatio: 0.08,
      p95Ms: 35,
    },
    {
      peer: { workload: 'unknown', namespace: 'unknown', external: true },
      rate: 0.5,
      errorRatio: 0.001,
      p95Ms: null,
    },
  ],
  callees: [
    {
      peer: { workload: 'users-db', namespace: 'data', external: false },
      rate: 9,
      errorRatio: 0.02,
      p95Ms: 1250,
    },
  ],
  kialiUrl:
    'https://kiali.example/kiali/console/namespaces/msa/workloads/login-js',
};

function render(value: ServiceGraphValue | ReturnType<typeof f.ok>) {
  const api = mockPlatformApi({
    getServiceGraph: jest.fn(async () =>
      'ok' in value ? (value as any) : f.ok(value),
    ),
  });
  renderCard(<ServiceGraphCard />, {
    api,
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
  return api;
}

describe('ServiceGraphCard', () => {
  it('shows callers and callees as tables around the component, with rate, error ratio and p95', async () => {
    render(graph);
    const callers = await screen.findByRole('table', {
      name: 'Callers of login-js',
    });
    const callees = screen.getByRole('table', { name: 'Called by login-js' });
    const callerRows = within(callers).getAllByTestId(
      'platform-service-graph-edge',
    );
    expect(callerRows).toHaveLength(2);
    expect(within(callerRows[0]).getByText('4.5 req/s')).toBeInTheDocument();
    expect(within(callerRows[0]).getByText('8%')).toHaveAttribute(
      'data-tone',
      'error',
    );
    expect(within(callerRows[0]).getByText('35 ms')).toBeInTheDocument();
    expect(within(callerRows[1]).getByText('0.1%')).toHaveAttribute(
      'data-tone',
      'ok',
    );
    expect(within(callerRows[1]).getByText('–')).toBeInTheDocument();
    const [calleeRow] = within(callees).getAllByTestId(
      'platform-service-graph-edge',
    );
    expect(within(calleeRow).getByText('data/users-db')).toBeInTheDocument();
    expect(within(calleeRow).getByText('2%')).toHaveAttribute(
      'data-tone',
      'warning',
    );
    expect(within(calleeRow).getByText('1.3 s')).toBeInTheDocument();
    expect(
      screen.getByRole('group', { name: 'login-js in namespace msa' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('From Istio metrics, last 5 minutes'),
    ).toBeInTheDocument();
  });

  it('links a peer with an entity to its Health tab and labels the others external', async () => {
    render(graph);
    const link = await screen.findByRole('link', { name: 'msa-nginx' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/msa-nginx/health',
    );
    const callers = screen.getByRole('table', { name: 'Callers of login-js' });
    const rows = within(callers).getAllByTestId('platform-service-graph-edge');
    expect(within(rows[1]).getByText('external')).toHaveAttribute(
      'title',
      'Outside the mesh',
    );
    expect(within(rows[1]).queryByRole('link')).toBeNull();
    const callees = screen.getByRole('table', { name: 'Called by login-js' });
    expect(within(callees).getByText('external')).toHaveAttribute(
      'title',
      'No catalog entity you can see runs this workload',
    );
  });

  it('links to Kiali when the backend gives a link, and not otherwise', async () => {
    render(graph);
    expect(await screen.findByRole('link', { name: /kiali/i })).toHaveAttribute(
      'href',
      graph.kialiUrl,
    );
  });

  it('has no Kiali link without one', async () => {
    render({ ...graph, kialiUrl: undefined });
    await screen.findByRole('table', { name: 'Callers of login-js' });
    expect(screen.queryByRole('link', { name: /kiali/i })).toBeNull();
  });

  it('says when there is no traffic at all, and when one side is empty', async () => {
    render({ ...graph, callers: [], callees: [] });
    expect(await screen.findByText('No traffic in or out')).toBeInTheDocument();
  });

  it('says a side is empty while the other has edges, and shows catalog warnings', async () => {
    render({
      ...graph,
      callees: [],
      warnings: ['The catalog could not be read'],
    });
    await screen.findByRole('table', { name: 'Callers of login-js' });
    expect(screen.getByText('Calls nothing')).toBeInTheDocument();
    expect(screen.getByTestId('platform-warnings')).toHaveTextContent(
      'The catalog could not be read',
    );
  });

  it('shows an upstream failure in this card only, with a retry', async () => {
    render({
      ok: false,
      error: { kind: 'unreachable', message: 'Prometheus did not answer' },
    } as any);
    expect(
      await screen.findByText(/Prometheus did not answer/),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /retry/i })).toBeInTheDocument();
  });
});
