import { expect, test } from '@playwright/test';
import { HEALTH_TAB_PATH, openLiveHealthTab } from './healthTab';
import { SANDBOX, endpoints } from './platformApis';
import { signInAsGuest } from './signIn';

const ALERTMANAGER = 'http://127.0.0.1:17093';

// An open Health tab follows its sources without a reload: a new alert, and a sync to its outcome.
test('an open Health tab shows a new alert and follows a sync without a reload', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  await signInAsGuest(page);
  await openLiveHealthTab(page);
  let reloads = 0;
  page.on('framenavigated', frame => {
    if (frame === page.mainFrame()) reloads += 1;
  });

  const alerts = page.getByRole('region', { name: 'Alerts' });
  // The rules that cover the demo service are listed even when nothing fires.
  await expect(alerts.getByRole('list', { name: 'Alert rules' })).toContainText(
    'HighErrorRatio',
  );
  await expect(
    alerts.getByRole('link', { name: /^Alertmanager/ }),
  ).toHaveAttribute('href', /filter=.*service%3D%22msa-nginx%22/);
  const name = `E2eLive${Date.now().toString(36)}`;
  const alert = (endsAt: Date) => ({
    labels: {
      alertname: name,
      namespace: 'msa',
      service: 'msa-nginx',
      severity: 'warning',
    },
    annotations: { summary: 'e2e live refresh' },
    startsAt: new Date().toISOString(),
    endsAt: endsAt.toISOString(),
  });
  const fired = await request.post(`${ALERTMANAGER}/api/v2/alerts`, {
    data: [alert(new Date(Date.now() + 300_000))],
  });
  expect(fired.ok()).toBe(true);
  try {
    // Cache TTL (15 s) + the card's rhythm (3 s), with room for a loaded machine.
    await expect(alerts.getByText(name)).toBeVisible({ timeout: 40_000 });
    await expect(alerts.getByTestId('updated-ago')).toContainText(
      /Updated \d+/,
    );
  } finally {
    await request.post(`${ALERTMANAGER}/api/v2/alerts`, {
      data: [alert(new Date())],
    });
  }

  // Sync: the card follows the operation and shows its outcome.
  const argo = page.getByRole('region', { name: 'Argo CD' });
  const app = `${
    endpoints().kubernetes
  }/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/msa-nginx`;
  const before = await request.get(app, {
    headers: { Authorization: SANDBOX.kubeAuth },
  });
  const startedBefore = (await before.json()).status?.operationState?.startedAt;
  await argo.getByRole('button', { name: 'Sync', exact: true }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(argo.getByTestId('argocd-following')).toBeVisible();
  await expect(argo.getByTestId('argocd-following')).toBeHidden({
    timeout: 60_000,
  });
  await expect(argo.getByText('Synced').first()).toBeVisible();
  await expect(argo.getByText('Succeeded').first()).toBeVisible();
  const after = await request.get(app, {
    headers: { Authorization: SANDBOX.kubeAuth },
  });
  const operation = (await after.json()).status?.operationState;
  expect(operation?.startedAt).not.toBe(startedBefore);
  expect(operation?.phase).toBe('Succeeded');
  expect(reloads).toBe(0);
});

// A phone-wide Health tab: nothing scrolls sideways, tables are stacked rows, no word breaks letter by letter.
test('the Health tab reads at 390 px', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAsGuest(page);
  await page.goto(HEALTH_TAB_PATH);
  const traceRow = page.getByTestId('trace-row').first();
  await expect(traceRow).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('platform-build').first()).toBeVisible();

  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);

  // Stacked: the header row is not shown, each cell a "label value" line; a row of six such lines is short.
  for (const [table, row] of [
    ['Traces', traceRow],
    [/^Builds of /, page.getByTestId('platform-build').first()],
  ] as const) {
    const header = page.getByRole('table', { name: table }).locator('thead');
    expect(
      await header.evaluate(el => el.getBoundingClientRect().height),
    ).toBeLessThanOrEqual(1);
    const box = await row.boundingBox();
    expect(box!.height).toBeLessThan(200);
    expect(box!.width).toBeLessThanOrEqual(390);
  }
  // No cell wraps letter by letter: that made one traces row ~250 px tall; a cell here is at most a few lines.
  const tallest = await page
    .locator('section td')
    .evaluateAll(cells =>
      Math.max(...cells.map(c => c.getBoundingClientRect().height)),
    );
  expect(tallest).toBeLessThan(90);

  await traceRow.click();
  const waterfallName = page
    .getByTestId('waterfall-row')
    .first()
    .locator('[role="gridcell"]')
    .first();
  await expect(waterfallName).toBeVisible();
  const nameBox = await waterfallName.boundingBox();
  expect(nameBox!.width).toBeGreaterThan(120);
  await page.screenshot({
    path: 'artifacts/screenshots/health-tab-390.png',
    fullPage: true,
  });
});
