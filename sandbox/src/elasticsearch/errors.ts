/**
 * Error bodies as Elasticsearch 8.x writes them: `{ error: { root_cause: [...], type, reason, ... }, status }`.
 * Every failure of the simulator is an {@link EsError}; the server renders it with {@link errorBody}.
 */

export interface EsCause {
  type: string;
  reason: string;
  [extra: string]: unknown;
}

// Plain fields, not constructor parameter properties: the sandbox runs on Node's type stripping, which has none.
export class EsError extends Error {
  readonly status: number;
  readonly cause0: EsCause;
  /** the wrapping exception when the root cause is reported inside another (search phase) */
  readonly wrapper?: Omit<EsCause, 'caused_by'>;
  readonly headers: Record<string, string | string[]>;
  constructor(
    status: number,
    cause0: EsCause,
    wrapper?: Omit<EsCause, 'caused_by'>,
    headers: Record<string, string | string[]> = {},
  ) {
    super(cause0.reason);
    this.name = 'EsError';
    this.status = status;
    this.cause0 = cause0;
    this.wrapper = wrapper;
    this.headers = headers;
  }
}

export function errorBody(e: EsError): unknown {
  const root = e.cause0;
  if (!e.wrapper)
    return { error: { root_cause: [root], ...root }, status: e.status };
  return {
    error: { root_cause: [root], ...e.wrapper, caused_by: root },
    status: e.status,
  };
}

/** `[line:col]` of the first occurrence of `"key"` in the raw body, as the x-content parser reports it. */
export function positionOf(
  raw: string,
  key: string,
): { line: number; col: number } {
  const at = raw.indexOf(JSON.stringify(key));
  if (at < 0) return { line: 1, col: 1 };
  const before = raw.slice(0, at);
  const line = before.split('\n').length;
  const col = at - before.lastIndexOf('\n');
  return { line, col };
}

export function parsingError(
  reason: string,
  pos: { line: number; col: number },
): EsError {
  return new EsError(400, {
    type: 'parsing_exception',
    reason,
    line: pos.line,
    col: pos.col,
  });
}

export function contentParseError(
  reason: string,
  pos: { line: number; col: number },
): EsError {
  return new EsError(400, {
    type: 'x_content_parse_exception',
    reason: `[${pos.line}:${pos.col}] ${reason}`,
  });
}

export function illegalArgument(reason: string): EsError {
  return new EsError(400, { type: 'illegal_argument_exception', reason });
}

export function indexNotFound(name: string): EsError {
  return new EsError(404, {
    type: 'index_not_found_exception',
    reason: `no such index [${name}]`,
    'resource.type': 'index_or_alias',
    'resource.id': name,
    index_uuid: '_na_',
    index: name,
  });
}

/** A failure every shard hit while running the query: 400 `search_phase_execution_exception` "all shards failed". */
export function allShardsFailed(
  cause: EsCause,
  indices: string[],
  node: string,
): EsError {
  const err = new EsError(400, cause, {
    type: 'search_phase_execution_exception',
    reason: 'all shards failed',
    phase: 'query',
    grouped: true,
    failed_shards: indices.slice(0, 1).map(index => ({
      shard: 0,
      index,
      node,
      reason: cause,
    })),
  });
  return err;
}

export const WWW_AUTHENTICATE = [
  'Basic realm="security" charset="UTF-8"',
  'Bearer realm="security"',
  'ApiKey',
];

export function unauthenticated(reason: string): EsError {
  const header = { 'WWW-Authenticate': WWW_AUTHENTICATE };
  return new EsError(
    401,
    { type: 'security_exception', reason, header },
    undefined,
    header,
  );
}

export function unauthorized(
  action: string,
  user: string,
  roles: string[],
  indices: string[],
): EsError {
  return new EsError(403, {
    type: 'security_exception',
    reason: `action [${action}] is unauthorized for user [${user}] with effective roles [${roles.join(
      ',',
    )}] on indices [${indices.join(
      ',',
    )}], this action is granted by the index privileges [read,all]`,
  });
}
