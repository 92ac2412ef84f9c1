import { CustomErrorBase } from '@backstage/errors';

/** An upstream the backend depends on answered wrongly (HTTP 502). */
export class BadGatewayError extends CustomErrorBase {
  name = 'BadGatewayError' as const;
  readonly statusCode = 502;
}

/** The request's URL is longer than the platform routes accept (HTTP 414). */
export class UriTooLongError extends CustomErrorBase {
  name = 'UriTooLongError' as const;
  readonly statusCode = 414;
}

/** The request body is larger than the route accepts (HTTP 413). */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  readonly statusCode = 413;
}
