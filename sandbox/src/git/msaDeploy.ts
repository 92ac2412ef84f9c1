/** Content of the seeded `platform/msa_deploy` repository (layout fixed by docs/integration-contract.md). */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { runGit } from './gitCli.ts';
import type { RepoRoot } from './repos.ts';

export const MSA_DEPLOY = { owner: 'platform', name: 'msa_deploy' } as const;
export const IMAGE_REGISTRY = 'harbor.sandbox.local/msa';
/** Owner recorded on every demo resource (examples/org.yaml: the guest user is a member). */
export const DEMO_OWNER = 'group:default/platform-team';

/** The owner marks the platform's scaffolder actions record on what they create. */
export function ownerAnnotations(serviceName: string): Record<string, string> {
  return {
    'backstage.io/entity-ref': `component:default/${serviceName}`,
    'platform.paved-road.dev/owner': DEMO_OWNER,
  };
}

export interface DemoService {
  name: string;
  namespace: string;
  port: number;
  imageRepository: string;
  tag: string;
}

export const DEMO_SERVICES: DemoService[] = [
  {
    name: 'msa-nginx',
    namespace: 'msa',
    port: 80,
    imageRepository: `${IMAGE_REGISTRY}/msa-nginx`,
    tag: '1',
  },
  {
    name: 'login-js',
    namespace: 'msa',
    port: 3000,
    imageRepository: `${IMAGE_REGISTRY}/login-js`,
    tag: '1',
  },
];

/** `<service>.yaml`: the Deployment and the Service, `manifest` layout. */
export function manifestFor(s: DemoService): string {
  const labels = {
    app: s.name,
    'app.kubernetes.io/name': s.name,
    'backstage.io/kubernetes-id': s.name,
  };
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: s.name,
      namespace: s.namespace,
      labels,
      annotations: ownerAnnotations(s.name),
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: s.name } },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: s.name,
              image: `${s.imageRepository}:${s.tag}`,
              ports: [{ containerPort: s.port }],
            },
          ],
        },
      },
    },
  };
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: s.name,
      namespace: s.namespace,
      labels,
      annotations: ownerAnnotations(s.name),
    },
    spec: {
      selector: { app: s.name },
      ports: [{ name: 'http', port: s.port, targetPort: s.port }],
    },
  };
  return `${stringify(deployment)}---\n${stringify(service)}`;
}

/** `apps/<service>.yaml`: the Argo CD Application (app-of-apps child). */
export function applicationFor(
  s: { name: string; namespace: string },
  repoUrl: string,
  layout: 'manifest' | 'values',
): string {
  const source: Record<string, unknown> =
    layout === 'manifest'
      ? {
          repoURL: repoUrl,
          targetRevision: 'main',
          path: '.',
          directory: { include: `${s.name}.yaml` },
        }
      : {
          repoURL: repoUrl,
          targetRevision: 'main',
          path: `services/${s.name}`,
        };
  return stringify({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: s.name,
      namespace: 'argocd',
      labels: {
        'app.kubernetes.io/part-of': 'msa',
        'backstage.io/kubernetes-id': s.name,
      },
      annotations: ownerAnnotations(s.name),
      finalizers: ['resources-finalizer.argocd.argoproj.io'],
    },
    spec: {
      project: 'default',
      source,
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace: s.namespace,
      },
      syncPolicy: {
        automated: { prune: true, selfHeal: true },
        syncOptions: ['CreateNamespace=true'],
      },
    },
  });
}

/** Creates `platform/msa_deploy.git` with the two demo services; returns the commit SHA. */
export async function seedMsaDeploy(
  repos: RepoRoot,
  repoUrl: string,
): Promise<string> {
  const bare = await repos.ensureBare(MSA_DEPLOY);
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'sandbox-seed-'));
  try {
    await runGit(['init', '--quiet', '--initial-branch=main', work]);
    await fs.mkdir(path.join(work, 'apps'));
    for (const s of DEMO_SERVICES) {
      await fs.writeFile(path.join(work, `${s.name}.yaml`), manifestFor(s));
      await fs.writeFile(
        path.join(work, 'apps', `${s.name}.yaml`),
        applicationFor(s, repoUrl, 'manifest'),
      );
    }
    await fs.writeFile(
      path.join(work, 'README.md'),
      '# msa_deploy\n\nGitOps repository of the msa services (sandbox seed). `apps/` is the app-of-apps root;\nJenkins bumps the image tags in `<service>.yaml`.\n',
    );
    await runGit(['add', '--all'], { cwd: work });
    await runGit(
      ['commit', '--quiet', '-m', 'seed msa_deploy: msa-nginx and login-js'],
      { cwd: work },
    );
    await runGit(['push', '--quiet', bare, 'main:refs/heads/main'], {
      cwd: work,
    });
    const { stdout } = await runGit(['rev-parse', 'HEAD'], { cwd: work });
    return stdout.trim();
  } finally {
    await fs.rm(work, { recursive: true, force: true });
  }
}
