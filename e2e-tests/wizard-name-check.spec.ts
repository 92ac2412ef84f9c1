import { expect, test } from '@playwright/test';
import { signInAsGuest } from './signIn';

// The wizard's name field runs the template's preflight while the user types: a name another team owns is
// shown as taken on the first page, and "Next" does not move on.
test('the wizard shows a taken name before the last page', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/create');
  const card = page
    .locator('article, .MuiCard-root')
    .filter({ hasText: 'Create MSA service' })
    .first();
  await card.getByRole('button', { name: /choose/i }).click();

  await page.locator('#root_owner').fill('app-team');
  await page
    .getByRole('option', { name: /app-team/ })
    .first()
    .click();
  await page.locator('#root_name').fill('msa-nginx');
  await expect(
    page
      .getByText(
        /catalog entity component:default\/msa-nginx is owned by group:default\/platform-team/,
      )
      .first(),
  ).toBeVisible({ timeout: 15_000 });
  await expect(
    page
      .getByText(/user:default\/guest may not act for group:default\/app-team/)
      .first(),
  ).toBeVisible();
  await page.screenshot({
    path: 'artifacts/screenshots/wizard-name-taken.png',
    fullPage: true,
  });

  // The owner's own team: the name exists and belongs to it, so a run would update it.
  await page.locator('#root_owner').fill('platform-team');
  await page
    .getByRole('option', { name: /platform-team/ })
    .first()
    .click();
  await expect(
    page.getByText(/Exists and belongs to this owner/).first(),
  ).toBeVisible({ timeout: 15_000 });

  // A free name for another team the user is not in: still refused, on this page.
  await page.locator('#root_owner').fill('app-team');
  await page
    .getByRole('option', { name: /app-team/ })
    .first()
    .click();
  await page.locator('#root_name').fill('hostile-free-name');
  await page.locator('#root_system').fill('msa');
  await page.getByRole('option', { name: /msa/ }).first().click();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(
    page.getByText(/may not act for group:default\/app-team/).first(),
  ).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('#root_name')).toBeVisible();
  await expect(page.locator('#root_runtime')).toHaveCount(0);
});
