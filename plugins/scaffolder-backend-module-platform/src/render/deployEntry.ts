import { parseAllDocuments, stringify } from 'yaml';
import { ENTITY_REF_ANNOTATION, OWNER_ANNOTATION } from './application';

/** The service's deployment entry in msa_deploy. */
export interface DeployEntryModel {
  serviceName: string;
  entityRef: string;
  /** Owner entity ref recorded beside the entity ref. */
  owner: string;
  namespace: string;
  imageRepository: string;
  imageTag: string;
  port: number;
  replicas: number;
  pullSecretName?: string;
  istioSidecar: boolean;
}

const HEADER = (entityRef: string) =>
  `# Managed by Backstage for ${entityRef}; the pipeline bumps the image tag.\n`;

function labels(model: DeployEntryModel) {
  return {
    app: model.serviceName,
    'backstage.io/kubernetes-id': model.serviceName,
  };
}

/** `<service>.yaml` of the manifest layout: Deployment + Service, image `<repository>:<tag>` on one line. */
export function renderManifestEntry(model: DeployEntryModel): string {
  const annotations = {
    [ENTITY_REF_ANNOTATION]: model.entityRef,
    [OWNER_ANNOTATION]: model.owner,
  };
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: model.serviceName,
      namespace: model.namespace,
      labels: labels(model),
      annotations,
    },
    spec: {
      replicas: model.replicas,
      selector: { matchLabels: { app: model.serviceName } },
      template: {
        metadata: {
          labels: { ...labels(model), version: 'v1' },
          annotations: {
            'sidecar.istio.io/inject': String(model.istioSidecar),
          },
        },
        spec: {
          ...(model.pullSecretName
            ? { imagePullSecrets: [{ name: model.pullSecretName }] }
            : {}),
          containers: [
            {
              name: model.serviceName,
              image: `${model.imageRepository}:${model.imageTag}`,
              ports: [{ name: 'http', containerPort: model.port }],
              readinessProbe: { tcpSocket: { port: 'http' } },
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
      name: model.serviceName,
      namespace: model.namespace,
      labels: labels(model),
      annotations,
    },
    spec: {
      selector: { app: model.serviceName },
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    },
  };
  return `${HEADER(model.entityRef)}${stringify(deployment, {
    lineWidth: 0,
  })}---\n${stringify(service, { lineWidth: 0 })}`;
}

/** `services/<service>/values.yaml` of the values layout (the pipeline sets `.image.tag`). */
export function renderValuesEntry(model: DeployEntryModel): string {
  return `${HEADER(model.entityRef)}${stringify({
    backstage: { entityRef: model.entityRef, owner: model.owner },
    nameOverride: model.serviceName,
    namespace: model.namespace,
    replicaCount: model.replicas,
    image: {
      repository: model.imageRepository,
      tag: model.imageTag,
      pullSecrets: model.pullSecretName ? [model.pullSecretName] : [],
    },
    containerPort: model.port,
    istioSidecar: model.istioSidecar,
    service: { port: 80 },
  })}`;
}

/** The small chart rendering values.yaml in the values layout; static except its name. */
export function renderValuesChart(serviceName: string): Record<string, string> {
  return {
    'Chart.yaml': stringify({
      apiVersion: 'v2',
      name: serviceName,
      version: '0.1.0',
      type: 'application',
    }),
    'templates/deployment.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ .Values.nameOverride }}
  labels:
    app: {{ .Values.nameOverride }}
    backstage.io/kubernetes-id: {{ .Values.nameOverride }}
  annotations:
    backstage.io/entity-ref: {{ .Values.backstage.entityRef | quote }}
spec:
  replicas: {{ .Values.replicaCount }}
  selector:
    matchLabels:
      app: {{ .Values.nameOverride }}
  template:
    metadata:
      labels:
        app: {{ .Values.nameOverride }}
        backstage.io/kubernetes-id: {{ .Values.nameOverride }}
      annotations:
        sidecar.istio.io/inject: {{ .Values.istioSidecar | quote }}
    spec:
      {{- with .Values.image.pullSecrets }}
      imagePullSecrets:
        {{- range . }}
        - name: {{ . }}
        {{- end }}
      {{- end }}
      containers:
        - name: {{ .Values.nameOverride }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          ports:
            - name: http
              containerPort: {{ .Values.containerPort }}
`,
    'templates/service.yaml': `apiVersion: v1
kind: Service
metadata:
  name: {{ .Values.nameOverride }}
  labels:
    app: {{ .Values.nameOverride }}
spec:
  selector:
    app: {{ .Values.nameOverride }}
  ports:
    - name: http
      port: {{ .Values.service.port }}
      targetPort: http
`,
  };
}

/** The image tag currently deployed by an entry (so a re-run never rolls back the pipeline's bump). */
export function currentTag(
  content: string,
  layout: 'manifest' | 'values',
  imageRepository: string,
): string | undefined {
  if (layout === 'values') {
    const value = parseAllDocuments(content)[0]?.toJS() as any;
    const tag = value?.image?.tag;
    return tag === undefined || tag === null ? undefined : String(tag);
  }
  for (const line of content.split('\n')) {
    const match = /^\s*image:\s*["']?([^"'\s]+)["']?\s*$/.exec(line);
    if (match && match[1].startsWith(`${imageRepository}:`)) {
      return match[1].slice(imageRepository.length + 1);
    }
  }
  return undefined;
}
