import { Entity } from '@backstage/catalog-model';
import {
  PLATFORM_ANNOTATIONS as A,
  SourceError,
} from '@paved-road/backstage-plugin-platform-common';
import {
  EqualityMatcher,
  PlatformConfig,
  buildLogSelector,
  checkNamespaceAllowed,
  checkNamespaceBound,
  isNamespaceName,
  parseEqualityMatchers,
  parseLabelSelector,
  selectTenant,
} from '@paved-road/backstage-plugin-platform-node';
import {
  JENKINS_JOB_PATH,
  KUBERNETES_LABEL_VALUE,
  KUBERNETES_RESOURCE_NAME,
  NameRule,
  annotationNameProblem,
} from './annotationNames';

/** What to query for one source, or why it cannot be queried. */
export type Target<T> =
  | { ok: true; value: T }
  | { ok: false; error: SourceError };

export const notConfigured = (
  message: string,
  missingAnnotation?: string,
): Target<never> => ({
  ok: false,
  error: {
    kind: 'not-configured',
    message,
    ...(missingAnnotation ? { missingAnnotation } : {}),
  },
});

export const forbidden = (message: string): Target<never> => ({
  ok: false,
  error: { kind: 'forbidden', message },
});

const invalidAnnotations = new WeakSet<SourceError>();

/**
 * Whether a source error is an annotation value that cannot be the name it is sent as. The source's own route
 * answers it as a 400; `health` keeps it as that source's error, so one bad annotation degrades one card only.
 */
export function isInvalidAnnotation(error: SourceError): boolean {
  return invalidAnnotations.has(error);
}

/** The trimmed annotation value if it is a valid name under `rule` (undefined if unset), else the refusal. */
function nameAnnotation(
  entity: Entity,
  key: string,
  rule: NameRule,
): Target<string | undefined> {
  const value = annotation(entity, key);
  const problem =
    value === undefined ? undefined : annotationNameProblem(key, value, rule);
  return problem ? invalidAnnotation(problem) : { ok: true, value };
}

export function invalidAnnotation(message: string): Target<never> {
  const error: SourceError = { kind: 'not-configured', message };
  invalidAnnotations.add(error);
  return { ok: false, error };
}

export function annotation(entity: Entity, key: string): string | undefined {
  const value = entity.metadata.annotations?.[key]?.trim();
  return value ? value : undefined;
}

/** The Kubernetes namespace the operator's scope labels are pinned to. */
export function entityNamespace(entity: Entity): string {
  return (
    annotation(entity, A.kubernetesNamespace) ??
    entity.metadata.namespace ??
    'default'
  );
}

/**
 * The entity's namespace if the operator's bound (`platform.scope.allowedNamespaces` / `namespacesByOwner`)
 * allows it, else a `forbidden` error naming the namespace and the config key. Every namespace-scoped source
 * (logs, alerts, metrics, traces) goes through this before any query is built.
 */
export function boundedNamespace(
  entity: Entity,
  config: PlatformConfig,
): Target<string> {
  const fromAnnotation = annotation(entity, A.kubernetesNamespace);
  const namespace = entityNamespace(entity);
  const owner = entity.spec?.owner;
  const checked = checkNamespaceBound(config.scope, {
    namespace,
    from:
      fromAnnotation !== undefined
        ? `from the ${A.kubernetesNamespace} annotation`
        : `the entity's catalog namespace; no ${A.kubernetesNamespace} annotation`,
    owner: typeof owner === 'string' ? owner : undefined,
    entityNamespace: entity.metadata.namespace ?? 'default',
  });
  if (!checked.ok) {
    return forbidden(checked.message);
  }
  return { ok: true, value: namespace };
}

/** `backstage.io/kubernetes-id`, when set: the value of the workload's label, so a label value. */
function kubernetesId(entity: Entity): Target<string | undefined> {
  return nameAnnotation(entity, A.kubernetesId, KUBERNETES_LABEL_VALUE);
}

/**
 * The workload / service name used by metrics, logs and traces when no specific annotation says otherwise:
 * `override` (that source's own annotation), else `backstage.io/kubernetes-id`, else the entity name.
 */
export function entityWorkload(
  entity: Entity,
  override: string | undefined,
): Target<string> {
  if (override !== undefined) {
    return { ok: true, value: override };
  }
  const id = kubernetesId(entity);
  return id.ok ? { ok: true, value: id.value ?? entity.metadata.name } : id;
}

export interface ArgoTarget {
  instance: string;
  name?: string;
  selector?: string;
  project?: string;
  appNamespace?: string;
}

/**
 * The Argo CD application(s) an entity names; `argocd/app-name` and `argocd/project-name` must be Kubernetes
 * resource names, else an invalid-annotation error (a 400 on the route). `argocd/app-namespace` must be within
 * `platform.argocd.allowedAppNamespaces` (default: the Argo CD namespace only), else `forbidden`: the backend
 * reads Applications with its own credentials, so the annotation must not reach other namespaces.
 */
