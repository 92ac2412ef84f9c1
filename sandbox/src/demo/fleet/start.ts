/**
 * Starts the generated fleet inside a running sandbox: the teams' namespaces in the Kubernetes store, one
 * Argo CD Application per component (with the status the model gives it), a Jenkins folder `fleet` with one
 * job per component and its last builds, the catalog file plus app-config overlay under `<stateDir>/fleet/`,
 * and one exporter endpoint serving every component's sidecar series for Prometheus to scrape.
 */
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ARGOCD_NAMESPACE } from '../../argocd/reconciler.ts';
import type { JenkinsController } from '../../jenkins/controller.ts';
import { renderJenkinsfile } from '../../jenkins/jenkinsfile.ts';
import {
  folderConfigXml,
  inlinePipelineConfigXml,
} from '../../jenkins/seed.ts';
import { APPLICATIONS, NAMESPACES } from '../../kubernetes/resources.ts';
import type { KubeStore } from '../../kubernetes/store.ts';
import { startExporter, type Exporter } from '../exporter.ts';
import type { Mesh } from '../metrics.ts';
import { fleetAppConfigYaml, fleetCatalogYaml } from './catalog.ts';
import { generateFleet, type Fleet, type FleetComponent } from './model.ts';
import { FleetSeries } from './series.ts';

export const FLEET_JENKINS_FOLDER = 'fleet';
const FLEET_IMAGE_REGISTRY = 'harbor.sandbox.local/fleet';
const DAY = 24 * 3600_000;

export interface RunningFleet {
  fleet: Fleet;
  /** `host:port` serving the fleet's /metrics */
  exporterAddress: string;
  catalogFile: string;
  appConfigFile: string;
  stop: () => Promise<void>;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function applicationOf(c: FleetComponent, deployUrl: string, now: number) {
  const source = {
    repoURL: deployUrl,
    targetRevision: 'main',
    path: `${FLEET_JENKINS_FOLDER}/${c.name}`,
  };
  const destination = {
    server: 'https://kubernetes.default.svc',
    namespace: c.namespace,
  };
  const deployedAt = iso(now - c.deployedAgoMs);
  const image = `${FLEET_IMAGE_REGISTRY}/${c.name}:${
    c.lastBuild.result === 'SUCCESS' ? 2 : 1
  }`;
  // OutOfSync: git has moved past what is deployed.
  const target =
    c.sync === 'OutOfSync'
      ? `${c.revision.slice(8)}${c.revision.slice(0, 8)}`
      : c.revision;
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: {
      name: c.name,
      namespace: ARGOCD_NAMESPACE,
      labels: {
        'app.kubernetes.io/part-of': FLEET_JENKINS_FOLDER,
        'backstage.io/kubernetes-id': c.name,
      },
      annotations: {
        'backstage.io/entity-ref': `component:default/${c.name}`,
        'platform.paved-road.dev/owner': `group:default/${c.owner.name}`,
      },
    },
    spec: {
      project: 'default',
      source,
      destination,
      syncPolicy: { syncOptions: ['CreateNamespace=true'] },
    },
    status: {
      sync: {
        status: c.sync,
        comparedTo: { source, destination },
        revision: target,
      },
      health:
        c.health === 'Degraded'
          ? {
              status: 'Degraded',
              message: `Deployment "${c.name}" exceeded its progress deadline`,
            }
          : { status: c.health },
      history: [
        {
          revision: c.revision,
          deployedAt,
          id: 0,
          source,
          deployStartedAt: deployedAt,
          initiatedBy: { automated: true },
        },
      ],
      operationState: {
        operation: {
          sync: { revision: c.revision },
          initiatedBy: { automated: true },
          retry: {},
        },
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        startedAt: deployedAt,
        finishedAt: deployedAt,
      },
      summary: { images: [image] },
      sourceType: 'Directory',
      reconciledAt: iso(now),
    },
  };
}

