/**
 * Operating from the portal, measured against a sandbox and a backend this script starts (`yarn bench:operate`
 * holds /tmp/paved-road-e2e.lock while it runs: fixed ports). Headless Chromium (playwright-core, Debian's
 * /usr/bin/chromium); needs a built app (`yarn workspace app build`).
 *
 *  - rollback_lead_time_s: on msa-nginx's Health tab, from the click on "Deploy build #N now" in the dialog (N the
 *    newest successful build older than the live tag; when there is none, the newest build is deployed through
 *    the API first, unmeasured) to the Argo CD card showing the application Synced and Healthy with image tag N.
 *  - notify_delay_s: from the sandbox's health switch answering (msa-nginx's Argo CD app held Degraded) to the
 *    owner's notification being readable with `GET /api/notifications/notifications` (the owner watcher and the
 *    helper waitForOwnerNotification in e2e-tests/ownerNotifications.ts). `n/a` when the switch or the helper is
 *    not in this tree, with the reason on the line before.
 *  - mcp_tools: tools listed by a real MCP client (@modelcontextprotocol/sdk, StreamableHTTP) at
 *    /api/mcp-actions/v1 with the guest's token.
 *  - mcp_denied: every listed tool called as the guest on a component of another team (bench-foreign, owned by
 *    app-team, added to the catalog for this run), a user without any permission on it: the backend runs the
 *    example policy with `permission.pavedRoad.entityReads: owners`, so reads as well as the deploy belong to
 *    the owners (with the default, `all`, every signed-in user may read and only the deploy would be refused).
 *    How many calls were refused for want of a permission; the line before says how many were tried and lists
 *    any call that was allowed.
 *
 * Ends with one line: rollback_lead_time_s=<x> notify_delay_s=<x> mcp_tools=<n> mcp_denied=<n>.
 * Logs land in artifacts/bench/.
 */
