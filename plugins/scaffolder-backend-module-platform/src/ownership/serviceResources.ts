import {
  ArgoCdClient,
  GitRepository,
  JenkinsClient,
  KubernetesClient,
  ScaffolderConfig,
  UpstreamError,
} from '@paved-road/backstage-plugin-platform-node';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  applicationManifestPath,
  deployEntryPath,
} from '../render/deployPaths';
import {
  OwnerMarks,
  marksFromCatalogInfo,
  marksFromDeployFile,
  marksFromJenkinsConfig,
  marksFromMetadata,
  terminatingProblem,
} from './ownerMarks';
import { createdByPlatform } from '../render/dockerConfig';

/** What a run of the Create MSA service template would create or change. */
export interface ServiceTarget {
  serviceName: string;
  namespace?: string;
  /** Clone URL of the service repository (already checked against the allowed hosts). */
  repoRemoteUrl?: string;
  repoBranch?: string;
  jenkinsJobFullName?: string;
}

/** One resource of the target that already exists, with what it records about its owner. */
export interface ExistingResource {
  /** For messages: "Jenkins job 'msa/app'", "namespace 'msa'"... */
  resource: string;
  marks: OwnerMarks;
  /** Existing, but unusable whoever owns it (e.g. a namespace being deleted). */
  blocked?: string;
  /** Created by someone else than the platform (used only when its owner mark matches; never relabelled). */
  foreign?: boolean;
  /** Shared by the owner's services (namespace, Secret, Jenkins folder): only the owner must match. */
  shared?: boolean;
}

/** Clients the reader uses; each missing one skips its resources (the matching action then fails on config). @public */
export interface ServiceResourceClients {
  config: ScaffolderConfig;
  jenkins?: JenkinsClient;
  kubernetes?: KubernetesClient;
  argocd?: ArgoCdClient;
}

