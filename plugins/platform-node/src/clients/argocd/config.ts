import { Config } from '@backstage/config';
import { isNamespaceName } from '../../query/namespaceBound';
import {
  SectionContext,
  UpstreamConfig,
  configSectionReader,
  failConfig,
  namespacePatterns,
  readUpstream,
  uniqueNames,
} from '../../config/toolkit';

/** @public */
export interface ArgoCdInstanceConfig extends UpstreamConfig {
  name: string;
  webUrl: string;
  /** Set when the instance logs in with a local account instead of a token. */
  login?: { username: string; password: string };
}

/** The parsed `platform.argocd` section. @public */
export interface ArgoCdConfig {
  instances: ArgoCdInstanceConfig[];
  source: 'api' | 'kubernetes';
  /** Namespace of the Application resources (and Argo CD's own namespace); default `argocd`. */
  kubernetesNamespace: string;
  /**
   * Namespaces (names or `*` globs) the `argocd/app-namespace` annotation may name: the configured
   * `platform.argocd.allowedAppNamespaces`, else `[kubernetesNamespace]` only.
   */
  allowedAppNamespaces: string[];
}

function readInstance(
  instance: Config,
  prefix: string,
  context: SectionContext,
): ArgoCdInstanceConfig {
  const upstream = readUpstream(instance, prefix, context);
  const login =
    upstream.auth.type === 'basic'
      ? { username: upstream.auth.username, password: upstream.auth.password }
      : undefined;
  if (upstream.auth.type === 'none') {
    failConfig(prefix, `set 'token', or 'username' and 'password'`);
  }
  return {
    ...upstream,
    // Argo CD takes a session token, not basic auth: login credentials are exchanged for one.
    auth: login ? ({ type: 'none' } as const) : upstream.auth,
    login,
    name: instance.getString('name'),
    webUrl: configSectionReader(instance, prefix).optionalUrl(
      'webUrl',
      upstream.url,
    ),
  };
}

/** Reads `platform.argocd`. */
export function readArgoCdConfig(
  argocd: Config,
  context: SectionContext,
): ArgoCdConfig {
  const instances = uniqueNames(
    argocd
      .getConfigArray('instances')
      .map((instance, index) =>
        readInstance(instance, `platform.argocd.instances[${index}]`, context),
      ),
    'platform.argocd.instances',
  );
  const fields = configSectionReader(argocd, 'platform.argocd');
  const kubernetesNamespace =
    argocd.getOptionalString('kubernetesNamespace') ?? 'argocd';
  if (!isNamespaceName(kubernetesNamespace)) {
    fields.fail(
      'kubernetesNamespace',
      `'${kubernetesNamespace}' is not a Kubernetes namespace name (1-63 lowercase letters, digits, '-')`,
    );
  }
  const allowedAppNamespaces = argocd.getOptional('allowedAppNamespaces');
  return {
    instances,
    source: fields.oneOf('source', ['api', 'kubernetes'], 'api'),
    kubernetesNamespace,
    // Closed by default: the backend reads Applications with its own credentials, so an annotation may
    // only name a namespace the operator listed.
    allowedAppNamespaces:
      allowedAppNamespaces === undefined
        ? [kubernetesNamespace]
        : namespacePatterns(
            allowedAppNamespaces,
            'platform.argocd.allowedAppNamespaces',
            `leave the key out to allow only platform.argocd.kubernetesNamespace ('${kubernetesNamespace}')`,
          ),
  };
}
