import { expect, test } from '@playwright/test';
import { signInAsGuest } from './signIn';

const LOGIN_JS_HEALTH = '/catalog/default/component/login-js/health';

// The service graph card against the sandbox: login-js is called by msa-nginx (in the mesh, in the catalog) and by
// a caller outside the mesh; following msa-nginx opens its Health tab, whose graph has login-js as a callee.
test('the service graph shows callers and callees with their figures and links a node to its entity', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInAsGuest(page);
  await page.goto(LOGIN_JS_HEALTH);
  const card = page.getByRole('region', { name: 'Service graph' });
  const callers = card.getByRole('table', { name: 'Callers of login-js' });
  // Prometheus needs a few scrapes of the demo traffic before the 5-minute rates have points.
  await expect(async () => {
    await page.reload();
    await expect(callers.getByRole('link', { name: 'msa-nginx' })).toBeVisible({
      timeout: 10_000,
    });
    await expect(callers.getByText('external')).toBeVisible();
  }).toPass({ timeout: 150_000, intervals: [5_000] });

  await expect(card.getByRole('alert')).toHaveCount(0);
  await expect(
    card.getByRole('group', { name: 'login-js in namespace msa' }),
  ).toBeVisible();
  const nginxRow = callers
    .getByTestId('platform-service-graph-edge')
    .filter({ has: page.getByRole('link', { name: 'msa-nginx' }) });
  await expect(nginxRow.getByText(/req\/s$/)).toBeVisible();
  await expect(nginxRow.getByText(/%$/)).toBeVisible();
  await expect(nginxRow.getByText(/ m?s$/)).toBeVisible();
  await card.screenshot({ path: 'artifacts/screenshots/service-graph.png' });

  await callers.getByRole('link', { name: 'msa-nginx' }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/msa-nginx\/health$/,
  );
  const nginxCard = page.getByRole('region', { name: 'Service graph' });
  await expect(
    nginxCard
      .getByRole('table', { name: 'Called by msa-nginx' })
      .getByRole('link', { name: 'login-js' }),
  ).toBeVisible({ timeout: 30_000 });
});
