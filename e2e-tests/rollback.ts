/**
 * Sets up and checks a rollback of a sandbox service, for e2e-tests/deploy.spec.ts and `yarn bench:operate`:
 * which image tag runs (the Argo CD Application through the sandbox's Kubernetes API), which builds succeeded
 * (Jenkins), and a deploy through the platform's REST API to get a newer build live first, so that rolling back
 * to the previous successful build is possible whatever state the sandbox is in. No imports: usable from
 * Playwright specs and from Node scripts run with type stripping. Credentials are the sandbox's throw-away ones.
 */

const KUBERNETES = 'http://127.0.0.1:17443';
const JENKINS = 'http://127.0.0.1:17082';
const KUBE_AUTH = 'Bearer sandbox-kube-token';
const JENKINS_AUTH = `Basic ${Buffer.from(
  'platform:sandbox-jenkins-token',
).toString('base64')}`;

/** What the Argo CD Application of `app` shows now. */
export interface AppState {
  sync?: string;
  health?: string;
  /** Image tags of `status.summary.images`. */
  tags: string[];
  operationPhase?: string;
}

async function json(url: string, authorization: string): Promise<any> {
  const response = await fetch(url, {
    headers: { Authorization: authorization },
  });
  if (!response.ok) {
    throw new Error(`GET ${url} answered ${response.status}`);
  }
  return response.json();
}

export async function appState(app: string): Promise<AppState> {
  const body = await json(
    `${KUBERNETES}/apis/argoproj.io/v1alpha1/namespaces/argocd/applications/${encodeURIComponent(
      app,
    )}`,
    KUBE_AUTH,
  );
  const images: string[] = body.status?.summary?.images ?? [];
  return {
    sync: body.status?.sync?.status,
    health: body.status?.health?.status,
    tags: images
      .map(image => image.split('@')[0])
      .map(image => image.slice(image.lastIndexOf('/') + 1))
      .filter(name => name.includes(':'))
      .map(name => name.slice(name.lastIndexOf(':') + 1)),
    operationPhase: body.status?.operationState?.phase,
  };
}

/** Whether `tag` runs Synced and Healthy with no operation running. */
export function landed(state: AppState, tag: string): boolean {
  return (
    state.tags.includes(tag) &&
    state.sync === 'Synced' &&
    state.health === 'Healthy' &&
    state.operationPhase !== 'Running'
  );
}

/** Numbers of the finished SUCCESS builds of a Jenkins job (`folder/name`), newest first. */
export async function successfulBuilds(jobFullName: string): Promise<number[]> {
  const path = jobFullName
    .split('/')
    .map(part => `job/${encodeURIComponent(part)}`)
    .join('/');
  const body = await json(
    `${JENKINS}/${path}/api/json?tree=${encodeURIComponent(
      'builds[number,result,building]',
    )}`,
    JENKINS_AUTH,
  );
  return (
    body.builds as Array<{
      number: number;
      result?: string;
      building?: boolean;
    }>
  )
    .filter(b => !b.building && b.result === 'SUCCESS')
    .map(b => b.number)
    .sort((a, b) => b - a);
}

/** The newest successful build older than the live one: what "roll back" deploys. */
export function previousBuild(
  live: number,
  successes: number[],
): number | undefined {
  return successes.find(n => n < live);
}

/** Polls until `tag` runs Synced and Healthy on `app`; fails after `timeoutMs` naming what it saw. */
export async function waitForLanded(
  app: string,
  tag: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: AppState | undefined;
  for (;;) {
    last = await appState(app);
    if (landed(last, tag)) return;
    if (Date.now() > deadline) {
      throw new Error(
        `${app} did not run tag ${tag} Synced/Healthy within ${timeoutMs} ms (last: ${JSON.stringify(
          last,
        )})`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

/** Waits until the catalog serves `kind:namespace/name` to the token's user (the backend ingests it after start-up). */
export async function waitForEntity(
  baseUrl: string,
  token: string,
  entity: { namespace: string; kind: string; name: string },
  timeoutMs = 180_000,
): Promise<void> {
  const url = new URL(
    `/api/catalog/entities/by-name/${[
      entity.kind,
      entity.namespace,
      entity.name,
    ]
      .map(s => encodeURIComponent(s))
      .join('/')}`,
    baseUrl,
  );
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(url, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (response.ok) return;
    if (Date.now() > deadline) {
      throw new Error(
        `the catalog did not serve ${entity.kind}:${entity.namespace}/${entity.name} within ${timeoutMs} ms (last ${response.status})`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 1_000));
  }
}

/** Deploys a build through `POST /api/platform/v1/entities/<ns>/<kind>/<name>/deploy` with a user's token. */
export async function deployThroughApi(
  baseUrl: string,
  token: string,
  entity: { namespace: string; kind: string; name: string },
  build: number,
  dryRun = false,
): Promise<{ status: number; body: any }> {
  const url = new URL(
    `/api/platform/v1/entities/${[entity.namespace, entity.kind, entity.name]
      .map(s => encodeURIComponent(s.toLowerCase()))
      .join('/')}/deploy`,
    baseUrl,
  );
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ build, dryRun }),
  });
  return {
    status: response.status,
    body: await response.json().catch(() => undefined),
  };
}

/**
 * Makes a rollback of `app` possible: when no successful build is older than the live tag, deploys the newest
 * successful build through the API and waits for it. Returns the live build and the one to roll back to.
 */
export async function prepareRollback(options: {
  baseUrl: string;
  token: string;
  app: string;
  jobFullName: string;
  timeoutMs?: number;
}): Promise<{ live: number; target: number }> {
  const { baseUrl, token, app, jobFullName } = options;
  const successes = await successfulBuilds(jobFullName);
  const live = Number((await appState(app)).tags[0]);
  if (!Number.isInteger(live)) {
    throw new Error(`${app} runs no numeric image tag`);
  }
  const target = previousBuild(live, successes);
  if (target !== undefined) return { live, target };
  const newest = successes[0];
  if (newest === undefined || newest <= live) {
    throw new Error(
      `${jobFullName} has no successful build other than the live ${live}: nothing to roll back to`,
    );
  }
  const deployed = await deployThroughApi(
    baseUrl,
    token,
    { namespace: 'default', kind: 'component', name: app },
    newest,
  );
  if (deployed.status !== 200) {
    throw new Error(
      `deploying build #${newest} answered ${deployed.status}: ${JSON.stringify(
        deployed.body,
      )}`,
    );
  }
  await waitForLanded(app, String(newest), options.timeoutMs ?? 60_000);
  return { live: newest, target: previousBuild(newest, successes)! };
}
