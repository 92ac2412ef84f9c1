export interface Config {
  /**
   * The paved-road platform plugins: where the upstream systems are and how to reach them.
   * Every section is optional: a missing section disables that source (its card says so).
   */
  platform?: {
    /** Upstream request timeout in milliseconds (default 5000). */
    timeoutMs?: number;
    /** Cache TTL in seconds for upstream reads (default 15; 0 disables the cache). */
    cacheTtlSeconds?: number;

    /** Bounds an annotation cannot widen. */
    scope?: {
      /**
       * Loki label set to the entity's namespace (`backstage.io/kubernetes-namespace`, else the catalog
       * namespace) in every LogQL selector; an annotation cannot override it. Default `namespace`.
       * `false` switches the scope off (every entity may read any namespace's streams its other labels match);
       * the backend then logs a warning at start-up. An empty string is refused.
       */
      lokiNamespaceLabel?: string | false;
      /**
       * Prometheus / Alertmanager label set to the entity's namespace in every alert matcher. Default
       * `namespace`. `false` switches it off (start-up warning); an empty string is refused.
       */
      alertNamespaceLabel?: string | false;
      /**
       * Tempo resource attribute matched to the entity's namespace in trace search and trace detail (spans
       * outside it are withheld). Default `k8s.namespace.name` (the OpenTelemetry convention, TraceQL
       * `resource.k8s.namespace.name`). `false` switches it off (start-up warning); an empty string is refused.
       */
      tempoNamespaceAttribute?: string | false;
      /**
       * Namespaces an entity may select for logs, alerts, metrics and traces: exact names or simple globs
       * (`*` = any run of lowercase letters, digits, `-`), e.g. [msa, 'svc-*']. An entity whose namespace
       * matches none gets a `forbidden` result for those sources and no query is sent. Unset: any namespace
       * (the backend logs a warning at start-up).
       */
      allowedNamespaces?: string[];
      /**
       * Owner entity ref (e.g. `group:default/team-a`; kind defaults to group, namespace to default) ->
       * namespaces (names or globs) that owner's entities may select. When set, an entity's `spec.owner` must
       * be listed and its namespace must match that owner's list (and allowedNamespaces, if also set).
       */
      namespacesByOwner?: { [ownerRef: string]: string[] };
    };

    argocd?: {
      /** Argo CD instances; the first is the default for entities without `argocd/instance-name`. */
      instances: Array<{
        /** Name used in the `argocd/instance-name` annotation. */
        name: string;
        /** API base URL, e.g. https://argocd.example.com */
        url: string;
        /** Browser URL of the Argo CD UI for deep links (defaults to url). @visibility frontend */
        webUrl?: string;
        /** API token (preferred). @visibility secret */
        token?: string;
        /** Local account for session login when no token is set. */
        username?: string;
        /** @visibility secret */
        password?: string;
      }>;
      /**
       * Read Applications as Kubernetes custom resources instead of through the Argo CD API
       * (needs `platform.kubernetes`). Sync then patches the resource's `operation`.
       */
      source?: 'api' | 'kubernetes';
      /**
       * Argo CD's own namespace: where Application resources are read through Kubernetes when an entity has no
       * `argocd/app-namespace` annotation (default argocd).
       */
      kubernetesNamespace?: string;
      /**
       * Namespaces the `argocd/app-namespace` annotation may name: exact names or simple globs (`*` = any run
       * of lowercase letters, digits, `-`), e.g. [argocd, 'team-*-apps']. Applications are read with the
       * backend's own credentials (its Argo CD token or Kubernetes service account), so without this bound a
       * catalog-info.yaml could read any namespace's Applications. Applies to both `source: kubernetes` (the
       * namespace listed) and `source: api` (the `appNamespace` parameter). An annotation naming anything
       * else (or not a DNS-1123 label) gets a `forbidden` Argo CD result and no request is sent. Unset: only
       * `kubernetesNamespace` is allowed.
       */
      allowedAppNamespaces?: string[];
    };

    kubernetes?: {
      /** API server URL. */
      url: string;
      /** Service account bearer token. @visibility secret */
      token: string;
      /**
       * CA bundle of the API server: PEM text, or base64 of it (a kubeconfig's certificate-authority-data).
       * Unset: the system CAs. @visibility secret
       */
      caData?: string;
      skipTLSVerify?: boolean;
    };

    prometheus?: {
      url: string;
      /** Bearer token, if Prometheus sits behind an auth proxy. @visibility secret */
      token?: string;
      /** Which metric family feeds RED: Istio standard metrics or Tempo span-metrics (default istio). */
      redSource?: 'istio' | 'spanmetrics' | 'linkerd';
      /** Label carrying the workload namespace in the RED metrics (default destination_workload_namespace). */
      namespaceLabel?: string;
    };

    alertmanager?: {
      url: string;
      /** Browser URL of the Alertmanager UI for deep links (defaults to url). @visibility frontend */
      webUrl?: string;
      /** @visibility secret */
      token?: string;
    };

    loki?: {
      url: string;
      /** Default tenant, sent as X-Scope-OrgID (default: the first of `tenants`, else none). */
      tenant?: string;
      /**
       * Tenants an entity may pick with the `platform.paved-road.dev/loki-tenant` annotation (the default is
       * always allowed). Any other value is a `forbidden` result and no query is sent.
       */
      tenants?: string[];
      /** @visibility secret */
      token?: string;
      /** Upper bound of lines per request (default 1000, never above Loki's 5000). */
      maxLines?: number;
      /**
       * Stream label matched to `backstage.io/kubernetes-id` when an entity has no
       * `platform.paved-road.dev/loki-labels` annotation (default app).
       */
      defaultLabel?: string;
    };

    tempo?: {
      url: string;
      /** Default tenant, sent as X-Scope-OrgID (default: the first of `tenants`, else none). */
      tenant?: string;
      /**
       * Tenants an entity may pick with the `platform.paved-road.dev/tempo-tenant` annotation (the default is
       * always allowed). Any other value is a `forbidden` result and no query is sent.
       */
      tenants?: string[];
      /** @visibility secret */
      token?: string;
      /** Upper bound of traces per search (default 50). */
      maxTraces?: number;
    };

    jenkins?: {
      instances: Array<{
        /** Name used as the `instance:` prefix of `jenkins.io/job-full-name`. */
        name: string;
        url: string;
        /** Jenkins user owning the API token. */
        username: string;
        /** Jenkins API token (basic auth; no crumb needed). @visibility secret */
        apiToken: string;
      }>;
    };

    /**
     * Logs from Elasticsearch (or OpenSearch): searched with structured query DSL clauses only (never a query
     * string or a script), inside the operator's index allow-list.
     */
    elasticsearch?: {
      /** Clusters; the first is the default for entities without `platform.paved-road.dev/elasticsearch-instance`. */
      instances: Array<{
        /** Name used in the `platform.paved-road.dev/elasticsearch-instance` annotation. */
        name: string;
        url: string;
        /**
         * API key, its `encoded` form (base64 of `id:api_key`), sent as `Authorization: ApiKey ...`. Either this
         * or username + password.
         * @visibility secret
         */
        apiKey?: string;
        username?: string;
        /** @visibility secret */
        password?: string;
        /** Base64 of the PEM CA certificate(s) to trust for an https url (like kubeconfig's certificate-authority-data). */
        caData?: string;
        /**
         * Field names of this cluster's logs over the Elastic Common Schema defaults, `role=field` pairs:
         * roles timestamp (@timestamp), message (message), level (log.level), service (service.name),
         * namespace (kubernetes.namespace), traceId (trace.id); e.g. `level=severity,traceId=trace_id`.
         */
        fields?: string;
      }>;
      /** Kibana base URL: logs get a Discover link for the same query and range. */
      kibanaUrl?: string;
      /**
       * Index names or `*` patterns (e.g. `logs-*`) an entity's `platform.paved-road.dev/elasticsearch-index`
       * annotation must stay inside. Required; `*` alone is refused.
       */
      allowedIndexPatterns: string[];
      /** Index pattern of entities without the annotation (default: the first allowed pattern). */
      defaultIndexPattern?: string;
      /** Upper bound of lines per search (default 1000, at most 10000: index.max_result_window). */
      maxLines?: number;
    };

    /** Deep links into Grafana Explore. */
    grafana?: {
      /** @visibility frontend */
      url: string;
      /**
       * Loki data source UID of Explore links. With Loki tenants it is the default tenant's
       * (`platform.loki.tenant`) data source.
       */
      lokiDatasourceUid?: string;
      /**
       * Loki data source UID per tenant (tenant id -> UID), for Grafana set up with one data source per
       * `X-Scope-OrgID`. Each key must be one of `platform.loki.tenants`; UIDs are 1-40 of `A-Z a-z 0-9 - _`.
       * An entity reading a tenant gets that tenant's UID here, else (default tenant only) `lokiDatasourceUid`;
       * a tenant with neither gets no Explore link rather than one showing another tenant's logs.
       */
      lokiDatasourceUids?: { [tenant: string]: string };
      /** Tempo data source UID of Explore links; with Tempo tenants, the default tenant's. */
      tempoDatasourceUid?: string;
      /** Tempo data source UID per tenant, as `lokiDatasourceUids` (keys from `platform.tempo.tenants`). */
      tempoDatasourceUids?: { [tenant: string]: string };
      /** Prometheus data source UID of Explore links. */
      prometheusDatasourceUid?: string;
    };

    /** Deep links from the service graph card into Kiali (Istio meshes). */
    kiali?: {
      /**
       * Kiali's base URL with its web root, e.g. `https://kiali.example.com/kiali`: the card links to
       * `<url>/console/namespaces/<ns>/workloads/<workload>` (the workload's overview with its traffic mini-graph).
       */
      url: string;
    };

    /**
     * The owner watcher: a scheduled task (once across replicas) that notifies a component's owner through
     * Backstage notifications when its Argo CD app turns Degraded or a sync fails, a critical alert fires or
     * resolves, or a build fails. Absent or `enabled: false`: it does not run.
     */
    notifications?: {
      /** Default false. */
      enabled?: boolean;
      /** Seconds between rounds, 5 to 3600 (default 30). */
      intervalSeconds?: number;
      /**
       * Seconds each component's last observation is kept in the cache service (shared by the replicas), at
       * least 3 x intervalSeconds, at most 604800 (default 86400). A component whose state expired re-baselines.
       */
      stateTtlSeconds?: number;
    };

    /** What the scaffolder actions write to. */
    scaffolder?: {
      /** Git hosts the actions may clone from and push to (host[:port]). */
      allowedGitHosts?: string[];
      /** Credentials for git over HTTP on those hosts (basic auth). */
      git?: {
        username: string;
        /** @visibility secret */
        token: string;
        /**
         * Allowed hosts spoken to over plain http instead of https (the local sandbox only, e.g. 127.0.0.1:17080).
         * Each must also be listed in allowedGitHosts.
         */
        plainHttpHosts?: string[];
      };
      msaDeploy?: {
        /** HTTP(S) clone URL of the GitOps repository. */
        repoUrl: string;
        branch?: string;
        /** `manifest`: `<service>.yaml` at the root (the source documents); `values`: `services/<service>/values.yaml`. */
        layout?: 'manifest' | 'values';
        /** Folder of the app-of-apps Application manifests (default apps). */
        appsPath?: string;
        authorName?: string;
        authorEmail?: string;
      };
      registry?: {
        /** Registry host, e.g. harbor.example.com */
        host: string;
        username: string;
        /** @visibility secret */
        password: string;
        /** Name of the dockerconfigjson Secret created in each namespace (default docker-config-secret). */
        secretName?: string;
      };
      jenkins?: {
        /** Instance name in platform.jenkins.instances (default: the first). */
        instance?: string;
        /** Jenkins credential ids the pipeline references (never the secrets themselves). */
        credentialIds?: {
          git?: string;
          slack?: string;
        };
        /** Kubernetes cloud / pod template settings. */
        kanikoImage?: string;
        gitImage?: string;
        /** Image with yq, used to bump values.yaml in the `values` layout (default mikefarah/yq). */
        yqImage?: string;
      };
      argocd?: {
        /** `kubernetes` (server-side apply of the Application) or `api` (Argo CD REST). Default kubernetes. */
        via?: 'kubernetes' | 'api';
        namespace?: string;
        project?: string;
        destinationServer?: string;
      };
    };
  };
}
