import { Page, expect } from '@playwright/test';

/** The demo service whose Health tab the browser tests open. */
export const HEALTH_TAB_PATH = '/catalog/default/component/msa-nginx/health';

/** Card titles, and the test id each shows only once its source has answered with data. */
export const LIVE_DATA: Record<string, string | RegExp> = {
  'Argo CD': 'argocd-app-msa-nginx',
  Alerts: /^platform-(alert|no-alerts)$/,
  Logs: 'log-row',
  Traces: 'trace-row',
  Builds: 'platform-build',
  'Service graph': 'platform-service-graph-edge',
};

/**
 * Opens the msa-nginx Health tab (signed in already) and waits until every card shows live data from its
 * source and nothing is loading. The sandbox may have only just started, so Prometheus can need a few
 * scrapes before the RED queries have points: the tab is reloaded until they do.
 */
export async function openLiveHealthTab(page: Page): Promise<void> {
  await page.goto(HEALTH_TAB_PATH);
  await expect(page.getByTestId('platform-verdict')).toBeVisible();
  await expect(async () => {
    await page.reload();
    const metrics = page.getByRole('region', { name: 'RED metrics' });
    await expect(metrics.getByRole('img').first()).toBeVisible({
      timeout: 10_000,
    });
    for (const [title, testId] of Object.entries(LIVE_DATA)) {
      const card = page.getByRole('region', { name: title });
      await expect(card.getByTestId(testId).first()).toBeVisible({
        timeout: 10_000,
      });
    }
  }).toPass({ timeout: 120_000, intervals: [5_000] });
  await expect(page.getByRole('status', { name: /^Loading/ })).toHaveCount(0, {
    timeout: 30_000,
  });
}
