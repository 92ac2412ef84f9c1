import { APIRequestContext, Page, expect } from '@playwright/test';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Reads the sandbox and the backend from the outside, the way an operator would check that the "Create MSA
 * service" wizard really did its work: Jenkins, msa_deploy (git over HTTP), Kubernetes, Argo CD, the catalog.
 * Endpoints come from `.sandbox/endpoints.json`; credentials are the sandbox's (docs/integration-contract.md).
 */

const run = promisify(execFile);

export const SANDBOX = {
  jenkinsAuth: `Basic ${Buffer.from('platform:sandbox-jenkins-token').toString(
    'base64',
  )}`,
  kubeAuth: 'Bearer sandbox-kube-token',
  argocdAuth: 'Bearer sandbox-argocd-token',
  imageRepository: (name: string) => `harbor.sandbox.local/msa/${name}`,
  registrySecret: 'docker-config-secret',
};

export interface Endpoints {
  git: string;
  jenkins: string;
  argocd: string;
  kubernetes: string;
}

export function endpoints(): Endpoints {
  const file = path.resolve(__dirname, '..', '.sandbox', 'endpoints.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Endpoints;
}

/** A service name unique to this run: DNS-1123, starts with a letter. */
export function uniqueName(prefix: string): string {
  const rand = Math.floor(Math.random() * 36 ** 3).toString(36);
  return `${prefix}-${Date.now().toString(36)}${rand}`;
}

/** Polls `fn` until it returns something other than undefined/false, or fails with the last reason. */
export async function eventually<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
  timeoutMs: number,
  intervalMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined && value !== false) return value as T;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${what}: not within ${timeoutMs} ms${
          last ? ` (last error: ${String(last)})` : ''
        }`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}

/** Polls a scaffolder task until it has finished (completed, failed or cancelled) and returns it. */
export async function finishedTask(
  request: APIRequestContext,
  token: string,
  taskId: string,
): Promise<{ status: string }> {
  return eventually(
    `task ${taskId} finished`,
    async () => {
      const r = await request.get(`/api/scaffolder/v2/tasks/${taskId}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const body = await r.json();
      return ['completed', 'failed', 'cancelled'].includes(body.status)
        ? body
        : undefined;
    },
    45_000,
    500,
  );
}

/** The guest's Backstage token, as the signed-in page sends it to the backend. */
export async function guestToken(request: APIRequestContext): Promise<string> {
  const response = await request.get('/api/auth/guest/refresh', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(response.status()).toBe(200);
  const token = (await response.json()).backstageIdentity?.token;
  expect(typeof token).toBe('string');
  return token as string;
}

/** The bearer token of the first backend API call the page makes after `action`. */
export async function tokenUsedByPage(
  page: Page,
  action: () => Promise<unknown>,
): Promise<string> {
  const [request] = await Promise.all([
    page.waitForRequest(
      r =>
        r.url().includes('/api/') &&
        /^Bearer /.test(r.headers().authorization ?? ''),
    ),
    action(),
  ]);
  return request.headers().authorization!.slice('Bearer '.length);
}

async function getJson(
  request: APIRequestContext,
  url: string,
  authorization?: string,
): Promise<{ status: number; body: any }> {
  const response = await request.get(url, {
    headers: authorization ? { Authorization: authorization } : {},
  });
  const text = await response.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text for the assertion message
  }
  return { status: response.status(), body };
}

export async function jenkinsJob(
  request: APIRequestContext,
  folder: string,
  name: string,
) {
  const url = `${endpoints().jenkins}/job/${folder}/job/${name}/api/json`;
  return getJson(request, url, SANDBOX.jenkinsAuth);
}

export async function jenkinsBuild(
  request: APIRequestContext,
  folder: string,
  name: string,
  number: number,
) {
  const url = `${
    endpoints().jenkins
  }/job/${folder}/job/${name}/${number}/api/json`;
  return getJson(request, url, SANDBOX.jenkinsAuth);
}

/** Waits for a build to finish and returns its JSON. */
export async function finishedBuild(
  request: APIRequestContext,
  folder: string,
  name: string,
  number: number,
  timeoutMs = 30_000,
) {
  return eventually(
    `Jenkins build ${folder}/${name}#${number} finished`,
    async () => {
      const { status, body } = await jenkinsBuild(
        request,
        folder,
        name,
        number,
      );
      return status === 200 && !body.building && body.result ? body : undefined;
    },
    timeoutMs,
  );
}

export async function kubernetesGet(
  request: APIRequestContext,
  apiPath: string,
) {
  return getJson(
    request,
    `${endpoints().kubernetes}${apiPath}`,
    SANDBOX.kubeAuth,
  );
}

export async function argocdApplication(
  request: APIRequestContext,
  name: string,
) {
  return getJson(
    request,
    `${endpoints().argocd}/api/v1/applications/${encodeURIComponent(name)}`,
    SANDBOX.argocdAuth,
  );
}

