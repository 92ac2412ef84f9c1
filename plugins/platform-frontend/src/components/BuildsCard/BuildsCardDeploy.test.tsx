import { ResponseError } from '@backstage/errors';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DeployResponse } from '@paved-road/backstage-plugin-platform-common';
import * as f from '../../__testUtils__/fixtures';
import { mockPlatformApi, renderCard } from '../../__testUtils__/renderCard';
import { BuildsCard } from './BuildsCard';

const builds = f.ok({
  ...f.builds,
  builds: [
    ...f.builds.builds,
    {
      number: 40,
      result: 'SUCCESS' as const,
      startedAt: '2026-01-01T09:00:00Z',
      durationMs: 90000,
    },
    {
      number: 43,
      result: 'SUCCESS' as const,
      startedAt: '2026-01-01T12:00:00Z',
      durationMs: 90000,
    },
  ],
});
// msa-nginx runs image tag 43.
const argocd = f.ok({
  applications: [
    { ...f.argocd.applications[0], images: ['harbor.example/msa/nginx:43'] },
  ],
});

function preview(build: number, dryRun: boolean): DeployResponse {
  return {
    dryRun,
    build,
    jobFullName: 'msa/msa-nginx',
    path: 'msa-nginx.yaml',
    previousTag: '43',
    tag: String(build),
    diff: `-  image: harbor.example/msa/nginx:43\n+  image: harbor.example/msa/nginx:${build}`,
    attempts: 1,
    ...(dryRun ? {} : { commitSha: 'abcdef0123456789' }),
  };
}

/** usePermission caches decisions per resource (SWR): each test uses its own entity. */
function entityNamed(name: string) {
  return { ...f.entity, metadata: { ...f.entity.metadata, name } };
}

describe('BuildsCard deploy', () => {
  it('offers each SUCCESS build that is not live, previews the diff and deploys on confirmation', async () => {
    const api = mockPlatformApi({
      getBuilds: jest.fn(async () => builds),
      getArgoCd: jest.fn(async () => argocd),
      deploy: jest.fn(async (_ref, build, options) =>
        preview(build, options?.dryRun === true),
      ),
    });
    renderCard(<BuildsCard />, { api, entity: entityNamed('deploy-ok') });
    // Two loads (builds, Argo CD) and a permission check before the buttons: patient on a loaded machine.
    const button = await screen.findByRole(
      'button',
      { name: 'Deploy build #41' },
      { timeout: 10_000 },
    );
    expect(
      screen.getByRole('button', { name: 'Deploy build #40' }),
    ).toBeTruthy();
    // 43 is live, 42 failed.
    expect(
      screen.queryByRole('button', { name: 'Deploy build #43' }),
    ).toBeNull();
    expect(
      screen.queryByRole('button', { name: 'Deploy build #42' }),
    ).toBeNull();

    fireEvent.click(button);
    const dialog = await screen.findByRole('dialog');
    expect(dialog).toHaveTextContent('Deploy build #41?');
    const diff = await within(dialog).findByLabelText(
      'Diff of the deploy commit',
    );
    // Verbatim, line breaks and indentation kept.
    expect(diff.textContent).toBe(preview(41, true).diff);
    expect(dialog).toHaveTextContent('from 43 to 41');
    expect(api.deploy).toHaveBeenCalledTimes(1);
    expect(api.deploy).toHaveBeenLastCalledWith(
      { kind: 'Component', namespace: 'default', name: 'deploy-ok' },
      41,
      { dryRun: true },
    );

    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Deploy build #41 now' }),
    );
    expect(
      await screen.findByText(/Build #41 committed to msa_deploy \(abcdef0\)/),
    ).toBeInTheDocument();
    expect(api.deploy).toHaveBeenCalledTimes(2);
    expect(api.deploy).toHaveBeenLastCalledWith(
      { kind: 'Component', namespace: 'default', name: 'deploy-ok' },
      41,
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  }, 30_000);

  it("shows the backend's refusal and cannot confirm", async () => {
    const refusal = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotAllowedError',
            message: 'msa-nginx.yaml belongs to group:default/other-team',
          },
          response: { statusCode: 403 },
        }),
        { status: 403, headers: { 'Content-Type': 'application/json' } },
      ) as any,
    );
    const api = mockPlatformApi({
      getBuilds: jest.fn(async () => builds),
      getArgoCd: jest.fn(async () => argocd),
      deploy: jest.fn(async () => {
        throw refusal;
      }),
    });
    renderCard(<BuildsCard />, { api, entity: entityNamed('deploy-refused') });
    fireEvent.click(
      await screen.findByRole(
        'button',
        { name: 'Deploy build #40' },
        { timeout: 10_000 },
      ),
    );
    expect(
      await screen.findByTestId('platform-deploy-refusal'),
    ).toHaveTextContent(
      'Deploy refused: msa-nginx.yaml belongs to group:default/other-team',
    );
    expect(
      screen.getByRole('button', { name: 'Deploy build #40 now' }),
    ).toBeDisabled();
    expect(api.deploy).toHaveBeenCalledTimes(1);
  }, 20_000);

  it('offers no deploy without platform.deploy.write', async () => {
    const api = mockPlatformApi({
      getBuilds: jest.fn(async () => builds),
      getArgoCd: jest.fn(async () => argocd),
    });
    renderCard(<BuildsCard />, {
      api,
      entity: entityNamed('deploy-denied'),
      allowSync: false,
    });
    await screen.findAllByTestId('platform-build');
    expect(screen.queryByRole('button', { name: /deploy build/i })).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Deploy' })).toBeNull();
    // The live tag is only read for users who may deploy.
    expect(api.getArgoCd).not.toHaveBeenCalled();
  });
});
