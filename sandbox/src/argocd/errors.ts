/** grpc-gateway error bodies, as Argo CD's API server returns them. */
import type { ServerResponse } from 'node:http';
import { sendJson } from '../http/util.ts';

export const GRPC = {
  InvalidArgument: 3,
  NotFound: 5,
  AlreadyExists: 6,
  PermissionDenied: 7,
  FailedPrecondition: 9,
  Unknown: 2,
  Internal: 13,
  Unimplemented: 12,
  Unauthenticated: 16,
} as const;

export function httpStatusOf(code: number): number {
  switch (code) {
    case 3:
    case 9:
    case 11:
      return 400;
    case 5:
      return 404;
    case 6:
    case 10:
      return 409;
    case 7:
      return 403;
    case 12:
      return 501;
    case 14:
      return 503;
    case 16:
      return 401;
    default:
      return 500;
  }
}

export function sendGrpcError(
  res: ServerResponse,
  code: number,
  message: string,
): void {
  sendJson(
    res,
    httpStatusOf(code),
    { error: message, code, message },
    'application/json',
  );
}
