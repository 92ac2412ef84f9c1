import { test, expect } from '@playwright/test';
import { signInAsGuest } from './signIn';

test('the guest signs in, the catalog lists the demo services and an entity page opens', async ({
  page,
}) => {
  await signInAsGuest(page);

  await expect(page.getByRole('link', { name: 'msa-nginx' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'login-js' })).toBeVisible();
  await page.screenshot({
    path: 'artifacts/screenshots/catalog.png',
    fullPage: true,
  });

  await page.getByRole('link', { name: 'msa-nginx' }).click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/msa-nginx/);
  await expect(
    page.getByRole('heading', { name: 'msa-nginx' }).first(),
  ).toBeVisible();
  await expect(page.getByText('platform-team').first()).toBeVisible();
  // The overview's cards load lazily: wait for the catalog's own card and one of ours.
  await expect(page.getByRole('heading', { name: 'About' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Argo CD' })).toBeVisible();
  await page.screenshot({
    path: 'artifacts/screenshots/entity-msa-nginx.png',
    fullPage: true,
  });
});
