import { test, expect } from '@playwright/test';
import {
  argocdHealthTopic,
  waitForOwnerNotification,
} from './ownerNotifications';
import { SANDBOX, endpoints, guestToken } from './platformApis';
import { signInAsGuest } from './signIn';

// msa-nginx is owned by group:default/platform-team (examples/msa-nginx.yaml); the guest is a member
// (examples/org.yaml). The sandbox's health switch holds its Argo CD app Degraded; the owner watcher (every 10 s in
// app-config.yaml, health reads cached 15 s) must tell the guest within 60 s: badge, page, link to the Health tab.
const COMPONENT = 'msa-nginx';
const MESSAGE = 'e2e: msa-nginx held Degraded by the sandbox health switch';
// One watcher round plus the health cache: long enough for the watcher to have seen the app Healthy first,
// so the Degraded state is a change and not its baseline (the backend may have just started).
const BASELINE_MS = 26_000;

async function setHealth(status: 'Degraded' | 'Healthy'): Promise<void> {
  const response = await fetch(
    `${endpoints().argocd}/api/sandbox/applications/${COMPONENT}/health`,
    {
      method: 'PUT',
      headers: {
        Authorization: SANDBOX.argocdAuth,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify(
        status === 'Degraded' ? { status, message: MESSAGE } : { status },
      ),
    },
  );
  expect(response.status, await response.text()).toBe(200);
}

test.afterAll(async () => {
  await setHealth('Healthy');
});

test('the owner is notified within 60 s when the Argo CD app turns Degraded, with a link to the Health tab', async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(240_000);
  await setHealth('Healthy');
  await signInAsGuest(page);
  const token = await guestToken(request);
  await page.waitForTimeout(BASELINE_MS);

  const since = new Date();
  await setHealth('Degraded');
  const title = `${COMPONENT}: Argo CD app ${COMPONENT} is Degraded`;

  // The REST API the bench reads (the owner's token).
  const { notification, waitedMs } = await waitForOwnerNotification(
    baseURL!,
    token,
    { topic: argocdHealthTopic(COMPONENT), title },
    { timeoutMs: 60_000, since },
  );
  expect(notification.payload).toMatchObject({
    description: MESSAGE,
    severity: 'high',
    link: `/catalog/default/component/${COMPONENT}/health`,
  });
  test.info().annotations.push({
    type: 'notify_delay_ms',
    description: String(waitedMs),
  });
  // eslint-disable-next-line no-console -- the measured figure, printed for the run's log
  console.log(`notify_delay_s=${(waitedMs / 1000).toFixed(1)}`);

  // The sidebar badge counts it without a reload (signals push it to the open page).
  const badge = page.getByLabel('Unread notifications');
  await expect(badge).toBeVisible({
    timeout: Math.max(1_000, 60_000 - (Date.now() - since.getTime())),
  });
  await expect(badge).toHaveText(/^[1-9]\d*\+?$/);
  await page.screenshot({
    path: 'artifacts/screenshots/notifications-badge.png',
  });

  // The page lists it, and its link opens the component's Health tab.
  await page
    .getByRole('link', { name: /Notifications/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/notifications/);
  const entry = page.getByRole('link', { name: title });
  await expect(entry).toBeVisible();
  await expect(page.getByText(MESSAGE)).toBeVisible();
  await page.screenshot({
    path: 'artifacts/screenshots/notifications-page.png',
    fullPage: true,
  });
  await expect(entry).toHaveAttribute(
    'href',
    new RegExp(`/catalog/default/component/${COMPONENT}/health$`),
  );
  await entry.click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/component/${COMPONENT}/health`),
  );
  await expect(page.getByTestId('platform-verdict')).toBeVisible();

  // Restored: the same notification (same topic and scope) says it recovered.
  const restoredAt = new Date();
  await setHealth('Healthy');
  await waitForOwnerNotification(
    baseURL!,
    token,
    {
      topic: argocdHealthTopic(COMPONENT),
      title: `${COMPONENT}: Argo CD app ${COMPONENT} is Healthy again`,
    },
    { timeoutMs: 60_000, since: restoredAt },
  );
});
