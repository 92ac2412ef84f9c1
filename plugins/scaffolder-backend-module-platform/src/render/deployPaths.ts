/** Where a service's entry lives in msa_deploy, per layout (docs/integration-contract.md). */
export function deployEntryPath(
  layout: 'manifest' | 'values',
  serviceName: string,
): string {
  return layout === 'manifest'
    ? `${serviceName}.yaml`
    : `services/${serviceName}/values.yaml`;
}

/** Path given to the Argo CD Application: the manifest file, or the chart folder. */
export function deployApplicationEntry(
  layout: 'manifest' | 'values',
  serviceName: string,
): string {
  return layout === 'manifest'
    ? `${serviceName}.yaml`
    : `services/${serviceName}`;
}

/** `apps/<service>.yaml` under the configured apps folder. */
export function applicationManifestPath(
  appsPath: string,
  serviceName: string,
): string {
  return `${appsPath}/${serviceName}.yaml`;
}