import { type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { chromium } from 'playwright-core';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports -- the repo's shared script helpers
import { stopProcess as stop } from '../../scripts/lib/processes.ts';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports -- the repo's shared script helpers
import {
  BACKEND,
  ROOT,
  assertBackendPortFree,
  guestToken,
  startBackend,
  startSandbox,
} from '../../scripts/lib/portal.ts';
import { prepareRollback, waitForEntity } from '../rollback.ts';

const LOG_DIR = path.join(ROOT, 'artifacts', 'bench');
const APP = 'msa-nginx';
const HEALTH_PATH = `/catalog/default/component/${APP}/health`;
const ARGOCD = 'http://127.0.0.1:17081';
const ARGOCD_AUTH = 'Bearer sandbox-argocd-token';
const FOREIGN = 'bench-foreign';
const NOTIFY_TIMEOUT_MS = 120_000;

function log(line: string) {
  process.stdout.write(`[bench] ${line}\n`);
}

/** A component of app-team (the guest is in platform-team) with msa-nginx's annotations, and the catalog overlay. */
function foreignCatalog(): string {
  const catalogFile = path.join(LOG_DIR, 'operate-catalog.yaml');
  const nginx = readFileSync(
    path.join(ROOT, 'examples', 'msa-nginx.yaml'),
    'utf8',
  );
  writeFileSync(
    catalogFile,
    nginx
      .replace(/^  name: msa-nginx$/m, `  name: ${FOREIGN}`)
      .replace(/^  owner: .*$/m, '  owner: group:default/app-team')
      .replace(/^  dependsOn: .*$/m, ''),
  );
  const overlay = path.join(LOG_DIR, 'operate-app-config.yaml');
  // Backstage replaces arrays from a later config file: app-config.yaml's locations are repeated.
  writeFileSync(
    overlay,
    `permission:
  pavedRoad:
    entityReads: owners
catalog:
  locations:
    - type: file
      target: ../../examples/all.yaml
    - type: file
      target: ../../templates/all.yaml
      rules:
        - allow: [Template, Location]
    - type: file
      target: ${catalogFile}
      rules:
        - allow: [Component]
`,
  );
  return overlay;
}

async function measureRollback(token: string): Promise<number> {
  const { live, target } = await prepareRollback({
    baseUrl: BACKEND,
    token,
    app: APP,
    jobFullName: 'msa/msa-nginx',
  });
  log(`${APP} runs build #${live}; rolling back to #${target}`);
  const chromiumConfig = JSON.parse(
    readFileSync(path.join(ROOT, 'scripts', 'chromium.json'), 'utf8'),
  );
  const browser = await chromium.launch({
    executablePath: chromiumConfig.executablePath,
    args: chromiumConfig.args,
  });
  try {
    const page = await (
      await browser.newContext({
        baseURL: BACKEND,
        viewport: { width: 1440, height: 900 },
      })
    ).newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'Enter' }).click();
    await page
      .getByRole('button', { name: 'Enter' })
      .waitFor({ state: 'hidden' });
    await page.goto(HEALTH_PATH);
    const builds = page.getByRole('region', { name: 'Builds' });
    await builds
      .getByRole('button', { name: `Deploy build #${target}`, exact: true })
      .click({ timeout: 180_000 });
    const dialog = page.getByRole('dialog');
    await dialog
      .getByLabel('Diff of the deploy commit')
      .waitFor({ timeout: 60_000 });
    const confirm = dialog.getByRole('button', {
      name: `Deploy build #${target} now`,
    });
    const clickedAt = await page.evaluate(() => Date.now());
    await confirm.click();
    const shownAt = await page
      .waitForFunction(
        ([app, tag]) => {
          const card = document.querySelector(
            `[data-testid="argocd-app-${app}"]`,
          );
          const region = document.querySelector(
            'section[aria-label="Argo CD"]',
          );
          if (!card || !region) return false;
          if (region.querySelector('[data-testid="argocd-following"]'))
            return false;
          const text = card.textContent ?? '';
          return text.includes(`${app}:${tag}`) &&
            text.includes('Synced') &&
            text.includes('Healthy')
            ? Date.now()
            : false;
        },
        [APP, String(target)] as const,
        { polling: 50, timeout: 120_000 },
      )
      .then(handle => handle.jsonValue() as Promise<number>);
    return (shownAt - clickedAt) / 1000;
  } finally {
    await browser.close().catch(() => undefined);
  }
}

async function setHealth(status: 'Degraded' | 'Healthy'): Promise<Response> {
  return fetch(`${ARGOCD}/api/sandbox/applications/${APP}/health`, {
    method: 'PUT',
    headers: { Authorization: ARGOCD_AUTH, 'Content-Type': 'application/json' },
    body: JSON.stringify({ status, message: 'operate bench' }),
  });
}

/** Seconds until the owner reads the Degraded notice, or the reason it cannot be measured here. */
async function measureNotify(token: string): Promise<number | string> {
  const helperFile = path.join(ROOT, 'e2e-tests', 'ownerNotifications.ts');
  if (!existsSync(helperFile)) {
    return 'waitForOwnerNotification (e2e-tests/ownerNotifications.ts) is not in this tree';
  }
  // Imported by a computed path: the helper comes with the notifications work, merged separately.
  const helper = await import(helperFile);
  const since = new Date();
  const switched = await setHealth('Degraded');
  if (!switched.ok) {
    return `the sandbox's health switch answered ${switched.status} (PUT /api/sandbox/applications/${APP}/health)`;
  }
  const degradedAt = Date.now();
  try {
    await helper.waitForOwnerNotification(
      BACKEND,
      token,
      helper.argocdHealthTopic(APP),
      { since, timeoutMs: NOTIFY_TIMEOUT_MS },
    );
    return (Date.now() - degradedAt) / 1000;
  } finally {
    await setHealth('Healthy');
  }
}

