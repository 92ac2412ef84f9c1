import { Page, expect } from '@playwright/test';

/** Signs in as the guest and waits for the sign-in dialog to close before the caller navigates. */
export async function signInAsGuest(page: Page): Promise<void> {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(enter).toBeHidden();
}
