import { TimeRange } from '../timeRange';

/** A Grafana Explore deep link running the same queries over the same range. */
export function grafanaExploreUrl(
  grafanaUrl: string,
  datasourceUid: string | undefined,
  queries: string[],
  range: TimeRange,
): string {
  const state = {
    ...(datasourceUid ? { datasource: datasourceUid } : {}),
    queries: queries.map((expr, i) => ({
      refId: String.fromCharCode(65 + i),
      expr,
      ...(datasourceUid ? { datasource: { uid: datasourceUid } } : {}),
    })),
    range: { from: String(range.startMs), to: String(range.endMs) },
  };
  return `${grafanaUrl}/explore?orgId=1&left=${encodeURIComponent(
    JSON.stringify(state),
  )}`;
}
