import { Config } from '@backstage/config';
import { LABEL_NAME_PATTERN } from '../../query/names';
import {
  SectionContext,
  UpstreamConfig,
  configSectionReader,
  nameRule,
  readUpstream,
} from '../../config/toolkit';

/** The parsed `platform.prometheus` section. @public */
export type PrometheusConfig = UpstreamConfig & {
  redSource: 'istio' | 'spanmetrics';
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
    redSource: fields.oneOf('redSource', ['istio', 'spanmetrics'], 'istio'),
    namespaceLabel: fields.matchingOrDefault(
      'namespaceLabel',
      nameRule(LABEL_NAME_PATTERN),
      'destination_workload_namespace',
    ),
  };
}
