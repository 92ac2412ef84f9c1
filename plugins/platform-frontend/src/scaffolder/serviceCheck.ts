import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';

/** What the backend's name check answers (`GET /api/scaffolder/platform/service-check`). */
export interface ServiceCheckResult {
  available: boolean;
  problems: string[];
  /** Resources of this name that already exist and belong to the owner (a run updates them). */
  existing: string[];
}

/** The wizard fields the check uses; the name and owner are required, the rest are checked once known. */
export interface ServiceCheckQuery {
  name: string;
  owner: string;
  namespace?: string;
  repoUrl?: string;
  jenkinsFolder?: string;
}

/**
 * Runs the template's preflight for what the wizard knows so far. Returns undefined when the check itself could
 * not run (the backend says why at the preflight step anyway), so the form is never blocked by a flaky network.
 */
export async function checkService(
  apis: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  query: ServiceCheckQuery,
  signal?: AbortSignal,
): Promise<ServiceCheckResult | undefined> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (typeof value === 'string' && value !== '') {
      params.set(key, value);
    }
  }
  const base = await apis.discoveryApi.getBaseUrl('scaffolder');
  const response = await apis.fetchApi.fetch(
    `${base}/platform/service-check?${params}`,
    { signal },
  );
  if (!response.ok) {
    return undefined;
  }
  return (await response.json()) as ServiceCheckResult;
}

/** The wizard's values the check reads, taken from the whole form (all pages). */
export function queryFromForm(
  name: string,
  formData: Record<string, unknown> | undefined,
): ServiceCheckQuery | undefined {
  const text = (key: string) =>
    typeof formData?.[key] === 'string' ? (formData[key] as string) : undefined;
  const owner = text('owner');
  if (!name || !owner) {
    return undefined;
  }
  return {
    name,
    owner,
    namespace: text('namespace'),
    repoUrl: text('repoUrl'),
    jenkinsFolder: text('jenkinsFolder'),
  };
}
