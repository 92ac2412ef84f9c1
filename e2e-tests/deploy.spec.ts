import { expect, test } from '@playwright/test';
import {
  registerForeignComponent,
  unregisterForeignComponent,
} from './foreignComponent';
import { guestToken } from './platformApis';
import { deployThroughApi, prepareRollback, waitForEntity } from './rollback';
import { signInAsGuest } from './signIn';

const BASE = 'http://127.0.0.1:7007';

// The owner rolls msa-nginx back to its previous successful build from the Builds card: the dialog previews the
// msa_deploy diff, the confirmation commits it, and the Argo CD card follows until that image runs Synced/Healthy.
test('the owner rolls msa-nginx back to the previous build from the Health tab', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  await signInAsGuest(page);
  const token = await guestToken(request);
  await waitForEntity(BASE, token, {
    kind: 'component',
    namespace: 'default',
    name: 'msa-nginx',
  });
  // When the live build is the oldest successful one, a newer one is deployed first (through the API).
  const { live, target } = await prepareRollback({
    baseUrl: BASE,
    token,
    app: 'msa-nginx',
    jobFullName: 'msa/msa-nginx',
  });
  expect(target).toBeLessThan(live);

  await page.goto('/catalog/default/component/msa-nginx/health');
  const builds = page.getByRole('region', { name: 'Builds' });
  const rollBack = builds.getByRole('button', {
    name: `Deploy build #${target}`,
    exact: true,
  });
  await expect(rollBack).toBeVisible({ timeout: 60_000 });
  // The live build is not offered.
  await expect(
    builds.getByRole('button', { name: `Deploy build #${live}`, exact: true }),
  ).toHaveCount(0);
  await rollBack.click();

  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`Deploy build #${target}?`);
  const diff = dialog.getByLabel('Diff of the deploy commit');
  await expect(diff).toContainText(`msa-nginx:${target}`, { timeout: 30_000 });
  await expect(diff).toContainText(`msa-nginx:${live}`);
  await expect(dialog).toContainText(`from ${live} to ${target}`);
  await dialog
    .getByRole('button', { name: `Deploy build #${target} now` })
    .click();
  await expect(
    page.getByText(`Build #${target} committed to msa_deploy`),
  ).toBeVisible();

  const app = page.getByTestId('argocd-app-msa-nginx');
  await expect(app).toContainText(`msa-nginx:${target}`, { timeout: 60_000 });
  await expect(page.getByTestId('argocd-following')).toHaveCount(0, {
    timeout: 60_000,
  });
  await expect(app).toContainText('Synced');
  await expect(app).toContainText('Healthy');
  // Now the build rolled away from is the one offered.
  await expect(
    builds.getByRole('button', { name: `Deploy build #${live}`, exact: true }),
  ).toBeVisible({ timeout: 30_000 });
});

// A user who does not own the component sees no deploy button, and the API refuses with the permission.
test('a non-owner gets no deploy button and the API refuses', async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  await signInAsGuest(page);
  const token = await guestToken(request);
  const foreign = await registerForeignComponent(BASE, token);
  try {
    await waitForEntity(BASE, token, {
      kind: 'component',
      namespace: 'default',
      name: foreign.name,
    });
    await page.goto(`/catalog/default/component/${foreign.name}/health`);
    const builds = page.getByRole('region', { name: 'Builds' });
    await expect(builds.getByTestId('platform-build').first()).toBeVisible({
      timeout: 60_000,
    });
    await expect(
      builds.getByRole('button', { name: /^Deploy build/ }),
    ).toHaveCount(0);

    const refused = await deployThroughApi(
      BASE,
      token,
      { namespace: 'default', kind: 'component', name: foreign.name },
      1,
      true,
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/platform\.deploy\.write/);
  } finally {
    await unregisterForeignComponent(BASE, token, foreign.locationId);
  }
});
