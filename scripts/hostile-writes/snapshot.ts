/**
 * A snapshot of everything a template run can write, read from the sandbox's own APIs and its git state
 * directory: every git repository with every ref, the Jenkins item tree with each config.xml's hash, Kubernetes
 * namespaces, Secrets and Argo CD Applications (resourceVersion, labels, annotations), and the catalog's entities
 * and locations. Two snapshots compare key by key.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export type Snapshot = Record<string, string>;

const sha = (text: string) =>
  createHash('sha256').update(text).digest('hex').slice(0, 16);

export interface SnapshotSources {
  gitRoot: string;
  jenkins: string;
  jenkinsAuth: string;
  kubernetes: string;
  kubernetesToken: string;
  backend: string;
  backendToken: string;
}

function gitRefs(root: string, snapshot: Snapshot) {
  if (!existsSync(root)) return;
  for (const owner of readdirSync(root)) {
    for (const repo of readdirSync(path.join(root, owner))) {
      if (!repo.endsWith('.git')) continue;
      const refs = execFileSync(
        'git',
        ['for-each-ref', '--format=%(refname) %(objectname)'],
        {
          cwd: path.join(root, owner, repo),
          encoding: 'utf8',
        },
      );
      snapshot[`git:${owner}/${repo}`] = refs.trim() || '(empty)';
    }
  }
}

async function jenkinsItems(
  base: string,
  auth: string,
  folder: string,
  snapshot: Snapshot,
) {
  const prefix = folder
    ? folder
        .split('/')
        .map(s => `/job/${encodeURIComponent(s)}`)
        .join('')
    : '';
  const r = await fetch(`${base}${prefix}/api/json?tree=jobs[name]`, {
    headers: { Authorization: auth },
  });
  if (!r.ok) return;
  const body = (await r.json()) as { jobs?: Array<{ name: string }> };
  for (const job of body.jobs ?? []) {
    const fullName = folder ? `${folder}/${job.name}` : job.name;
    const jobPath = fullName
      .split('/')
      .map(s => `/job/${encodeURIComponent(s)}`)
      .join('');
    const config = await fetch(`${base}${jobPath}/config.xml`, {
      headers: { Authorization: auth },
    });
    const info = await fetch(
      `${base}${jobPath}/api/json?tree=nextBuildNumber`,
      { headers: { Authorization: auth } },
    );
    const next = info.ok
      ? ((await info.json()) as { nextBuildNumber?: number }).nextBuildNumber
      : undefined;
    snapshot[`jenkins:${fullName}`] = `${sha(await config.text())} next=${
      next ?? '-'
    }`;
    await jenkinsItems(base, auth, fullName, snapshot);
  }
}

async function kubeList(
  base: string,
  token: string,
  url: string,
): Promise<any[]> {
  const r = await fetch(`${base}${url}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!r.ok) return [];
  return ((await r.json()) as { items?: any[] }).items ?? [];
}

// Applications carry status the Argo CD controller rewrites on its own; their identity is labels, annotations, spec.
const objectState = (o: any, withVersion = true) =>
  JSON.stringify({
    rv: withVersion ? o.metadata?.resourceVersion : undefined,
    labels: o.metadata?.labels ?? {},
    annotations: o.metadata?.annotations ?? {},
    phase: o.status?.phase,
    deleting: Boolean(o.metadata?.deletionTimestamp),
  });

export async function takeSnapshot(
  sources: SnapshotSources,
): Promise<Snapshot> {
  const snapshot: Snapshot = {};
  gitRefs(sources.gitRoot, snapshot);
  await jenkinsItems(sources.jenkins, sources.jenkinsAuth, '', snapshot);
  const namespaces = await kubeList(
    sources.kubernetes,
    sources.kubernetesToken,
    '/api/v1/namespaces',
  );
  for (const ns of namespaces) {
    const name = ns.metadata.name;
    snapshot[`k8s:namespace/${name}`] = objectState(ns);
    for (const secret of await kubeList(
      sources.kubernetes,
      sources.kubernetesToken,
      `/api/v1/namespaces/${name}/secrets`,
    )) {
      snapshot[`k8s:secret/${name}/${secret.metadata.name}`] = `${objectState(
        secret,
      )} data=${sha(JSON.stringify(secret.data ?? {}))}`;
    }
  }
  for (const app of await kubeList(
    sources.kubernetes,
    sources.kubernetesToken,
    '/apis/argoproj.io/v1alpha1/namespaces/argocd/applications',
  )) {
    snapshot[`k8s:application/${app.metadata.name}`] = `${objectState(
      app,
      false,
    )} spec=${sha(JSON.stringify(app.spec))}`;
  }
  const headers = { Authorization: `Bearer ${sources.backendToken}` };
  const entities = await fetch(
    `${sources.backend}/api/catalog/entities?fields=kind,metadata.namespace,metadata.name,spec.owner`,
    { headers },
  );
  for (const e of (await entities.json()) as any[]) {
    snapshot[
      `catalog:${e.kind}:${e.metadata.namespace}/${e.metadata.name}`
    ] = `owner=${e.spec?.owner ?? '-'}`;
  }
  const locations = await fetch(`${sources.backend}/api/catalog/locations`, {
    headers,
  });
  for (const l of (await locations.json()) as any[]) {
    snapshot[`catalog-location:${l.data.target}`] = l.data.type;
  }
  return snapshot;
}

/** Keys added, removed or changed between two snapshots. */
export function diffSnapshots(before: Snapshot, after: Snapshot): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter(k => before[k] !== after[k]).sort();
}
