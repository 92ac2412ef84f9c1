import { Page, expect, test } from '@playwright/test';
import { signInAsGuest } from './signIn';

// One service on each log stack in the running portal: login-js's catalog entity has the elasticsearch-index
// annotation, so its Logs card reads the sandbox's Elasticsearch simulator (ECS documents of the demo traffic)
// and links to Kibana; msa-nginx has none and reads Loki.
const healthTab = (name: string) => `/catalog/default/component/${name}/health`;

/** The Logs card once it shows lines (the demo traffic may have only just started). */
async function logsWithLines(page: Page, name: string) {
  await page.goto(healthTab(name));
  const logs = page.getByRole('region', { name: 'Logs' });
  await expect(async () => {
    await page.reload();
    await expect(logs.getByTestId('log-row').first()).toBeVisible({
      timeout: 10_000,
    });
  }).toPass({ timeout: 120_000, intervals: [5_000] });
  return logs;
}

/** The labels of the first line, from its expanded detail. */
async function firstLineLabels(logs: ReturnType<Page['getByRole']>) {
  await logs.getByTestId('log-row-toggle').first().click();
  const detail = logs.getByTestId('log-detail');
  await expect(detail).toBeVisible();
  return (await detail.textContent()) ?? '';
}

test("login-js's Logs card reads Elasticsearch, links to Kibana, filters by level; msa-nginx's reads Loki", async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signInAsGuest(page);

  const es = await logsWithLines(page, 'login-js');
  await expect(es.getByRole('alert')).toHaveCount(0);
  const kibana = es.getByRole('link', { name: /Open in Kibana/ });
  await expect(kibana).toBeVisible();
  await expect(kibana).toHaveAttribute(
    'href',
    /^http:\/\/127\.0\.0\.1:5601\/app\/discover#\/\?_g=/,
  );
  // lines from an Elasticsearch index carry its name and the ECS service/namespace fields as labels
  const esLabels = await firstLineLabels(es);
  expect(esLabels).toMatch(/_index=logs-msa-\d{4}\.\d{2}\.\d{2}/);
  expect(esLabels).toContain('service.name=login-js');
  expect(esLabels).toContain('kubernetes.namespace=msa');
  await page.screenshot({
    path: 'artifacts/screenshots/es-logs-login-js.png',
    fullPage: true,
  });

  // the level filter goes to Elasticsearch: once the filtered answer is in (its Kibana link carries the level),
  // every line shown has the chosen level
  const info = es.getByRole('button', { name: 'info', exact: true });
  await info.click();
  await expect(info).toHaveAttribute('aria-pressed', 'true');
  await expect
    .poll(
      async () => decodeURIComponent((await kibana.getAttribute('href'))!),
      {
        timeout: 30_000,
      },
    )
    .toContain('log.level:("info" or "INFO")');
  await expect(es.getByTestId('log-row').first()).toBeVisible();
  const levels = await es
    .getByTestId('log-row')
    .evaluateAll(rows => rows.map(r => (r as HTMLElement).dataset.level));
  expect(levels.length).toBeGreaterThan(0);
  expect(new Set(levels)).toEqual(new Set(['info']));
  // and with a level no line of the demo has, none is shown (the filter is not a client-side no-op)
  await info.click();
  const debug = es.getByRole('button', { name: 'debug', exact: true });
  await debug.click();
  await expect
    .poll(
      async () => decodeURIComponent((await kibana.getAttribute('href'))!),
      {
        timeout: 30_000,
      },
    )
    .toContain('log.level:(');
  await expect(es.getByTestId('log-row')).toHaveCount(0, { timeout: 30_000 });

  const loki = await logsWithLines(page, 'msa-nginx');
  await expect(loki.getByRole('link', { name: /Open in Kibana/ })).toHaveCount(
    0,
  );
  const lokiLabels = await firstLineLabels(loki);
  expect(lokiLabels).not.toContain('_index=');
  expect(lokiLabels).toContain('app=msa-nginx');
});
