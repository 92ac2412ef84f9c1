import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { announceDeploy } from '../deploy/deployEvents';
import * as f from '../../__testUtils__/fixtures';
import { mockPlatformApi, renderCard } from '../../__testUtils__/renderCard';
import { ArgoCdCard } from './ArgoCdCard';

describe('ArgoCdCard', () => {
  it('shows sync, health, operation, revision link, images and history', async () => {
    const api = mockPlatformApi({
      getArgoCd: jest.fn(async () => f.ok(f.argocd)),
    });
    renderCard(<ArgoCdCard />, { api });
    const app = await screen.findByTestId('argocd-app-msa-nginx');
    expect(
      within(app).getByRole('link', { name: 'msa-nginx' }),
    ).toHaveAttribute('href', 'https://argocd.example/applications/msa-nginx');
    expect(within(app).getByText('OutOfSync')).toHaveAttribute(
      'data-tone',
      'warning',
    );
    expect(within(app).getByText('Degraded')).toHaveAttribute(
      'data-tone',
      'error',
    );
    expect(within(app).getByText('Failed')).toBeInTheDocument();
    expect(
      within(app).getByText('one or more objects failed to apply', {
        exact: false,
      }),
    ).toBeInTheDocument();
    expect(within(app).getByRole('link', { name: '0123456' })).toHaveAttribute(
      'href',
      'https://git.example/msa_deploy/commit/0123456',
    );
    expect(
      within(app).getByText('harbor.example/msa/msa-nginx:42'),
    ).toBeInTheDocument();
    const history = within(app).getByRole('table', {
      name: /deployment history/i,
    });
    const rows = within(history).getAllByRole('row');
    // Newest deployment first; a revision without a URL is plain text.
    expect(rows[1]).toHaveTextContent('2');
    expect(within(rows[2]).queryByRole('link')).toBeNull();
  });

  it('syncs after confirmation when allowed, and reports the outcome', async () => {
    const api = mockPlatformApi({
      getArgoCd: jest.fn(async () => f.ok(f.argocd)),
      syncArgoCd: jest.fn(async () => ({
        application: {
          ...f.argocd.applications[0],
          operation: { phase: 'Running' as const },
        },
      })),
    });
    renderCard(<ArgoCdCard />, { api, allowSync: true });
    fireEvent.click(await screen.findByRole('button', { name: 'Sync' }));
    expect(screen.getByRole('dialog')).toHaveTextContent('Sync msa-nginx?');
    expect(api.syncArgoCd).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(
      await screen.findByText(/sync started for msa-nginx \(Running\)/i),
    ).toBeInTheDocument();
    expect(api.syncArgoCd).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'msa-nginx',
    });
    await waitFor(() => expect(api.getArgoCd).toHaveBeenCalledTimes(2));
  });

  it('reports a failed sync', async () => {
    const api = mockPlatformApi({
      getArgoCd: jest.fn(async () => f.ok(f.argocd)),
      syncArgoCd: jest.fn(async () => {
        throw new Error('permission denied by Argo CD');
      }),
    });
    renderCard(<ArgoCdCard />, { api });
    fireEvent.click(await screen.findByRole('button', { name: 'Sync' }));
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(
      await screen.findByText(/sync failed: permission denied by argo cd/i),
    ).toBeInTheDocument();
  });

  it('cancelling the confirmation does not sync', async () => {
    const api = mockPlatformApi({
      getArgoCd: jest.fn(async () => f.ok(f.argocd)),
    });
    renderCard(<ArgoCdCard />, { api });
    fireEvent.click(await screen.findByRole('button', { name: 'Sync' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api.syncArgoCd).not.toHaveBeenCalled();
  });

  it('hides Sync without the permission', async () => {
    const api = mockPlatformApi({
      getArgoCd: jest.fn(async () => f.ok(f.argocd)),
    });
    // usePermission caches decisions per request (SWR), so this test asks about another entity.
    const entity = {
      ...f.entity,
      metadata: { ...f.entity.metadata, name: 'denied' },
    };
    renderCard(<ArgoCdCard />, { api, entity, allowSync: false });
    await screen.findByTestId('argocd-app-msa-nginx');
    expect(screen.queryByRole('button', { name: 'Sync' })).toBeNull();
  });

  it('follows a deploy announced for its entity until the tag runs Synced and Healthy', async () => {
    const landed = f.ok({
      applications: [
        {
          ...f.argocd.applications[0],
          syncStatus: 'Synced' as const,
          healthStatus: 'Healthy' as const,
          operation: { phase: 'Succeeded' as const },
          images: ['harbor.example/msa/msa-nginx:41'],
        },
      ],
    });
    let current = f.ok(f.argocd);
    const api = mockPlatformApi({
      getArgoCd: jest.fn(async () => current),
    });
    renderCard(<ArgoCdCard />, { api });
    await screen.findByTestId('argocd-app-msa-nginx');
    // Another entity's deploy is not followed.
    act(() =>
      announceDeploy({ entityRef: 'component:default/other', tag: '41' }),
    );
    expect(screen.queryByTestId('argocd-following')).toBeNull();

    act(() =>
      announceDeploy({ entityRef: 'component:default/msa-nginx', tag: '41' }),
    );
    expect(await screen.findByTestId('argocd-following')).toHaveTextContent(
      'Following the deploy of image tag 41…',
    );
    await waitFor(() =>
      expect(api.getArgoCd).toHaveBeenLastCalledWith(expect.anything(), {
        fresh: true,
      }),
    );
    current = landed;
    await waitFor(
      () => expect(screen.queryByTestId('argocd-following')).toBeNull(),
      { timeout: 5_000 },
    );
    expect(
      screen.getByText('harbor.example/msa/msa-nginx:41'),
    ).toBeInTheDocument();
  }, 20_000);
});
