/**
 * Entity annotations the platform plugins read. Community keys are reused so existing catalogs work;
 * the `platform.paved-road.dev/*` keys are new (no prior convention existed for Loki and Tempo).
 *
 * @public
 */
export const PLATFORM_ANNOTATIONS = {
  /** Argo CD application name (community `argocd/app-name`). */
  argocdAppName: 'argocd/app-name',
  /** Argo CD label selector picking several applications (community `argocd/app-selector`). */
  argocdAppSelector: 'argocd/app-selector',
  /** Which configured Argo CD instance serves the app. */
  argocdInstanceName: 'argocd/instance-name',
  /** Argo CD project, sent as `project=` so a missing app is a 404 rather than a 403. */
  argocdProjectName: 'argocd/project-name',
  /** Namespace of the Application resource (apps-in-any-namespace). */
  argocdAppNamespace: 'argocd/app-namespace',
  /** Alert names to show, comma separated, or `all`. */
  prometheusAlert: 'prometheus.io/alert',
  /** Alert label matchers `k=v,k2=v2` (equality only). */
  prometheusLabels: 'prometheus.io/labels',
  /** Grafana-style alert label selector `k=v,...` (accepted as an alias of `prometheus.io/labels`). */
  grafanaAlertLabelSelector: 'grafana/alert-label-selector',
  /** Jenkins job, `[instance:]folder/job`. */
  jenkinsJobFullName: 'jenkins.io/job-full-name',
  /** Kubernetes workload id; the default workload / service name for metrics, logs and traces. */
  kubernetesId: 'backstage.io/kubernetes-id',
  /** Kubernetes namespace of the workload. */
  kubernetesNamespace: 'backstage.io/kubernetes-namespace',
  /** Kubernetes label selector of the workload. */
  kubernetesLabelSelector: 'backstage.io/kubernetes-label-selector',
  /** Harbor repository, `project/repository`. */
  harborRepositorySlug: 'goharbor.io/repository-slug',
  /** Loki stream labels, equality matchers only: `app=login-js,container=web`. */
  lokiLabels: 'platform.paved-road.dev/loki-labels',
  /**
   * Loki tenant (X-Scope-OrgID) of the entity's logs; must be one of `platform.loki.tenants` (or the default
   * `platform.loki.tenant`), else the logs are `forbidden`. Absent: the default tenant.
   */
  lokiTenant: 'platform.paved-road.dev/loki-tenant',
  /** Tempo tenant (X-Scope-OrgID) of the entity's traces; must be one of `platform.tempo.tenants`. */
  tempoTenant: 'platform.paved-road.dev/tempo-tenant',
  /** Tempo `resource.service.name` of the service. */
  tempoServiceName: 'platform.paved-road.dev/tempo-service-name',
  /** Workload name used in RED metrics queries, when it differs from the Kubernetes id. */
  metricsWorkload: 'platform.paved-road.dev/metrics-workload',
  /** Which configured Elasticsearch instance (`platform.elasticsearch.instances[].name`) holds the logs. */
  elasticsearchInstance: 'platform.paved-road.dev/elasticsearch-instance',
  /**
   * Index pattern of the entity's logs (`logs-msa-*`, comma lists allowed); must stay inside
   * `platform.elasticsearch.allowedIndexPatterns`, else the logs are `forbidden`.
   */
  elasticsearchIndex: 'platform.paved-road.dev/elasticsearch-index',
  /**
   * Field names of the entity's logs over the Elastic Common Schema defaults, `role=field` pairs with roles
   * timestamp, message, level, service, namespace, traceId (e.g. `level=severity,traceId=trace_id`).
   */
  elasticsearchFields: 'platform.paved-road.dev/elasticsearch-fields',
  /** Value of the service field (default `service.name`) when it differs from the Kubernetes id. */
  elasticsearchService: 'platform.paved-road.dev/elasticsearch-service',
} as const;

/**
 * Name of one platform annotation key.
 *
 * @public
 */
export type PlatformAnnotation =
  (typeof PLATFORM_ANNOTATIONS)[keyof typeof PLATFORM_ANNOTATIONS];
