import { test, expect } from '@playwright/test';
import { signInAsGuest } from './signIn';

// The Health tab of a demo service against the sandbox: verdict, every card, and the log <-> trace links.
test('the Health tab shows the verdict and every source, and links logs and traces', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto('/catalog/default/component/msa-nginx/health');

  const verdict = page.getByTestId('platform-verdict');
  await expect(verdict).toBeVisible();
  await expect(
    verdict.getByText(/^(healthy|degraded|failing|unknown)$/).first(),
  ).toBeVisible();
  for (const title of [
    'Argo CD',
    'Alerts',
    'RED metrics',
    'Logs',
    'Traces',
    'Builds',
  ]) {
    await expect(page.getByRole('region', { name: title })).toBeVisible();
  }
  // Every card settles on data or a per-source state, never a spinner.
  await expect(page.getByRole('status', { name: /^Loading/ })).toHaveCount(0, {
    timeout: 30_000,
  });
  await expect(page.getByTestId('argocd-app-msa-nginx')).toBeVisible();
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