/** Files of one branch of a remote repository; `undefined` when the repository or branch does not exist. */
export async function readRemoteFiles(
  remoteUrl: string,
  branch: string,
  files: string[],
  credentials: ScaffolderConfig['git'],
): Promise<Record<string, string | undefined> | undefined> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'platform-preflight-'));
  try {
    let repo: GitRepository;
    try {
      repo = await GitRepository.clone({
        remoteUrl,
        dir,
        branch,
        credentials,
        depth: 1,
      });
    } catch (error) {
      if (
        /not found|does not appear to be a git repository|\b404\b/i.test(
          String((error as Error).message),
        )
      ) {
        return undefined;
      }
      throw error;
    }
    if (!(await repo.head())) {
      return undefined;
    }
    const result: Record<string, string | undefined> = {};
    for (const file of files) {
      result[file] = await repo.readFile(file);
    }
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The existing items on the way to a Jenkins job, outermost first, stopping at the first missing one: folders
 * (shared by the owner's services) and the job itself.
 */
export async function readJenkinsItems(
  client: JenkinsClient,
  jobFullName: string,
): Promise<ExistingResource[]> {
  const segments = jobFullName.split('/');
  const items: ExistingResource[] = [];
  for (let depth = 1; depth <= segments.length; depth++) {
    const item = segments.slice(0, depth).join('/');
    const configXml = await client.getJobConfig(item);
    if (configXml === undefined) {
      break;
    }
    const isFolder = depth < segments.length;
    items.push({
      resource: `${isFolder ? 'Jenkins folder' : 'Jenkins job'} '${item}'`,
      marks: marksFromJenkinsConfig(configXml),
      shared: isFolder,
    });
  }
  return items;
}

function isNotFound(error: unknown): boolean {
  return error instanceof UpstreamError && error.status === 404;
}

/**
 * Reads every resource a service's template run would write (service repository, msa_deploy entry and
 * Application manifest, Jenkins folders and job, namespace, registry Secret, Argo CD Application) and returns
 * those that exist. Reads only: nothing is created.
 */
export async function readExistingServiceResources(
  target: ServiceTarget,
  clients: ServiceResourceClients,
): Promise<ExistingResource[]> {
  const { config } = clients;
  const found: ExistingResource[] = [];
  const name = target.serviceName;

  const reads: Array<Promise<void>> = [];
  if (target.repoRemoteUrl) {
    const remoteUrl = target.repoRemoteUrl;
    reads.push(
      readRemoteFiles(
        remoteUrl,
        target.repoBranch ?? 'main',
        ['catalog-info.yaml'],
        config.git,
      ).then(files => {
        if (files) {
          const content = files['catalog-info.yaml'];
          found.push({
            resource: `repository ${remoteUrl}`,
            marks: content ? marksFromCatalogInfo(content) : {},
          });
        }
      }),
    );
  }
  if (config.msaDeploy) {
    const msaDeploy = config.msaDeploy;
    const entryPath = deployEntryPath(msaDeploy.layout, name);
    const appPath = applicationManifestPath(msaDeploy.appsPath, name);
    reads.push(
      readRemoteFiles(
        msaDeploy.repoUrl,
        msaDeploy.branch,
        [entryPath, appPath],
        config.git,
      ).then(files => {
        for (const [file, content] of Object.entries(files ?? {})) {
          if (content !== undefined) {
            found.push({
              resource: `msa_deploy file '${file}'`,
              marks: marksFromDeployFile(content),
            });
          }
        }
      }),
    );
  }
  const jenkins = clients.jenkins;
  if (jenkins && target.jenkinsJobFullName) {
    reads.push(
      readJenkinsItems(jenkins, target.jenkinsJobFullName).then(items => {
        found.push(...items);
      }),
    );
  }
  const kubernetes = clients.kubernetes;
  if (kubernetes && target.namespace) {
    const namespace = target.namespace;
    reads.push(
      (async () => {
        const existing = await kubernetes.getNamespace(namespace);
        if (!existing) {
          return;
        }
        found.push({
          resource: `namespace '${namespace}'`,
          marks: marksFromMetadata(existing.metadata),
          foreign: !createdByPlatform(existing.metadata),
          shared: true,
          blocked: terminatingProblem(existing),
        });
        const secretName = config.registry?.secretName;
        if (secretName) {
          const secret = await kubernetes.getSecret(namespace, secretName);
          if (secret) {
            found.push({
              resource: `Secret '${namespace}/${secretName}'`,
              marks: marksFromMetadata(secret.metadata),
              foreign: !createdByPlatform(secret.metadata),
              shared: true,
            });
          }
        }
      })(),
    );
  }
  const argocdNamespace = config.argocd.namespace;
  if (config.argocd.via === 'kubernetes' && kubernetes) {
    reads.push(
      kubernetes.getApplication(argocdNamespace, name).then(app => {
        if (app) {
          found.push({
            resource: `Argo CD Application '${argocdNamespace}/${name}'`,
            marks: marksFromMetadata(app.metadata),
          });
        }
      }),
    );
  } else if (
    config.argocd.via === 'api' &&
    clients.argocd &&
    config.argocdInstances?.[0]
  ) {
    const instance = config.argocdInstances[0].name;
    reads.push(
      clients.argocd
        .getApplication(instance, name, {
          project: config.argocd.project,
          appNamespace: argocdNamespace,
        })
        .then(
          app => {
            found.push({
              resource: `Argo CD Application '${argocdNamespace}/${name}'`,
              marks: marksFromMetadata(
                (app as { metadata?: { annotations?: Record<string, string> } })
                  .metadata,
              ),
            });
          },
          error => {
            if (!isNotFound(error)) {
              throw error;
            }
          },
        ),
    );
  }
  const settled = await Promise.allSettled(reads);
  const failures = settled.filter(
    (r): r is PromiseRejectedResult => r.status === 'rejected',
  );
  if (failures.length > 0) {
    throw new Error(
      `Could not check the existing resources: ${failures
        .map(f => (f.reason as Error)?.message ?? String(f.reason))
        .join('; ')}`,
    );
  }
  return found.sort((a, b) => a.resource.localeCompare(b.resource));
}
