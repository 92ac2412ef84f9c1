import { Config } from '@backstage/config';
import { NamespaceBound, normaliseOwnerRef } from '../query/namespaceBound';
import {
  LABEL_NAME_PATTERN,
  TRACE_ATTRIBUTE_NAME_PATTERN,
} from '../query/names';
import {
  configSectionReader,
  failConfig,
  nameRule,
} from './configSectionReader';
import { namespacePatterns } from './namespacePatterns';

/** Defaults of the `platform.scope` keys; each pins the entity's namespace into that source's queries. @public */
export const SCOPE_DEFAULTS = {
  lokiNamespaceLabel: 'namespace',
  alertNamespaceLabel: 'namespace',
  /** The OpenTelemetry resource attribute (`resource.k8s.namespace.name` in TraceQL). */
  tempoNamespaceAttribute: 'k8s.namespace.name',
} as const;

/**
 * The parsed `platform.scope` section: the label / attribute pinned to the entity's namespace per source (the
 * configured name, else {@link SCOPE_DEFAULTS}; undefined only when the operator switched it off with `false`),
 * and the bound on which namespaces an entity may name.
 *
 * @public
 */
export type ScopeConfig = {
  lokiNamespaceLabel?: string;
  alertNamespaceLabel?: string;
  tempoNamespaceAttribute?: string;
} & NamespaceBound;

/**
 * A `platform.scope` label / attribute: unset, the safe default; `false`, switched off (the plugin warns at
 * start-up); a name, that name. An empty string is refused rather than read as "off": an unset environment
 * variable (`${X}`) becomes '', and that must not silently open every namespace.
 */
function scopeKey(
  scope: Config | undefined,
  key: keyof typeof SCOPE_DEFAULTS,
  pattern: RegExp,
): string | undefined {
  const fallback = SCOPE_DEFAULTS[key];
  const raw = scope?.getOptional(key);
  if (!scope || raw === undefined) {
    return fallback;
  }
  if (raw === false) {
    return undefined;
  }
  if (raw === '' || raw === true || typeof raw !== 'string') {
    failConfig(
      `platform.scope.${key}`,
      `expected a name (allowed: ${pattern.source}; default '${fallback}') ` +
        `or false to switch the namespace scope off, got ${JSON.stringify(
          raw,
        )}`,
    );
  }
  return configSectionReader(scope, 'platform.scope').matching(
    key,
    nameRule(pattern),
    fallback,
  );
}

/** `platform.scope.allowedNamespaces` and `platform.scope.namespacesByOwner`. */
function readNamespaceBound(scope: Config | undefined): NamespaceBound {
  const bound: NamespaceBound = {};
  const allowed = scope?.getOptional('allowedNamespaces');
  if (allowed !== undefined) {
    bound.allowedNamespaces = namespacePatterns(
      allowed,
      'platform.scope.allowedNamespaces',
    );
  }
  // Read as a raw object: entity refs (`group:default/team-a`) are not valid config key segments.
  const byOwner = scope?.getOptional('namespacesByOwner');
  if (byOwner !== undefined) {
    const key = 'platform.scope.namespacesByOwner';
    if (!byOwner || typeof byOwner !== 'object' || Array.isArray(byOwner)) {
      return failConfig(
        key,
        `expected a map of owner entity ref to namespaces, e.g. { 'group:default/team-a': [team-a, 'team-a-*'] }`,
      );
    }
    const entries = Object.entries(byOwner);
    if (entries.length === 0) {
      failConfig(key, `list at least one owner, or leave the key out`);
    }
    bound.namespacesByOwner = {};
    for (const [rawRef, patterns] of entries) {
      const ref = normaliseOwnerRef(rawRef);
      if (!ref) {
        return failConfig(
          key,
          `'${rawRef}' is not an entity ref such as group:default/team-a`,
        );
      }
      if (bound.namespacesByOwner[ref]) {
        failConfig(key, `'${rawRef}' names the owner ${ref} twice`);
      }
      bound.namespacesByOwner[ref] = namespacePatterns(
        patterns,
        `${key}["${rawRef}"]`,
      );
    }
  }
  return bound;
}

/** Reads `platform.scope` (the defaults when it is absent). */
export function readScopeConfig(scope: Config | undefined): ScopeConfig {
  return {
    lokiNamespaceLabel: scopeKey(
      scope,
      'lokiNamespaceLabel',
      LABEL_NAME_PATTERN,
    ),
    alertNamespaceLabel: scopeKey(
      scope,
      'alertNamespaceLabel',
      LABEL_NAME_PATTERN,
    ),
    tempoNamespaceAttribute: scopeKey(
      scope,
      'tempoNamespaceAttribute',
      TRACE_ATTRIBUTE_NAME_PATTERN,
    ),
    ...readNamespaceBound(scope),
  };
}
