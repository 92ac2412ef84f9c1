/** Argo CD session tokens: HMAC-signed JWTs issued by `POST /api/v1/session`, plus one static API token. */
import { createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from '../http/util.ts';

function b64url(buf: Buffer | string): string {
  return Buffer.from(buf).toString('base64url');
}

export class SessionManager {
  private readonly secret = randomBytes(32);
  private readonly staticToken: string;
  constructor(staticToken: string) {
    this.staticToken = staticToken;
  }

  issue(username: string): string {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = b64url(
      JSON.stringify({
        iss: 'argocd',
        sub: `${username}:login`,
        nbf: now,
        iat: now,
        exp: now + 86400,
        jti: randomBytes(16).toString('hex'),
      }),
    );
    const sig = b64url(
      createHmac('sha256', this.secret).update(`${header}.${payload}`).digest(),
    );
    return `${header}.${payload}.${sig}`;
  }

  /** The user a token belongs to, or an error message as Argo CD words it. */
  verify(token: string): { user: string } | { error: string } {
    if (safeEqual(token, this.staticToken)) return { user: 'admin' };
    const parts = token.split('.');
    if (parts.length !== 3)
      return {
        error: 'invalid session: token contains an invalid number of segments',
      };
    const sig = b64url(
      createHmac('sha256', this.secret)
        .update(`${parts[0]}.${parts[1]}`)
        .digest(),
    );
    if (!safeEqual(sig, parts[2]))
      return { error: 'invalid session: token signature is invalid' };
    try {
      const payload = JSON.parse(
        Buffer.from(parts[1], 'base64url').toString('utf8'),
      ) as { sub?: string; exp?: number };
      if (typeof payload.exp === 'number' && payload.exp < Date.now() / 1000)
        return {
          error: 'invalid session: token has invalid claims: token is expired',
        };
      return { user: String(payload.sub ?? 'admin').split(':')[0] };
    } catch {
      return { error: 'invalid session: token is malformed' };
    }
  }
}