export function argoTarget(
  entity: Entity,
  config: PlatformConfig,
): Target<ArgoTarget> {
  if (!config.argocd) {
    return notConfigured(
      'Argo CD is not configured in this backend (platform.argocd)',
    );
  }
  const checkedName = nameAnnotation(
    entity,
    A.argocdAppName,
    KUBERNETES_RESOURCE_NAME,
  );
  if (!checkedName.ok) {
    return checkedName;
  }
  const project = nameAnnotation(
    entity,
    A.argocdProjectName,
    KUBERNETES_RESOURCE_NAME,
  );
  if (!project.ok) {
    return project;
  }
  const name = checkedName.value;
  const rawSelector = annotation(entity, A.argocdAppSelector);
  if (!name && !rawSelector) {
    return notConfigured(
      `Add the ${A.argocdAppName} or ${A.argocdAppSelector} annotation`,
      A.argocdAppName,
    );
  }
  let selector: string | undefined;
  if (!name && rawSelector) {
    const parsed = parseLabelSelector(rawSelector);
    if (!parsed.ok) {
      return notConfigured(
        `${A.argocdAppSelector}: ${parsed.message}`,
        A.argocdAppSelector,
      );
    }
    selector = parsed.value;
  }
  const instanceName =
    annotation(entity, A.argocdInstanceName) ?? config.argocd.instances[0].name;
  if (!config.argocd.instances.some(i => i.name === instanceName)) {
    return notConfigured(
      `${A.argocdInstanceName} names '${instanceName}', which is not a configured Argo CD instance`,
      A.argocdInstanceName,
    );
  }
  const appNamespace = annotation(entity, A.argocdAppNamespace);
  if (appNamespace !== undefined) {
    const checked = checkNamespaceAllowed(config.argocd.allowedAppNamespaces, {
      namespace: appNamespace,
      from: `from the ${A.argocdAppNamespace} annotation`,
      configKey: 'platform.argocd.allowedAppNamespaces',
    });
    if (!checked.ok) {
      const hint = isNamespaceName(appNamespace)
        ? '; an operator lists it there to allow it (unset, only platform.argocd.kubernetesNamespace is allowed)'
        : '';
      return forbidden(`${checked.message}${hint}`);
    }
  }
  return {
    ok: true,
    value: {
      instance: instanceName,
      name,
      selector,
      project: project.value,
      appNamespace,
    },
  };
}

export interface AlertTarget {
  /** Matchers including the operator's namespace scope. */
  matchers: EqualityMatcher[];
  /** Alert names to keep, or undefined for all. */
  names?: string[];
}

export function alertTarget(
  entity: Entity,
  config: PlatformConfig,
): Target<AlertTarget> {
  if (!config.alertmanager && !config.prometheus) {
    return notConfigured(
      'Neither Alertmanager nor Prometheus is configured (platform.alertmanager, platform.prometheus)',
    );
  }
  const namespace = boundedNamespace(entity, config);
  if (!namespace.ok) {
    return namespace;
  }
  const key = annotation(entity, A.prometheusLabels)
    ? A.prometheusLabels
    : A.grafanaAlertLabelSelector;
  const rawLabels = annotation(entity, key);
  const rawNames = annotation(entity, A.prometheusAlert);
  if (!rawLabels && !rawNames) {
    return notConfigured(
      `Add the ${A.prometheusLabels} (or ${A.prometheusAlert}) annotation`,
      A.prometheusLabels,
    );
  }
  let matchers: EqualityMatcher[] = [];
  if (rawLabels) {
    const parsed = parseEqualityMatchers(rawLabels, key);
    if (!parsed.ok) {
      return notConfigured(parsed.message, key);
    }
    matchers = parsed.value;
  }
  const scopeLabel = config.scope.alertNamespaceLabel;
  if (scopeLabel) {
    if (matchers.some(m => m.name === scopeLabel)) {
      return notConfigured(
        `The label '${scopeLabel}' is set by the platform to the entity's namespace and cannot be chosen by ${key}`,
        key,
      );
    }
    matchers = [{ name: scopeLabel, value: namespace.value }, ...matchers];
  }
  const names =
    rawNames && rawNames.toLowerCase() !== 'all'
      ? rawNames
          .split(',')
          .map(n => n.trim())
          .filter(Boolean)
      : undefined;
  return { ok: true, value: { matchers, names } };
}

export interface LogTarget {
  selector: string;
  /** X-Scope-OrgID: the entity's allowed tenant, else the default; undefined when none is configured. */
  tenant?: string;
}

