/** Turns the files an Application points at into Kubernetes resources, images and a resource tree. */
import { createHash } from 'node:crypto';
import { parseAllDocuments } from 'yaml';

export interface ManifestResource {
  group: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  images: string[];
}

function isRecord(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function containerImages(podSpec: unknown): string[] {
  if (!isRecord(podSpec)) return [];
  const out: string[] = [];
  for (const key of ['initContainers', 'containers']) {
    const list = podSpec[key];
    if (Array.isArray(list))
      for (const c of list)
        if (isRecord(c) && typeof c.image === 'string') out.push(c.image);
  }
  return out;
}

/** Parses plain manifests (multi-document YAML). */
export function resourcesFromManifest(
  text: string,
  defaultNamespace: string,
): ManifestResource[] {
  const out: ManifestResource[] = [];
  for (const doc of parseAllDocuments(text)) {
    if ('errors' in doc && doc.errors.length) continue;
    const obj = doc.toJS() as unknown;
    if (
      !isRecord(obj) ||
      typeof obj.kind !== 'string' ||
      typeof obj.apiVersion !== 'string'
    )
      continue;
    const [group, version] = obj.apiVersion.includes('/')
      ? obj.apiVersion.split('/', 2)
      : ['', obj.apiVersion];
    const meta = isRecord(obj.metadata) ? obj.metadata : {};
    const spec = isRecord(obj.spec) ? obj.spec : {};
    let images: string[] = [];
    if (
      ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(
        obj.kind,
      )
    ) {
      images = containerImages(
        isRecord(spec.template) ? spec.template.spec : undefined,
      );
    } else if (obj.kind === 'Pod') images = containerImages(spec);
    else if (obj.kind === 'CronJob') {
      const jt = isRecord(spec.jobTemplate) ? spec.jobTemplate.spec : undefined;
      images = containerImages(
        isRecord(jt) && isRecord(jt.template) ? jt.template.spec : undefined,
      );
    }
    out.push({
      group,
      version,
      kind: obj.kind,
      namespace:
        typeof meta.namespace === 'string' ? meta.namespace : defaultNamespace,
      name: typeof meta.name === 'string' ? meta.name : '',
      images,
    });
  }
  return out;
}

/**
 * A `values` layout (`services/<svc>/values.yaml` with `image: {repository, tag}`) rendered as the chart
 * would: one Deployment and one Service named after the service.
 */
export function resourcesFromValues(
  text: string,
  service: string,
  namespace: string,
): ManifestResource[] {
  let image: string | undefined;
  for (const doc of parseAllDocuments(text)) {
    const v = doc.toJS() as unknown;
    if (
      isRecord(v) &&
      isRecord(v.image) &&
      typeof v.image.repository === 'string'
    ) {
      image =
        v.image.tag !== undefined && v.image.tag !== null
          ? `${v.image.repository}:${String(v.image.tag)}`
          : v.image.repository;
    }
  }
  return [
    {
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      namespace,
      name: service,
      images: image ? [image] : [],
    },
    {
      group: '',
      version: 'v1',
      kind: 'Service',
      namespace,
      name: service,
      images: [],
    },
  ];
}

function shortHash(s: string, len: number): string {
  return createHash('sha256').update(s).digest('hex').slice(0, len);
}

function uidOf(s: string): string {
  const h = createHash('sha256').update(s).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(
    16,
    20,
  )}-${h.slice(20, 32)}`;
}

export interface TreeNode {
  group?: string;
  version: string;
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  parentRefs?: {
    group?: string;
    kind: string;
    namespace: string;
    name: string;
    uid: string;
  }[];
  info?: { name: string; value: string }[];
  networkingInfo?: unknown;
  resourceVersion: string;
  images?: string[];
  health?: { status: string; message?: string };
  createdAt: string;
}

/** The live objects Argo CD would show: managed resources plus ReplicaSet/Pod children of workloads. */
export function resourceTree(
  resources: ManifestResource[],
  healthy: boolean,
  createdAt: string,
): TreeNode[] {
  const nodes: TreeNode[] = [];
  const health = { status: healthy ? 'Healthy' : 'Progressing' };
  for (const r of resources) {
    const uid = uidOf(`${r.group}/${r.kind}/${r.namespace}/${r.name}`);
    const node: TreeNode = {
      version: r.version,
      kind: r.kind,
      namespace: r.namespace,
      name: r.name,
      uid,
      resourceVersion:
        shortHash(`${uid}${r.images.join(',')}`, 6).replace(/[a-f]/g, '') ||
        '1',
      createdAt,
    };
    if (r.group) node.group = r.group;
    if (
      [
        'Deployment',
        'StatefulSet',
        'DaemonSet',
        'Service',
        'Pod',
        'ReplicaSet',
        'PersistentVolumeClaim',
        'Ingress',
      ].includes(r.kind)
    ) {
      node.health = { ...health };
    }
    if (r.kind === 'Service') {
      node.networkingInfo = { targetLabels: { app: r.name } };
      node.info = [];
    }
    nodes.push(node);
    if (r.kind === 'Deployment') {
      const rsName = `${r.name}-${shortHash(r.images.join(','), 10).replace(
        /[^a-z0-9]/g,
        '',
      )}`;
      const rsUid = uidOf(`rs/${r.namespace}/${rsName}`);
      nodes.push({
        group: 'apps',
        version: 'v1',
        kind: 'ReplicaSet',
        namespace: r.namespace,
        name: rsName,
        uid: rsUid,
        parentRefs: [
          {
            group: 'apps',
            kind: 'Deployment',
            namespace: r.namespace,
            name: r.name,
            uid,
          },
        ],
        info: [{ name: 'Revision', value: 'Rev:1' }],
        resourceVersion: '1',
        health: { ...health },
        createdAt,
      });
      const podName = `${rsName}-${shortHash(rsName, 5)}`;
      nodes.push({
        version: 'v1',
        kind: 'Pod',
        namespace: r.namespace,
        name: podName,
        uid: uidOf(`pod/${r.namespace}/${podName}`),
        parentRefs: [
          {
            group: 'apps',
            kind: 'ReplicaSet',
            namespace: r.namespace,
            name: rsName,
            uid: rsUid,
          },
        ],
        info: [
          {
            name: 'Status Reason',
            value: healthy ? 'Running' : 'ContainerCreating',
          },
          { name: 'Node', value: 'sandbox-node' },
          {
            name: 'Containers',
            value: `${healthy ? r.images.length : 0}/${r.images.length}`,
          },
        ],
        networkingInfo: { labels: { app: r.name } },
        resourceVersion: '1',
        images: r.images,
        health: { ...health },
        createdAt,
      });
    }
  }
  return nodes;
}
