/**
 * Kiali's workload page (its overview shows the workload's traffic mini-graph): `<kiali>/console/namespaces/<ns>/
 * workloads/<workload>`, `kialiUrl` holding Kiali's web root (e.g. `https://kiali.example.com/kiali`).
 */
export function kialiWorkloadUrl(
  kialiUrl: string,
  namespace: string,
  workload: string,
): string {
  return `${kialiUrl}/console/namespaces/${encodeURIComponent(
    namespace,
  )}/workloads/${encodeURIComponent(workload)}`;
}