/** `git ls-remote` of msa_deploy's main over smart HTTP (anonymous read). */
export async function msaDeployHead(): Promise<string> {
  const { stdout } = await run(
    'git',
    [
      'ls-remote',
      `${endpoints().git}/platform/msa_deploy.git`,
      'refs/heads/main',
    ],
    { env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }, timeout: 15_000 },
  );
  const sha = stdout.split(/\s+/)[0];
  expect(sha).toMatch(/^[0-9a-f]{40}$/);
  return sha;
}

/** A file of msa_deploy at a branch or commit, through the git host's raw endpoint; undefined on 404. */
export async function msaDeployFile(
  request: APIRequestContext,
  ref: string,
  file: string,
): Promise<string | undefined> {
  const response = await request.get(
    `${endpoints().git}/platform/msa_deploy/raw/${ref}/${file}`,
  );
  if (response.status() === 404) return undefined;
  expect(response.status()).toBe(200);
  return response.text();
}

export async function catalogEntity(
  request: APIRequestContext,
  token: string,
  name: string,
) {
  return getJson(
    request,
    `/api/catalog/entities/by-name/component/default/${encodeURIComponent(
      name,
    )}`,
    `Bearer ${token}`,
  );
}

/**
 * Everything the template promises for `name`, checked from the outside; then the first build (triggered by
 * the template) must end SUCCESS, bump the tag in msa_deploy to its number, and Argo CD must report
 * Synced/Healthy at that commit.
 */
export async function expectServiceDelivered(
  request: APIRequestContext,
  token: string,
  opts: { name: string; namespace: string; jenkinsFolder: string },
): Promise<{ buildNumber: number; revision: string }> {
  const { name, namespace, jenkinsFolder } = opts;
  const entityRef = `component:default/${name}`;

  // Jenkins job
  const job = await jenkinsJob(request, jenkinsFolder, name);
  expect(job.status).toBe(200);
  expect(job.body.name).toBe(name);

  // msa_deploy: the entry and the Argo CD Application manifest, on main
  const head = await msaDeployHead();
  const manifest = await msaDeployFile(request, head, `${name}.yaml`);
  expect(manifest).toContain(`image: ${SANDBOX.imageRepository(name)}:`);
  const appManifest = await msaDeployFile(request, head, `apps/${name}.yaml`);
  expect(appManifest).toContain('kind: Application');
  expect(appManifest).toContain(`backstage.io/entity-ref: ${entityRef}`);

  // Kubernetes namespace and registry Secret
  const ns = await kubernetesGet(request, `/api/v1/namespaces/${namespace}`);
  expect(ns.status).toBe(200);
  const secret = await kubernetesGet(
    request,
    `/api/v1/namespaces/${namespace}/secrets/${SANDBOX.registrySecret}`,
  );
  expect(secret.status).toBe(200);
  expect(secret.body.type).toBe('kubernetes.io/dockerconfigjson');

  // Argo CD Application with the entity-ref annotation
  const app = await argocdApplication(request, name);
  expect(app.status).toBe(200);
  expect(app.body.metadata.annotations['backstage.io/entity-ref']).toBe(
    entityRef,
  );
  expect(app.body.spec.destination.namespace).toBe(namespace);

  // The catalog entity (the catalog processes the registered location asynchronously)
  const entity = await eventually(
    `catalog entity ${entityRef}`,
    async () => {
      const r = await catalogEntity(request, token, name);
      return r.status === 200 ? r.body : undefined;
    },
    30_000,
    500,
  );
  expect(entity.spec.owner).toBe('group:default/platform-team');
  expect(entity.metadata.annotations['argocd/app-name']).toBe(name);

  // The template's first build: SUCCESS, the tag becomes the build number, Argo CD syncs that commit
  const lastBuild = await eventually(
    `first build of ${jenkinsFolder}/${name}`,
    async () => {
      const r = await jenkinsJob(request, jenkinsFolder, name);
      return r.body.lastBuild?.number as number | undefined;
    },
    15_000,
  );
  const build = await finishedBuild(request, jenkinsFolder, name, lastBuild);
  expect(build.result).toBe('SUCCESS');
  const revision = await eventually(
    `msa_deploy ${name}.yaml tagged ${build.number}`,
    async () => {
      const sha = await msaDeployHead();
      const text = await msaDeployFile(request, sha, `${name}.yaml`);
      return text?.includes(
        `image: ${SANDBOX.imageRepository(name)}:${build.number}\n`,
      )
        ? sha
        : undefined;
    },
    15_000,
  );
  const synced = await eventually(
    `Argo CD ${name} Synced/Healthy at ${revision}`,
    async () => {
      const r = await argocdApplication(request, name);
      const status = r.body?.status;
      return status?.sync?.status === 'Synced' &&
        status?.health?.status === 'Healthy' &&
        status?.sync?.revision === revision
        ? status
        : undefined;
    },
    20_000,
  );
  expect(synced.history.map((h: { revision: string }) => h.revision)).toContain(
    revision,
  );
  return { buildNumber: build.number, revision };
}
