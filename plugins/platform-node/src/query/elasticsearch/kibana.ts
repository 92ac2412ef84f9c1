import type { LogLevel } from '@paved-road/backstage-plugin-platform-common';
import type { EsLogFields } from './fields';
import { rison } from './rison';

/** @public */
export interface KibanaDiscoverInput {
  /** `platform.elasticsearch.kibanaUrl` (checked at start-up), without trailing slash. */
  kibanaUrl: string;
  /** A Kibana data view over the same indices; without it Discover opens the space's default data view. */
  dataViewId?: string;
  fields: EsLogFields;
  service: string;
  namespace: string;
  levels?: LogLevel[];
  text?: string;
  traceId?: string;
  range: { startMs: number; endMs: number };
}

/** KQL quoted value: only `\` and `"` are special inside quotes. */
function kqlQuoted(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function kqlAny(field: string, values: string[]): string {
  return values.length === 1
    ? `${field}:${kqlQuoted(values[0])}`
    : `${field}:(${values.map(kqlQuoted).join(' or ')})`;
}

const LEVEL_VALUES: Partial<Record<LogLevel, string[]>> = {
  trace: ['trace', 'TRACE'],
  debug: ['debug', 'DEBUG'],
  info: ['info', 'INFO'],
  warn: ['warn', 'WARN', 'warning', 'WARNING'],
  error: ['error', 'ERROR'],
  fatal: ['fatal', 'FATAL', 'critical', 'CRITICAL'],
};

/**
 * A Kibana Discover link for the same filters and time range as a logs search: the state goes in the URL's
 * `_g`/`_a` Rison parameters, the filters as a KQL query in which every value is a quoted string (KQL
 * wildcards and operators inside quotes are text). Field names are the checked ones of {@link EsLogFields}.
 * Pure: builds a string, reads nothing.
 *
 * @public
 */
export function kibanaDiscoverUrl(input: KibanaDiscoverInput): string {
  const f = input.fields;
  const parts = [
    kqlAny(f.namespace, [input.namespace]),
    kqlAny(f.service, [input.service]),
  ];
  const levels = (input.levels ?? []).flatMap(l => LEVEL_VALUES[l] ?? []);
  if (levels.length && !(input.levels ?? []).includes('unknown'))
    parts.push(kqlAny(f.level, levels));
  if (input.traceId) {
    const id = input.traceId;
    const forms = id.length === 16 ? [id, `${'0'.repeat(16)}${id}`] : [id];
    parts.push(kqlAny(f.traceId, forms));
  }
  if (input.text) parts.push(kqlAny(f.message, [input.text]));
  const g = rison({
    time: {
      from: new Date(input.range.startMs).toISOString(),
      to: new Date(input.range.endMs).toISOString(),
    },
  });
  const a = rison({
    ...(input.dataViewId
      ? { dataSource: { dataViewId: input.dataViewId, type: 'dataView' } }
      : {}),
    query: { language: 'kuery', query: parts.join(' and ') },
    sort: [[f.timestamp, 'desc']],
  });
  return `${input.kibanaUrl.replace(
    /\/+$/,
    '',
  )}/app/discover#/?_g=${encodeURIComponent(g)}&_a=${encodeURIComponent(a)}`;
}
