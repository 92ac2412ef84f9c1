import { test, expect } from '@playwright/test';
import { signInAsGuest } from './signIn';
import {
  eventually,
  finishedTask,
  expectServiceDelivered,
  guestToken,
  tokenUsedByPage,
  uniqueName,
} from './platformApis';

// The "Create MSA service" wizard end to end against the sandbox: the browser fills and runs it, then the
// sandbox's own APIs (Jenkins, git, Kubernetes, Argo CD) and the catalog say whether it really happened,
// including the first pipeline run bumping the tag in msa_deploy and Argo CD syncing that commit.

test('the wizard creates a service: repository, pipeline, msa_deploy, namespace, Argo CD app and catalog entity', async ({
  page,
  request,
}) => {
  const name = uniqueName('svc');
  const namespace = name;
  const started = Date.now();

  await signInAsGuest(page);
  const token = await tokenUsedByPage(page, () => page.goto('/create'));
  const card = page
    .locator('article, .MuiCard-root')
    .filter({ hasText: 'Create MSA service' })
    .first();
  await card.getByRole('button', { name: /choose/i }).click();

  // Identity
  await page.locator('#root_name').fill(name);
  await page.locator('#root_owner').fill('platform-team');
  await page
    .getByRole('option', { name: /platform-team/ })
    .first()
    .click();
  await page.locator('#root_system').fill('msa');
  await page.getByRole('option', { name: /msa/ }).first().click();
  await page
    .locator('#root_description')
    .fill(`Created by the e2e test (${name})`);
  await page.getByRole('button', { name: 'Next' }).click();

  // Runtime
  await page.locator('#root_runtime').click();
  await page.getByRole('option', { name: 'Node.js HTTP service' }).click();
  await page.locator('#root_port').fill('3000');
  await page.locator('#root_replicas').fill('2');
  await page.getByRole('button', { name: 'Next' }).click();

  // Repository: the sandbox git host, owner and name
  await page
    .getByTestId('host-select')
    .locator('select')
    .selectOption('127.0.0.1:17080');
  await page.locator('#ownerInput').fill('platform');
  // the repository name field has no accessible name; it is the input above "The name of the repository"
  await page
    .locator('.MuiFormControl-root')
    .filter({ hasText: 'The name of the repository' })
    .locator('input')
    .last()
    .fill(name);
  await page.getByRole('button', { name: 'Next' }).click();

  // Delivery
  await page.locator('#root_namespace').fill(namespace);
  await page.locator('#root_slackChannel').fill('#e2e-builds');
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByText(name).first()).toBeVisible();
  await page.getByRole('button', { name: 'Create' }).click();

  // The task page: every step done, the output links shown
  await expect(page).toHaveURL(/\/create\/tasks\/[0-9a-f-]+/);
  const taskId = /\/create\/tasks\/([0-9a-f-]+)/.exec(page.url())![1];
  const task = await finishedTask(request, token, taskId);
  expect(task.status).toBe('completed');
  await expect(
    page.getByRole('link', { name: 'Open in catalog' }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'Jenkins job' })).toBeVisible();
  await page.screenshot({
    path: `artifacts/screenshots/create-service-task.png`,
    fullPage: true,
  });
  console.log(
    `[create-service] ${name}: wizard + task ${(
      (Date.now() - started) /
      1000
    ).toFixed(1)} s`,
  );

  const { buildNumber, revision } = await expectServiceDelivered(
    request,
    token,
    {
      name,
      namespace,
      jenkinsFolder: 'msa',
    },
  );
  console.log(
    `[create-service] ${name}: build #${buildNumber} SUCCESS, Argo CD Synced/Healthy at ${revision.slice(
      0,
      12,
    )}, ${((Date.now() - started) / 1000).toFixed(1)} s in all`,
  );

  await page.getByRole('link', { name: 'Open in catalog' }).click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/component/${name}`),
  );
  await expect(page.getByRole('heading', { name }).first()).toBeVisible();
  await page.screenshot({
    path: `artifacts/screenshots/create-service-entity.png`,
    fullPage: true,
  });
});

test('the scaffolder REST API runs the same template to the same outcome', async ({
  request,
}) => {
  const name = uniqueName('api');
  const started = Date.now();
  const token = await guestToken(request);
  const headers = { Authorization: `Bearer ${token}` };
  await eventually(
    'template:default/msa-service in the catalog',
    async () =>
      (
        await request.get(
          '/api/catalog/entities/by-name/template/default/msa-service',
          { headers },
        )
      ).ok(),
    30_000,
    500,
  );
  const created = await request.post('/api/scaffolder/v2/tasks', {
    headers,
    data: {
      templateRef: 'template:default/msa-service',
      values: {
        name,
        owner: 'group:default/platform-team',
        system: 'system:default/msa',
        description: 'Created through the scaffolder REST API by the e2e test',
        runtime: 'nginx-static',
        port: 8080,
        replicas: 1,
        repoUrl: `127.0.0.1:17080?owner=platform&repo=${name}`,
        registryProject: 'msa',
        namespace: 'msa',
        istioSidecar: true,
        jenkinsFolder: 'msa',
      },
    },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  const task = await finishedTask(request, token, id);
  expect(task.status).toBe('completed');
  const { buildNumber } = await expectServiceDelivered(request, token, {
    name,
    namespace: 'msa',
    jenkinsFolder: 'msa',
  });
  console.log(
    `[create-service] ${name} via REST: build #${buildNumber}, ${(
      (Date.now() - started) /
      1000
    ).toFixed(1)} s in all`,
  );
});
