import {
  NamespaceBound,
  NamespaceBoundResult,
  checkNamespaceBound,
  namespaceMatches,
  normaliseOwnerRef,
} from './namespaceBound';
import { shownValue } from './shownValue';

/**
 * Namespaces that run the cluster itself or the platform's own tools. Writes never go there unless the operator
 * names the namespace exactly (a `*` glob in `platform.scope` does not count).
 *
 * @public
 */
export const SYSTEM_NAMESPACE_PATTERNS: readonly string[] = [
  'default',
  'kube-*',
  'istio-system',
  'istio-ingress',
  'istio-gateway*',
  'cert-manager',
  'monitoring',
  'logging',
  'ingress-nginx',
  'gatekeeper-system',
  'openshift',
  'openshift-*',
  'local-path-storage',
];

/** Whether a namespace is a system namespace (including the Argo CD namespace the platform is configured with). @public */
export function isSystemNamespace(
  namespace: string,
  argocdNamespace?: string,
): boolean {
  return (
    namespace === argocdNamespace ||
    SYSTEM_NAMESPACE_PATTERNS.some(pattern =>
      namespaceMatches(pattern, namespace),
    )
  );
}

/**
 * Checks the namespace a write (a template run, a scaffolder action) targets: the same operator bound as reads
 * (`platform.scope.allowedNamespaces`, `platform.scope.namespacesByOwner`, via {@link checkNamespaceBound}),
 * and, on top, never a system namespace unless one of those lists names it exactly.
 *
 * @public
 */
export function checkNamespaceWritable(
  bound: NamespaceBound,
  input: {
    namespace: string;
    owner: string;
    argocdNamespace?: string;
    from?: string;
  },
): NamespaceBoundResult {
  const from = input.from ?? 'namespace';
  if (isSystemNamespace(input.namespace, input.argocdNamespace)) {
    const owner = normaliseOwnerRef(input.owner);
    const listed =
      bound.allowedNamespaces?.includes(input.namespace) ||
      (owner !== undefined &&
        bound.namespacesByOwner?.[owner]?.includes(input.namespace));
    if (!listed) {
      return {
        ok: false,
        message: `${from}: ${shownValue(
          input.namespace,
        )} is a system namespace; services are never created in it unless platform.scope.allowedNamespaces (or platform.scope.namespacesByOwner for the owner) names it exactly`,
      };
    }
  }
  return checkNamespaceBound(bound, {
    namespace: input.namespace,
    from,
    owner: input.owner,
  });
}
