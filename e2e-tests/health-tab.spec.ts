import { test, expect } from '@playwright/test';
import { LIVE_DATA, openLiveHealthTab } from './healthTab';
import { signInAsGuest } from './signIn';

// The Health tab of a demo service against the sandbox: verdict, every card, and the log <-> trace links.
test('the Health tab shows the verdict and every source, and links logs and traces', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInAsGuest(page);
  await openLiveHealthTab(page);

  const verdict = page.getByTestId('platform-verdict');
  await expect(
    verdict.getByText(/^(healthy|degraded|failing|unknown)$/).first(),
  ).toBeVisible();
  // Every card shows live data from its source (no per-source error state).
  for (const title of ['RED metrics', ...Object.keys(LIVE_DATA)]) {
    const card = page.getByRole('region', { name: title });
    await expect(card.getByRole('alert')).toHaveCount(0);
    await card.screenshot({
      path: `artifacts/screenshots/card-${title
        .toLowerCase()
        .replace(/\s+/g, '-')}.png`,
    });
  }
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