async function measureMcp(token: string): Promise<{
  tools: number;
  tried: number;
  denied: string[];
  allowed: string[];
}> {
  const client = new Client({ name: 'paved-road-bench', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(
      new URL(`${BACKEND}/api/mcp-actions/v1`),
      {
        requestInit: { headers: { Authorization: `Bearer ${token}` } },
      },
    ),
  );
  try {
    const { tools } = await client.listTools();
    log(`mcp tools: ${tools.map(tool => tool.name).join(', ')}`);
    const denied: string[] = [];
    const allowed: string[] = [];
    for (const tool of tools) {
      const args: Record<string, unknown> = {
        entityRef: `component:default/${FOREIGN}`,
      };
      // Each tool's other required inputs: the deploy's build (a dry run, were it allowed).
      const required =
        (tool.inputSchema as { required?: string[] }).required ?? [];
      if (required.includes('build')) {
        args.build = 1;
        args.dryRun = true;
      }
      const result = (await client.callTool({
        name: tool.name,
        arguments: args,
      })) as {
        isError?: boolean;
        content?: Array<{ text?: string }>;
      };
      const text = (result.content ?? [])
        .map(part => part.text ?? '')
        .join('\n');
      if (
        result.isError &&
        /You may not use|NotAllowed|not allowed/i.test(text)
      ) {
        denied.push(tool.name);
      } else {
        allowed.push(
          `${tool.name}${
            result.isError ? ` (error: ${text.slice(0, 120)})` : ''
          }`,
        );
      }
    }
    return { tools: tools.length, tried: tools.length, denied, allowed };
  } finally {
    await client.close();
  }
}

async function main() {
  mkdirSync(LOG_DIR, { recursive: true });
  await assertBackendPortFree('the bench');
  const overlay = foreignCatalog();
  let sandbox: ChildProcess | undefined;
  let backend: ChildProcess | undefined;
  const cleanup = async () => {
    await stop(backend);
    await stop(sandbox);
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    sandbox = (
      await startSandbox(path.join(LOG_DIR, 'operate-sandbox.log'), 120_000)
    ).child;
    backend = await startBackend(path.join(LOG_DIR, 'operate-backend.log'), {
      extraConfigs: ['../../app-config.e2e.yaml', overlay],
      timeoutMs: 240_000,
    });
    log('sandbox and backend up');
    const token = await guestToken();
    for (const name of [APP, FOREIGN]) {
      await waitForEntity(BACKEND, token, {
        kind: 'component',
        namespace: 'default',
        name,
      });
    }
    log('catalog has msa-nginx and the foreign component');

    const rollback = await measureRollback(token);
    log(
      `rollback: ${rollback.toFixed(
        2,
      )} s from the confirm click to Synced/Healthy with the tag on the tab`,
    );

    const notify = await measureNotify(token);
    if (typeof notify === 'string') log(`notify_delay_s=n/a: ${notify}`);
    else
      log(
        `notification readable by the owner ${notify.toFixed(
          2,
        )} s after the app turned Degraded`,
      );

    const mcp = await measureMcp(token);
    log(
      `mcp: tried ${mcp.tried} tool calls as user:default/guest on component:default/${FOREIGN} (owned by app-team); ` +
        `denied ${mcp.denied.length}: ${
          mcp.denied.join(', ') || 'none'
        }; allowed ${mcp.allowed.length}: ${mcp.allowed.join(', ') || 'none'}`,
    );

    process.stdout.write(
      `rollback_lead_time_s=${rollback.toFixed(2)} notify_delay_s=${
        typeof notify === 'string' ? 'n/a' : notify.toFixed(2)
      } mcp_tools=${mcp.tools} mcp_denied=${mcp.denied.length}\n`,
    );
  } finally {
    await cleanup();
  }
}

main().catch(error => {
  process.stderr.write(
    `${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exit(1);
});