export function logTarget(
  entity: Entity,
  config: PlatformConfig,
): Target<LogTarget> {
  if (!config.loki) {
    return notConfigured(
      'Loki is not configured in this backend (platform.loki)',
    );
  }
  const namespace = boundedNamespace(entity, config);
  if (!namespace.ok) {
    return namespace;
  }
  const tenant = selectTenant(config.loki, annotation(entity, A.lokiTenant), {
    annotation: A.lokiTenant,
    configKey: 'platform.loki.tenants',
  });
  if (!tenant.ok) {
    return forbidden(tenant.message);
  }
  const raw = annotation(entity, A.lokiLabels);
  let labels: EqualityMatcher[];
  if (raw) {
    const parsed = parseEqualityMatchers(raw, A.lokiLabels);
    if (!parsed.ok) {
      return notConfigured(parsed.message, A.lokiLabels);
    }
    labels = parsed.value;
  } else {
    const id = kubernetesId(entity);
    if (!id.ok) {
      return id;
    }
    if (!id.value) {
      return notConfigured(
        `Add the ${A.lokiLabels} or ${A.kubernetesId} annotation`,
        A.lokiLabels,
      );
    }
    labels = [{ name: config.loki.defaultLabel, value: id.value }];
  }
  const scopeLabel = config.scope.lokiNamespaceLabel;
  const selector = buildLogSelector({
    labels,
    scope: scopeLabel
      ? { name: scopeLabel, value: namespace.value }
      : undefined,
  });
  if (!selector.ok) {
    return notConfigured(`${A.lokiLabels}: ${selector.message}`, A.lokiLabels);
  }
  return {
    ok: true,
    value: { selector: selector.value, tenant: tenant.tenant },
  };
}

export interface TraceTarget {
  serviceName: string;
  scope?: { attribute: string; value: string };
  /** X-Scope-OrgID: the entity's allowed tenant, else the default; undefined when none is configured. */
  tenant?: string;
}

export function traceTarget(
  entity: Entity,
  config: PlatformConfig,
): Target<TraceTarget> {
  if (!config.tempo) {
    return notConfigured(
      'Tempo is not configured in this backend (platform.tempo)',
    );
  }
  const namespace = boundedNamespace(entity, config);
  if (!namespace.ok) {
    return namespace;
  }
  const tenant = selectTenant(config.tempo, annotation(entity, A.tempoTenant), {
    annotation: A.tempoTenant,
    configKey: 'platform.tempo.tenants',
  });
  if (!tenant.ok) {
    return forbidden(tenant.message);
  }
  const serviceName = entityWorkload(
    entity,
    annotation(entity, A.tempoServiceName),
  );
  if (!serviceName.ok) {
    return serviceName;
  }
  const attribute = config.scope.tempoNamespaceAttribute;
  return {
    ok: true,
    value: {
      serviceName: serviceName.value,
      scope: attribute ? { attribute, value: namespace.value } : undefined,
      tenant: tenant.tenant,
    },
  };
}

export interface MetricsTarget {
  workload: string;
  namespace: string;
}

export function metricsTarget(
  entity: Entity,
  config: PlatformConfig,
): Target<MetricsTarget> {
  if (!config.prometheus) {
    return notConfigured(
      'Prometheus is not configured in this backend (platform.prometheus)',
    );
  }
  const namespace = boundedNamespace(entity, config);
  if (!namespace.ok) {
    return namespace;
  }
  const workload = entityWorkload(
    entity,
    annotation(entity, A.metricsWorkload),
  );
  if (!workload.ok) {
    return workload;
  }
  return {
    ok: true,
    value: {
      workload: workload.value,
      namespace: namespace.value,
    },
  };
}

export interface BuildTarget {
  instance: string;
  jobFullName: string;
}

/** The Jenkins job; a path of names Jenkins would refuse is an invalid-annotation error (a 400 on the route). */
export function buildTarget(
  entity: Entity,
  config: PlatformConfig,
): Target<BuildTarget> {
  if (!config.jenkins) {
    return notConfigured(
      'Jenkins is not configured in this backend (platform.jenkins)',
    );
  }
  const raw = annotation(entity, A.jenkinsJobFullName);
  if (!raw) {
    return notConfigured(
      `Add the ${A.jenkinsJobFullName} annotation`,
      A.jenkinsJobFullName,
    );
  }
  const colon = raw.indexOf(':');
  const instance =
    colon > 0 ? raw.slice(0, colon) : config.jenkins.instances[0].name;
  const jobFullName = colon > 0 ? raw.slice(colon + 1) : raw;
  if (!config.jenkins.instances.some(i => i.name === instance)) {
    return notConfigured(
      `${A.jenkinsJobFullName} names instance '${instance}', which is not configured`,
      A.jenkinsJobFullName,
    );
  }
  const problem = annotationNameProblem(
    A.jenkinsJobFullName,
    jobFullName,
    JENKINS_JOB_PATH,
  );
  if (problem) {
    return invalidAnnotation(problem);
  }
  return { ok: true, value: { instance, jobFullName } };
}
