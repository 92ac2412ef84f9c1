import { isError } from '@backstage/errors';

/** The error body of the platform routes: Backstage's ErrorResponseBody without `stack` or `cause`. */
export interface ErrorResponse {
  status: number;
  body: {
    error: { name: string; message: string };
    request: { method: string; url: string };
    response: { statusCode: number };
  };
}

const STATUS_BY_NAME: Record<string, number> = {
  InputError: 400,
  AuthenticationError: 401,
  NotAllowedError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  NotImplementedError: 501,
  ServiceUnavailableError: 503,
};

const MAX_URL_SHOWN = 256;

// Absolute file paths and file URLs (`/srv/app/node_modules/x/y.js`, `file:///...`, `C:\\...`), which some
// library errors put in their messages. A path inside an http(s) URL is not a server path and stays.
const PATHS = [
  /file:\/\/[^\s'"(),]+/g,
  /(?<![\w])[A-Za-z]:\\[^\s'"(),]+/g,
  /(?<![\w:/.~-])\/(?:[\w.@+-]+\/)+[\w.@+-]*/g,
];

function withoutPaths(message: string): string {
  return PATHS.reduce(
    (text, pattern) => text.replace(pattern, '<path>'),
    message,
  );
}

function statusOf(error: Error): number | undefined {
  for (const field of ['statusCode', 'status'] as const) {
    const value = (error as unknown as Record<string, unknown>)[field];
    if (
      typeof value === 'number' &&
      Number.isInteger(value) &&
      value >= 400 &&
      value <= 599
    )
      return value;
  }
  return STATUS_BY_NAME[error.name];
}

/**
 * What a platform route answers for a thrown error. Errors with a known status keep their name and message
 * (they are written for the caller: parameter, annotation, entity) with any file path cut out; anything else
 * is a 500 whose message only points to the server log, since its text was never meant for a browser. No
 * stack trace or cause is ever part of the body.
 */
export function errorResponse(
  error: unknown,
  request: { method: string; url: string },
  logId: string,
): ErrorResponse {
  const known = isError(error) ? statusOf(error) : undefined;
  const status = known ?? 500;
  const name = known !== undefined && isError(error) ? error.name : 'Error';
  const message =
    known !== undefined && isError(error)
      ? withoutPaths(error.message)
      : `Internal error in the platform backend; the server log has it under logId=${logId}`;
  const url =
    request.url.length > MAX_URL_SHOWN
      ? `${request.url.slice(0, MAX_URL_SHOWN)}...`
      : request.url;
  return {
    status,
    body: {
      error: { name, message },
      request: { method: request.method, url },
      response: { statusCode: status },
    },
  };
}
