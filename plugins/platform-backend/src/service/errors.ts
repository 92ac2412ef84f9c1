import { CustomErrorBase } from '@backstage/errors';

/** An upstream the backend depends on answered wrongly (HTTP 502). */
export class BadGatewayError extends CustomErrorBase {
  name = 'BadGatewayError' as const;
  readonly statusCode = 502;
}
