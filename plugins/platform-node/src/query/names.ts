/**
 * The name rules of the upstreams, each defined once: config, annotations, scaffolder input and queries all
 * test names against these.
 */

// The patterns leave length to a separate bound: a `{0,61}` quantifier in each would repeat the limit.
function boundedRule(
  pattern: RegExp,
  maxLength: number,
): (value: string) => boolean {
  return value => value.length <= maxLength && pattern.test(value);
}

/** A DNS-1123 label (namespaces, most Kubernetes names); at most {@link DNS_1123_LABEL_MAX_LENGTH}. @public */
export const DNS_1123_LABEL_PATTERN = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;

/** @public */
export const DNS_1123_LABEL_MAX_LENGTH = 63;

/** Whether `value` is a DNS-1123 label: lowercase letters, digits and '-', at most 63. @public */
export const isDns1123Label = boundedRule(
  DNS_1123_LABEL_PATTERN,
  DNS_1123_LABEL_MAX_LENGTH,
);

/** A DNS-1123 subdomain (Kubernetes resource names, label key prefixes); at most 253. @public */
export const DNS_1123_SUBDOMAIN_PATTERN =
  /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/;

/** @public */
export const DNS_1123_SUBDOMAIN_MAX_LENGTH = 253;

/** Whether `value` is a DNS-1123 subdomain: dot-separated DNS-1123 labels, at most 253. @public */
export const isDns1123Subdomain = boundedRule(
  DNS_1123_SUBDOMAIN_PATTERN,
  DNS_1123_SUBDOMAIN_MAX_LENGTH,
);

/** A Kubernetes label value (or the name part of a label key), non-empty; at most 63. @public */
export const KUBERNETES_LABEL_VALUE_PATTERN =
  /^[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** @public */
export const KUBERNETES_LABEL_VALUE_MAX_LENGTH = 63;

/** Whether `value` is a non-empty Kubernetes label value (also the rule of a label key's name part). @public */
export const isKubernetesLabelValue = boundedRule(
  KUBERNETES_LABEL_VALUE_PATTERN,
  KUBERNETES_LABEL_VALUE_MAX_LENGTH,
);

/** Prometheus / Loki / Alertmanager label name syntax. @public */
export const LABEL_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A TraceQL attribute name without its scope (`k8s.namespace.name`). @public */
export const TRACE_ATTRIBUTE_NAME_PATTERN = /^[a-zA-Z_][a-zA-Z0-9_.]*$/;

/** A Jenkins credential id as the pipelines reference it. @public */
export const JENKINS_CREDENTIAL_ID_PATTERN =
  /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** A container image reference (`registry/repo:tag@digest`) the pipelines may run. @public */
export const IMAGE_REFERENCE_PATTERN = /^[a-z0-9][a-z0-9._\-/:@]{0,254}$/;
