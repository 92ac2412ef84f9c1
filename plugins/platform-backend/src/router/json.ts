import {
  HealthValue,
  SourceResult,
} from '@paved-road/backstage-plugin-platform-common';

/*
 * Responses are written as JSON text assembled from pieces. A source's value that is shared between requests
 * (a cached upstream answer, or a value derived from one and memoised) keeps its JSON text next to it, so a
 * cached hit does not serialise it again. Cached values are read only (see UpstreamCache), so the text stays
 * true for as long as the object lives.
 */
const texts = new WeakMap<object, string>();

/** JSON text of a value, serialised once per object. */
export function jsonOf(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value) ?? 'null';
  }
  let text = texts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    texts.set(value, text);
  }
  return text;
}

/**
 * A `SourceResult` whose value may be shared between requests (Argo CD, alerts, metrics, builds) as JSON text,
 * the same document `JSON.stringify` writes. Values built per request are better served by `JSON.stringify`.
 */
export function sourceResultJson(result: SourceResult<unknown>): string {
  if (!result.ok) {
    return JSON.stringify(result);
  }
  return `{"ok":true,"value":${jsonOf(
    result.value,
  )},"fetchedAt":${JSON.stringify(result.fetchedAt)}}`;
}

/** A `HealthValue` as JSON text, its sources in the order the service gave them. */
export function healthJson(health: HealthValue): string {
  const sources = Object.entries(health.sources)
    .map(([id, result]) => `${JSON.stringify(id)}:${sourceResultJson(result)}`)
    .join(',');
  return `{"verdict":${JSON.stringify(
    health.verdict,
  )},"reasons":${JSON.stringify(health.reasons)},"sources":{${sources}}}`;
}
