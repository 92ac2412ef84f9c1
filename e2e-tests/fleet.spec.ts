import { Locator, Page, test, expect } from '@playwright/test';
import { signInAsGuest } from './signIn';

// The fleet views against the sandbox: the "My services" page (the guest is a member of platform-team, which
// owns the demo services), the home page card and a Group's "Services" tab, each row with a verdict, failing
// first, filterable, and a row that opens the component's Health tab.

const VERDICT_RANK: Record<string, number> = {
  failing: 0,
  degraded: 1,
  unknown: 2,
  healthy: 3,
};

const tableRows = (page: Page) =>
  page.getByTestId('fleet-table').locator('tbody tr');

/** Waits for the table's rows to carry their verdicts, and returns the verdicts in table order. */
async function verdicts(rows: Locator): Promise<string[]> {
  await expect(rows.first()).toBeVisible({ timeout: 60_000 });
  const all = await rows.evaluateAll(trs =>
    trs.map(tr => tr.getAttribute('data-verdict') ?? ''),
  );
  for (const v of all) expect(Object.keys(VERDICT_RANK)).toContain(v);
  return all;
}

function expectFailingFirst(all: string[]) {
  const ranks = all.map(v => VERDICT_RANK[v]);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
}

test('the My services page lists the guest team’s services failing first and opens a Health tab', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInAsGuest(page);

  // The nav item leads to the page.
  await page.getByRole('link', { name: 'My services' }).first().click();
  await expect(page).toHaveURL(/\/platform\/fleet$/);
  const rows = tableRows(page);
  const all = await verdicts(rows);
  expect(all.length).toBeGreaterThanOrEqual(2);
  const names = await rows.locator('td:nth-child(2) a').allTextContents();
  expect(names).toEqual(expect.arrayContaining(['msa-nginx', 'login-js']));
  expectFailingFirst(all);

  // Sorting by verdict the other way puts the healthiest first; once more and failing is first again.
  const verdictHeader = page.getByTestId('fleet-table').locator('thead th', {
    has: page.getByRole('button', { name: 'Verdict', exact: true }),
  });
  await verdictHeader.getByRole('button').click();
  await expect(verdictHeader).toHaveAttribute('aria-sort', 'descending');
  const reversed = await verdicts(rows);
  expect(reversed.map(v => VERDICT_RANK[v])).toEqual(
    [...reversed.map(v => VERDICT_RANK[v])].sort((a, b) => b - a),
  );
  await verdictHeader.getByRole('button').click();
  await expect(verdictHeader).toHaveAttribute('aria-sort', 'ascending');

  // "Problems only" keeps the failing and degraded rows, whatever the sandbox's state is just now.
  await page.getByRole('checkbox', { name: 'Problems only' }).check();
  const problems = await rows.evaluateAll(trs =>
    trs.map(tr => tr.getAttribute('data-verdict')),
  );
  for (const v of problems) expect(['failing', 'degraded']).toContain(v);
  await page.getByRole('checkbox', { name: 'Problems only' }).uncheck();

  // The text filter narrows to one service.
  await page.getByRole('searchbox', { name: /Filter/ }).fill('msa-nginx');
  await expect(rows).toHaveCount(1);
  await page.screenshot({ path: 'artifacts/screenshots/fleet-filtered.png' });
  await page.getByRole('searchbox', { name: /Filter/ }).fill('');
  await expect(rows).toHaveCount(all.length);
  await page.screenshot({ path: 'artifacts/screenshots/fleet.png' });

  // A row opens the component's Health tab.
  await rows.getByRole('link', { name: 'msa-nginx' }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/msa-nginx\/health$/,
  );
  await expect(page.getByTestId('platform-verdict')).toBeVisible();
});

test('the home page shows the My services card', async ({ page }) => {
  test.setTimeout(120_000);
  await signInAsGuest(page);
  await page.goto('/home');
  const card = page.getByTestId('platform-my-services');
  await expect(card).toBeVisible({ timeout: 60_000 });
  await expect(
    card.getByText(/^\d+ failing, \d+ degraded, \d+ healthy$/),
  ).toBeVisible();
  await card.getByRole('link', { name: 'All my services' }).click();
  await expect(page).toHaveURL(/\/platform\/fleet$/);
});

test('a Group’s Services tab lists its services with verdicts and links each to its Health tab', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAsGuest(page);
  await page.goto('/catalog/default/group/platform-team/services');
  const rows = tableRows(page);
  expectFailingFirst(await verdicts(rows));
  await rows.getByRole('link', { name: 'login-js' }).click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/login-js\/health$/,
  );
  await expect(page.getByTestId('platform-verdict')).toBeVisible();
});
