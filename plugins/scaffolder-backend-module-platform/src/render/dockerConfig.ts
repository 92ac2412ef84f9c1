import type {
  RegistryConfig,
  SecretResource,
} from '@paved-road/backstage-plugin-platform-node';

/** Label marking objects this module manages. */
export const MANAGED_BY_LABEL = {
  'app.kubernetes.io/managed-by': 'backstage',
} as const;

/** Whether a Kubernetes object was created by the platform (carries {@link MANAGED_BY_LABEL}). */
export function createdByPlatform(metadata: {
  labels?: Record<string, string>;
}): boolean {
  return metadata.labels?.['app.kubernetes.io/managed-by'] === 'backstage';
}

/** The `.dockerconfigjson` value for one registry, built from backend config only. */
export function dockerConfigJson(registry: RegistryConfig): string {
  const auth = Buffer.from(
    `${registry.username}:${registry.password}`,
  ).toString('base64');
  return JSON.stringify({
    auths: {
      [registry.host]: {
        username: registry.username,
        password: registry.password,
        auth,
      },
    },
  });
}

/** The registry pull/push Secret (`kubernetes.io/dockerconfigjson`) for a namespace. */
export function buildRegistrySecret(
  registry: RegistryConfig,
  namespace: string,
): SecretResource {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: registry.secretName,
      namespace,
      labels: { ...MANAGED_BY_LABEL },
    },
    type: 'kubernetes.io/dockerconfigjson',
    data: {
      '.dockerconfigjson': Buffer.from(dockerConfigJson(registry)).toString(
        'base64',
      ),
    },
  };
}
