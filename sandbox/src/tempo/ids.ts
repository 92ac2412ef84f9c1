/** Trace/span id conversions: OTLP/JSON hex in, base64 for trace-by-id, trimmed hex in search results. */

export class TraceIdError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TraceIdError';
  }
}

/** Parses a hex trace id of up to 128 bits (left-padded to 32 chars), as Tempo's HexStringToTraceID does. */
export function parseTraceIdHex(id: string): string {
  if (id.length === 0) throw new TraceIdError("trace IDs can't be empty");
  if (id.length > 32)
    throw new TraceIdError("trace IDs can't be larger than 128 bits");
  const bad = /[^0-9a-fA-F]/.exec(id);
  if (bad)
    throw new TraceIdError(
      `trace IDs can only contain hex characters: invalid character '${
        bad[0]
      }' at position ${bad.index + 1}`,
    );
  return id.toLowerCase().padStart(32, '0');
}

/** Tempo prints trace ids in search results without leading zeros. */
export function trimHex(hex: string): string {
  const t = hex.replace(/^0+/, '');
  return t === '' ? '0' : t;
}

export function hexToBase64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}

/** OTLP/JSON ids: hex per the spec; base64 tolerated (some exporters send it). Returns lowercase hex. */
export function otlpIdToHex(
  value: unknown,
  bytes: number,
  field: string,
): string {
  if (typeof value !== 'string')
    throw new TraceIdError(`${field} must be a string`);
  if (new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(value))
    return value.toLowerCase();
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(value)) {
    const buf = Buffer.from(value, 'base64');
    if (buf.length === bytes) return buf.toString('hex');
  }
  throw new TraceIdError(
    `invalid ${field}: expected ${
      bytes * 2
    } hex characters, got ${JSON.stringify(value)}`,
  );
}
