import { test, expect } from '@playwright/test';
import { signInAsGuest } from './signIn';

// The Health tab of a demo service against the sandbox: verdict, every card, and the log <-> trace links.
test('the Health tab shows the verdict and every source, and links logs and traces', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/msa-nginx/health');

  const verdict = page.getByTestId('platform-verdict');
  await expect(verdict).toBeVisible();
  await expect(
    verdict.getByText(/^(healthy|degraded|failing|unknown)$/).first(),
  ).toBeVisible();
  // Every card shows live data from its source (no per-source error state). The sandbox has only just started,
  // so Prometheus may need a few scrapes before the RED queries have points: reload until they do.
  const liveData: Record<string, string | RegExp> = {
    'Argo CD': 'argocd-app-msa-nginx',
    Alerts: /^platform-(alert|no-alerts)$/,
    Logs: 'log-row',
    Traces: 'trace-row',
    Builds: 'platform-build',
  };
  await expect(async () => {
    await page.reload();
    const metrics = page.getByRole('region', { name: 'RED metrics' });
    await expect(metrics.getByRole('img').first()).toBeVisible({
      timeout: 10_000,
    });
    for (const [title, testId] of Object.entries(liveData)) {
      const card = page.getByRole('region', { name: title });
      await expect(card.getByTestId(testId).first()).toBeVisible({
        timeout: 10_000,
      });
    }
  }).toPass({ timeout: 120_000, intervals: [5_000] });
  for (const title of ['RED metrics', ...Object.keys(liveData)]) {
    const card = page.getByRole('region', { name: title });
    await expect(card.getByRole('alert')).toHaveCount(0);
    await card.screenshot({
      path: `artifacts/screenshots/card-${title
        .toLowerCase()
        .replace(/\s+/g, '-')}.png`,
    });
  }
  await expect(page.getByRole('status', { name: /^Loading/ })).toHaveCount(0, {
    timeout: 30_000,
  });
  await page.screenshot({
    path: 'artifacts/screenshots/health-tab.png',
    fullPage: true,
  });

  // A trace id on a log line opens that trace; the trace links back to its logs.
  const logs = page.getByRole('region', { name: 'Logs' });
  const traceButton = logs
    .getByRole('button', { name: /^Open trace / })
    .first();
  await expect(traceButton).toBeVisible({ timeout: 60_000 });
  await traceButton.click();
  await expect(page).toHaveURL(/[?&]traceId=[0-9a-f]+/);
  const detail = page.getByTestId('trace-detail');
  await expect(detail).toBeVisible();
  await expect(page.getByTestId('waterfall-row').first()).toBeVisible();
  await page.getByTestId('waterfall-row').first().press('Enter');
  await expect(page.getByTestId('span-details')).toBeVisible();
  await page.screenshot({
    path: 'artifacts/screenshots/health-trace.png',
    fullPage: true,
  });

  await detail.getByRole('button', { name: 'Logs for this trace' }).click();
  await expect(page).toHaveURL(/[?&]logsTraceId=[0-9a-f]+/);
  await expect(page.getByTestId('logs-trace-filter')).toBeVisible();
  await expect(logs.getByTestId('log-row').first()).toBeVisible();
});
