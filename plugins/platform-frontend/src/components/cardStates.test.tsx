import { ResponseError } from '@backstage/errors';
import { SourceResult } from '@paved-road/backstage-plugin-platform-common';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { PlatformApi } from '../api';
import * as f from '../__testUtils__/fixtures';
import { mockPlatformApi, renderCard } from '../__testUtils__/renderCard';
import { AlertsCard } from './AlertsCard';
import { ArgoCdCard } from './ArgoCdCard';
import { BuildsCard } from './BuildsCard';
import { LogsCard } from './LogsCard';
import { MetricsCard } from './MetricsCard';
import { TracesCard } from './TracesCard';

type Method =
  | 'getArgoCd'
  | 'getAlerts'
  | 'getMetrics'
  | 'getLogs'
  | 'getTraces'
  | 'getBuilds';

const cards: Array<{
  name: string;
  element: JSX.Element;
  method: Method;
  annotation: string;
  empty: unknown;
  emptyText: RegExp;
}> = [
  {
    name: 'Argo CD',
    element: <ArgoCdCard />,
    method: 'getArgoCd',
    annotation: 'argocd/app-name',
    empty: { applications: [] },
    emptyText: /no argo cd application/i,
  },
  {
    name: 'Alerts',
    element: <AlertsCard />,
    method: 'getAlerts',
    annotation: 'prometheus.io/labels',
    empty: { alerts: [], rules: [] },
    emptyText: /no alerts and no alert rules/i,
  },
  {
    name: 'Metrics',
    element: <MetricsCard />,
    method: 'getMetrics',
    annotation: 'backstage.io/kubernetes-id',
    empty: { ...f.metrics, series: [] },
    emptyText: /no metrics in this range/i,
  },
  {
    name: 'Logs',
    element: <LogsCard />,
    method: 'getLogs',
    annotation: 'platform.paved-road.dev/loki-labels',
    empty: { lines: [], truncated: false, limit: 1000 },
    emptyText: /no log lines match/i,
  },
  {
    name: 'Traces',
    element: <TracesCard />,
    method: 'getTraces',
    annotation: 'platform.paved-road.dev/tempo-service-name',
    empty: { traces: [] },
    emptyText: /no traces match/i,
  },
  {
    name: 'Builds',
    element: <BuildsCard />,
    method: 'getBuilds',
    annotation: 'jenkins.io/job-full-name',
    empty: { ...f.builds, builds: [] },
    emptyText: /no builds yet/i,
  },
];

function apiWith(
  method: Method,
  impl: () => Promise<unknown>,
): jest.Mocked<PlatformApi> {
  return mockPlatformApi({ [method]: jest.fn(impl) } as Partial<PlatformApi>);
}

describe.each(cards)(
  '$name card states',
  ({ element, method, annotation, empty, emptyText, name }) => {
    it('shows a loading state', async () => {
      renderCard(element, { api: mockPlatformApi() });
      expect(
        await screen.findByRole('status', { name: /loading/i }),
      ).toBeInTheDocument();
    });

    it('shows the source error kind and message, and retries', async () => {
      const failure: SourceResult<never> = {
        ok: false,
        error: {
          kind: 'timeout',
          status: 504,
          message: `${name} upstream timed out`,
        },
      };
      const api = apiWith(method, async () => failure);
      renderCard(element, { api });
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('Timed out');
      expect(alert).toHaveTextContent('HTTP 504');
      expect(alert).toHaveTextContent(`${name} upstream timed out`);
      fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
      await waitFor(() => expect(api[method]).toHaveBeenCalledTimes(2));
    });

    it('shows a request failure of the platform backend', async () => {
      const response = new Response(
        JSON.stringify({ error: { name: 'Error', message: 'backend down' } }),
        { status: 502, headers: { 'Content-Type': 'application/json' } },
      );
      const error = await ResponseError.fromResponse(response);
      renderCard(element, {
        api: apiWith(method, async () => Promise.reject(error)),
      });
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('Request failed');
      expect(alert).toHaveTextContent('HTTP 502');
    });

    it('names the missing annotation', async () => {
      renderCard(element, {
        api: apiWith(method, async () => ({
          ok: false,
          error: {
            kind: 'not-configured',
            message: 'no annotation',
            missingAnnotation: annotation,
          },
        })),
      });
      expect(
        await screen.findByText(/missing annotation/i),
      ).toBeInTheDocument();
      expect(screen.getAllByText(annotation).length).toBeGreaterThan(0);
    });

    it('shows an empty state', async () => {
      renderCard(element, {
        api: apiWith(method, async () => f.ok(empty)),
      });
      expect(await screen.findByText(emptyText)).toBeInTheDocument();
    });
  },
);
