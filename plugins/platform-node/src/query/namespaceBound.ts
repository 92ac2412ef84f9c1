import {
  DNS_1123_LABEL_MAX_LENGTH,
  DNS_1123_LABEL_PATTERN,
  isDns1123Label,
} from './names';
import { shownValue } from './shownValue';

/**
 * The operator's bound on which Kubernetes namespace an entity may select (`platform.scope.allowedNamespaces`,
 * `platform.scope.namespacesByOwner`). The namespace comes from the entity's own catalog file, so without a
 * bound a catalog-info.yaml could name another team's namespace and read its logs, alerts, metrics, traces.
 */

/** The parsed bound; both parts optional, both must pass when both are set. @public */
export interface NamespaceBound {
  /** Exact names or simple globs (`*` = any run of `[a-z0-9-]`). */
  allowedNamespaces?: string[];
  /** Normalised owner entity ref (`kind:namespace/name`, lowercase) to its allowed namespaces (names or globs). */
  namespacesByOwner?: Record<string, string[]>;
}

/** Outcome of checking one entity's namespace against the bound. @public */
export type NamespaceBoundResult =
  | { ok: true }
  | { ok: false; message: string };

const REF_PART = /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/i;

/** Whether `value` is a Kubernetes namespace name (RFC 1123 label). @public */
export function isNamespaceName(value: string): boolean {
  return isDns1123Label(value);
}

/**
 * Why a configured namespace pattern is invalid, or undefined when it is fine: an exact namespace name, or
 * one with `*` wildcards standing for any run of lowercase letters, digits and `-` (e.g. `team-a-*`, `*`).
 *
 * @public
 */
export function namespacePatternProblem(pattern: string): string | undefined {
  if (pattern.length === 0 || pattern.length > DNS_1123_LABEL_MAX_LENGTH) {
    return `'${pattern}' must be 1-${DNS_1123_LABEL_MAX_LENGTH} characters`;
  }
  // Each `*` stands for at least one character when checking the shape; that is the shortest name it could match.
  if (!DNS_1123_LABEL_PATTERN.test(pattern.replace(/\*/g, 'a'))) {
    return `'${pattern}' is neither a Kubernetes namespace name nor a simple glob (lowercase letters, digits, '-', and '*' for any run of them, e.g. msa or team-a-*)`;
  }
  return undefined;
}

/** Whether a namespace name matches one pattern (exact, or `*` globs). The name must already be valid. @public */
export function namespaceMatches(pattern: string, namespace: string): boolean {
  if (!pattern.includes('*')) {
    return pattern === namespace;
  }
  // Patterns are validated to [a-z0-9*-]: nothing to escape but the wildcard.
  const regex = new RegExp(`^${pattern.replace(/\*+/g, '[a-z0-9-]*')}$`);
  return regex.test(namespace);
}

/**
 * Normalises an entity ref the way the catalog resolves `spec.owner`: kind defaults to `group`, namespace to
 * `defaultNamespace`; lowercase. Returns undefined when the text is not an entity ref.
 *
 * @public
 */
export function normaliseOwnerRef(
  ref: string,
  defaultNamespace = 'default',
): string | undefined {
  const trimmed = ref.trim();
  const colon = trimmed.indexOf(':');
  const kind = colon >= 0 ? trimmed.slice(0, colon) : 'group';
  const rest = colon >= 0 ? trimmed.slice(colon + 1) : trimmed;
  const slash = rest.indexOf('/');
  const namespace = slash >= 0 ? rest.slice(0, slash) : defaultNamespace;
  const name = slash >= 0 ? rest.slice(slash + 1) : rest;
  if (
    !/^[a-z][a-z0-9-]*$/i.test(kind) ||
    !REF_PART.test(namespace) ||
    !REF_PART.test(name)
  ) {
    return undefined;
  }
  return `${kind}:${namespace}/${name}`.toLowerCase();
}

/**
 * Checks one namespace an entity names against one operator list of names or globs. The value must be a
 * Kubernetes namespace name (anything else never matches, so a glob or regex in an annotation cannot widen the
 * list). `from` says where the value came from and `configKey` which setting holds the list; both go into the
 * message, with the value shown escaped.
 *
 * @public
 */
export function checkNamespaceAllowed(
  patterns: readonly string[],
  input: { namespace: string; from: string; configKey: string },
): NamespaceBoundResult {
  const what = `Namespace ${shownValue(input.namespace)} (${input.from})`;
  if (!isNamespaceName(input.namespace)) {
    return {
      ok: false,
      message: `${what} is not a Kubernetes namespace name (1-63 lowercase letters, digits, '-'), so the platform reads nothing for it`,
    };
  }
  if (!patterns.some(p => namespaceMatches(p, input.namespace))) {
    return {
      ok: false,
      message: `${what} is not allowed: ${
        input.configKey
      } allows ${patterns.join(', ')}`,
    };
  }
  return { ok: true };
}

/**
 * Checks the namespace an entity selects against the operator's bound. `from` says where the value came from
 * (for the message); `owner` is the entity's `spec.owner`, resolved against `entityNamespace` (its catalog
 * namespace). An unset bound allows everything (today's behaviour; the plugin warns at start-up).
 *
 * @public
 */
export function checkNamespaceBound(
  bound: NamespaceBound,
  input: {
    namespace: string;
    from: string;
    owner?: string;
    entityNamespace?: string;
  },
): NamespaceBoundResult {
  const { allowedNamespaces, namespacesByOwner } = bound;
  if (!allowedNamespaces && !namespacesByOwner) {
    return { ok: true };
  }
  // Checked against every namespace name first, so namespacesByOwner alone refuses malformed values too.
  const named = checkNamespaceAllowed(allowedNamespaces ?? ['*'], {
    namespace: input.namespace,
    from: input.from,
    configKey: 'platform.scope.allowedNamespaces',
  });
  if (!named.ok) {
    return named;
  }
  const what = `Namespace ${shownValue(input.namespace)} (${input.from})`;
  if (namespacesByOwner) {
    const owner = input.owner
      ? normaliseOwnerRef(input.owner, input.entityNamespace ?? 'default')
      : undefined;
    if (!owner) {
      return {
        ok: false,
        message: `${what} is not allowed: the entity has no valid spec.owner, and platform.scope.namespacesByOwner grants namespaces to owners only`,
      };
    }
    const patterns = namespacesByOwner[owner];
    if (!patterns) {
      return {
        ok: false,
        message: `${what} is not allowed: the owner '${owner}' is not listed in platform.scope.namespacesByOwner`,
      };
    }
    if (!patterns.some(p => namespaceMatches(p, input.namespace))) {
      return {
        ok: false,
        message: `${what} is not allowed for the owner '${owner}': platform.scope.namespacesByOwner["${owner}"] allows ${patterns.join(
          ', ',
        )}`,
      };
    }
  }
  return { ok: true };
}
