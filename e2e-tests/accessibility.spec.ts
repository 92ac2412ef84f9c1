import AxeBuilder from '@axe-core/playwright';
import { Locator, Page, expect, test } from '@playwright/test';
import { openLiveHealthTab } from './healthTab';
import { signInAsGuest } from './signIn';

/** WCAG 2.0, 2.1 and 2.2, levels A and AA (colour contrast included). */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The Health tab's content is the plugin's; Backstage's header, sidebar and tabs around it are not. */
const PLUGIN_CONTENT = '[data-testid="platform-health"]';

type ThemeId = 'light' | 'dark';

/** Backstage's theme choice is the `theme` key in localStorage (the ids of `@backstage/theme`'s themes). */
async function useTheme(page: Page, theme: ThemeId): Promise<void> {
  await page.addInitScript(
    id => window.localStorage.setItem('theme', id),
    theme,
  );
}

/** Relative luminance (WCAG) of a card's computed background, to prove which theme actually rendered. */
async function backgroundLuminance(card: Locator): Promise<number> {
  return card.evaluate(el => {
    const [r, g, b] = getComputedStyle(el)
      .backgroundColor.match(/\d+(\.\d+)?/g)!
      .slice(0, 3)
      .map(Number)
      .map(c => c / 255)
      .map(c => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  });
}

/** Runs axe on the plugin's content and fails with every violation, node and reason listed. */
async function expectNoViolations(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .include(PLUGIN_CONTENT)
    .withTags(WCAG_TAGS)
    .analyze();
  const report = results.violations.flatMap(v =>
    v.nodes.map(
      n =>
        `${v.id} (${v.impact}): ${n.target.join(' ')}\n    ${n.failureSummary
          ?.split('\n')
          .join('\n    ')}`,
    ),
  );
  // What axe could not decide (e.g. text over an SVG) is kept with the results, for a person to review.
  await test.info().attach(`axe incomplete: ${what}`, {
    body: JSON.stringify(results.incomplete, null, 1),
    contentType: 'application/json',
  });
  expect(report, `axe violations in ${what}:\n${report.join('\n')}`).toEqual(
    [],
  );
  // A scan that checked nothing would pass too: make sure it saw the cards' text.
  expect(
    results.passes.find(p => p.id === 'color-contrast')?.nodes.length ?? 0,
  ).toBeGreaterThan(20);
}

/**
 * Opens the trace of an error log line (so the waterfall shows its error marks: the logs are filtered to
 * errors first, as the newest lines may all be fine), and selects its first span with the keyboard.
 */
async function openTraceWithKeyboard(page: Page): Promise<void> {
  const logs = page.getByRole('region', { name: 'Logs' });
  const errors = logs.getByRole('button', { name: 'error', exact: true });
  await errors.click();
  await expect(errors).toHaveAttribute('aria-pressed', 'true');
  await expect(logs.getByTestId('log-row').first()).toHaveAttribute(
    'data-level',
    /^(error|fatal)$/,
  );
  await logs
    .getByRole('button', { name: /^Open trace / })
    .first()
    .click();
  const detail = page.getByTestId('trace-detail');
  await expect(detail.getByTestId('waterfall-row').first()).toBeVisible();
  // Tab from the last button of the trace's header lands on the waterfall's first span.
  await detail.getByRole('button', { name: 'Logs for this trace' }).focus();
  await page.keyboard.press('Tab');
  const firstSpan = detail.getByTestId('waterfall-row').first();
  await expect(firstSpan).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(firstSpan).toHaveAttribute('aria-selected', 'true');
  const details = page.getByTestId('span-details');
  await expect(details).toBeVisible();
  await expect(
    details.getByRole('table', { name: 'Span attributes' }),
  ).toBeVisible();
}

for (const theme of ['light', 'dark'] as const) {
  test(`the Health tab has no WCAG 2 A/AA violations in the ${theme} theme`, async ({
    page,
  }) => {
    test.setTimeout(240_000);
    await useTheme(page, theme);
    await signInAsGuest(page);
    await openLiveHealthTab(page);
    const luminance = await backgroundLuminance(
      page.getByRole('region', { name: 'Logs' }),
    );
    if (theme === 'dark') expect(luminance).toBeLessThan(0.1);
    else expect(luminance).toBeGreaterThan(0.8);

    // One log line unfolded, so its full text and parsed fields are checked too.
    const firstLine = page
      .getByRole('region', { name: 'Logs' })
      .getByTestId('log-row-toggle')
      .first();
    await firstLine.click();
    await expect(firstLine).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByTestId('log-detail')).toBeVisible();

    await expectNoViolations(page, `the Health tab (${theme})`);
    if (theme === 'dark') {
      await page.screenshot({
        path: 'artifacts/screenshots/health-tab-dark.png',
        fullPage: true,
      });
    }

    await openTraceWithKeyboard(page);
    await expectNoViolations(
      page,
      `the trace waterfall with a span selected (${theme})`,
    );
    if (theme === 'dark') {
      await page.getByRole('region', { name: 'Traces' }).screenshot({
        path: 'artifacts/screenshots/health-trace-dark.png',
      });
    }
  });
}

test('the keyboard reaches and works the log filters, and opens a span', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInAsGuest(page);
  await openLiveHealthTab(page);
  const logs = page.getByRole('region', { name: 'Logs' });
  const stops: Array<[string, Locator]> = [
    ['level filter', logs.getByRole('button', { name: 'error', exact: true })],
    ['search box', logs.getByLabel('Search')],
    ['live tail', logs.getByLabel('Live', { exact: true })],
    ['first log line', logs.getByTestId('log-row-toggle').first()],
  ];
  // Start from the card's heading, as a reader arriving at the card would, and Tab through it.
  await logs.getByRole('heading', { name: 'Logs' }).click();
  const reached: string[] = [];
  for (let i = 0; i < 20 && reached.length < stops.length; i++) {
    await page.keyboard.press('Tab');
    for (const [name, locator] of stops) {
      if (
        !reached.includes(name) &&
        (await locator.evaluate(el => el === document.activeElement))
      ) {
        reached.push(name);
      }
    }
  }
  expect(reached).toEqual(stops.map(([name]) => name));

  // Each control works from the keyboard too.
  const [[, error], [, searchBox], [, live]] = stops;
  await error.focus();
  await page.keyboard.press('Enter');
  await expect(error).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Enter');
  await expect(error).toHaveAttribute('aria-pressed', 'false');
  await searchBox.focus();
  await page.keyboard.type('GET');
  await expect(searchBox).toHaveValue('GET');
  await page.keyboard.press('Escape');
  await searchBox.fill('');
  await live.focus();
  await page.keyboard.press('Space');
  await expect(live).toBeChecked();
  await page.keyboard.press('Space');
  await expect(live).not.toBeChecked();

  // The log list is one tab stop: Enter unfolds the line, the arrow keys move to the next one.
  const [firstLine, secondLine] = [0, 1].map(i =>
    logs.getByTestId('log-row-toggle').nth(i),
  );
  await firstLine.focus();
  await page.keyboard.press('Enter');
  await expect(firstLine).toHaveAttribute('aria-expanded', 'true');
  await expect(logs.getByTestId('log-detail')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(secondLine).toBeFocused();
  await page.keyboard.press('Space');
  await expect(secondLine).toHaveAttribute('aria-expanded', 'true');
  await expect(logs.getByTestId('log-detail')).toHaveCount(2);

  await openTraceWithKeyboard(page);
});
