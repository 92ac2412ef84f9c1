import { Config } from '@backstage/config';
import { LABEL_NAME_PATTERN } from '../../query/names';
import type { RedSource } from '../../query/redFamily';
import {
  SectionContext,
  UpstreamConfig,
  configSectionReader,
  nameRule,
  readUpstream,
} from '../../config/toolkit';

/** The parsed `platform.prometheus` section. @public */
export type PrometheusConfig = UpstreamConfig & {
  /** Where RED metrics (and the service graph) come from: Istio's or Linkerd's proxies, or Tempo's span-metrics. */
  redSource: RedSource;
  namespaceLabel: string;
};

/** Reads `platform.prometheus`. */
export function readPrometheusConfig(
  prometheus: Config,
  context: SectionContext,
): PrometheusConfig {
  const prefix = 'platform.prometheus';
  const upstream = readUpstream(prometheus, prefix, context);
  const fields = configSectionReader(prometheus, prefix);
  return {
    ...upstream,
    redSource: fields.oneOf(
      'redSource',
      ['istio', 'spanmetrics', 'linkerd'],
      'istio',
    ),
    namespaceLabel: fields.matchingOrDefault(
      'namespaceLabel',
      nameRule(LABEL_NAME_PATTERN),
      'destination_workload_namespace',
    ),
  };
}