/** The portal's own catalog locations (from app-config.yaml), to repeat in the overlay. */
function baseLocations(repoRoot: string | undefined): unknown[] {
  const file = repoRoot ? path.join(repoRoot, 'app-config.yaml') : undefined;
  if (!file || !existsSync(file)) return [];
  const config = parse(readFileSync(file, 'utf8')) as any;
  const locations = config?.catalog?.locations;
  return Array.isArray(locations) ? locations : [];
}

export async function startFleet(o: {
  size: number;
  meshes: readonly Mesh[];
  stateDir: string;
  /** where app-config.yaml lives (its catalog locations are repeated in the overlay) */
  repoRoot?: string;
  host: string;
  kube: KubeStore;
  jenkins: JenkinsController;
  deployUrl: string;
}): Promise<RunningFleet> {
  const fleet = generateFleet(o.size);
  const now = Date.now();
  for (const g of fleet.groups) {
    const r = o.kube.create(
      NAMESPACES,
      undefined,
      {
        metadata: {
          name: g.namespace,
          annotations: {
            'platform.paved-road.dev/owner': `group:default/${g.name}`,
          },
        },
      },
      { manager: 'sandbox' },
    );
    if (!r.ok)
      throw new Error(`fleet namespace ${g.namespace}: ${r.status.message}`);
  }
  const folder = o.jenkins.create(
    [],
    FLEET_JENKINS_FOLDER,
    folderConfigXml('Generated sandbox fleet (--fleet N)'),
  );
  if (!folder.ok) throw new Error(`fleet Jenkins folder: ${folder.error}`);
  for (const c of fleet.components) {
    const app = o.kube.create(
      APPLICATIONS,
      ARGOCD_NAMESPACE,
      applicationOf(c, o.deployUrl, now),
      { manager: 'argocd-controller' },
    );
    if (!app.ok)
      throw new Error(`fleet application ${c.name}: ${app.status.message}`);
    o.jenkins.seedJob(
      [FLEET_JENKINS_FOLDER],
      c.name,
      'org.jenkinsci.plugins.workflow.job.WorkflowJob',
      inlinePipelineConfigXml(
        `Generated fleet pipeline for component:default/${c.name}.\nplatform.paved-road.dev/owner: group:default/${c.owner.name}`,
        renderJenkinsfile({
          SERVICE_NAME: c.name,
          IMAGE_REPOSITORY: `${FLEET_IMAGE_REGISTRY}/${c.name}`,
          DEPLOY_REPO_URL: o.deployUrl,
          DEPLOY_BRANCH: 'main',
          DEPLOY_FILE: `${FLEET_JENKINS_FOLDER}/${c.name}.yaml`,
          DEPLOY_LAYOUT: 'manifest',
        }),
      ),
      [
        {
          result: 'SUCCESS',
          ageMs: c.lastBuild.ageMs + DAY,
          durationMs: 90_000,
        },
        {
          result: c.lastBuild.result,
          ageMs: c.lastBuild.ageMs,
          durationMs: c.lastBuild.result === 'SUCCESS' ? 95_000 : 38_000,
        },
      ],
    );
  }

  const dir = path.join(o.stateDir, 'fleet');
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  const catalogFile = path.join(dir, 'catalog.yaml');
  const appConfigFile = path.join(dir, 'app-config.yaml');
  await fs.writeFile(catalogFile, fleetCatalogYaml(fleet));
  await fs.writeFile(
    appConfigFile,
    fleetAppConfigYaml({
      baseLocations: baseLocations(o.repoRoot),
      catalogFile,
    }),
  );

  const series = new FleetSeries(fleet.components, o.meshes);
  const started = Date.now();
  const exporter: Exporter = await startExporter({
    host: o.host,
    expose: () => series.expose((Date.now() - started) / 1000),
  });
  return {
    fleet,
    exporterAddress: exporter.address,
    catalogFile,
    appConfigFile,
    stop: () => exporter.stop(),
  };
}
