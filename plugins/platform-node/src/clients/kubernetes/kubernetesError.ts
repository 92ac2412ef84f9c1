import { UpstreamError, kindForStatus } from '../../http/UpstreamError';
import { KubernetesAccess, accessDeniedExplanation } from './accessDenied';

/** One cause of a Kubernetes `Status` (`details.causes[]`). @public */
export interface KubernetesStatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

/** A Kubernetes `Status` failure body, as far as the actions read it. @public */
export interface KubernetesStatus {
  kind?: string;
  status?: string;
  reason?: string;
  message?: string;
  code?: number;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    causes?: KubernetesStatusCause[];
  };
}

/**
 * An `UpstreamError` from the Kubernetes API that also carries the Status `reason`
 * (`AlreadyExists`, `Conflict`, `Invalid`, `FieldManagerConflict`...).
 *
 * @public
 */
export class KubernetesUpstreamError extends UpstreamError {
  readonly reason?: string;
  /** The Status `details.causes` (e.g. one `FieldManagerConflict` per field of an apply conflict). */
  readonly causes?: KubernetesStatusCause[];

  constructor(
    options: ConstructorParameters<typeof UpstreamError>[0] & {
      reason?: string;
      causes?: KubernetesStatusCause[];
    },
  ) {
    super(options);
    this.reason = options.reason;
    this.causes = options.causes;
  }
}

function parseStatus(body: unknown): KubernetesStatus | undefined {
  if (typeof body === 'string') {
    try {
      return parseStatus(JSON.parse(body));
    } catch {
      return undefined;
    }
  }
  if (body && typeof body === 'object') {
    return body as KubernetesStatus;
  }
  return undefined;
}

/** Node's codes for a server certificate that does not verify against the trusted CAs (or names another host). */
function isTlsTrustFailure(code: string): boolean {
  return /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_(VERIFY_LEAF_SIGNATURE|GET_ISSUER_CERT(_LOCALLY)?)|CERT_[A-Z_]+|ERR_TLS_CERT_ALTNAME_INVALID)$/.test(
    code,
  );
}

/**
 * Maps what `@kubernetes/client-node` throws (`ApiException` with `.code` and a raw Status `.body`, or a
 * network error) to an `UpstreamError` carrying the HTTP status and the Status `reason` and `message`.
 *
 * @public
 */
export function toKubernetesUpstreamError(
  error: unknown,
  where: string,
  access?: KubernetesAccess,
): UpstreamError {
  if (error instanceof UpstreamError) {
    return error;
  }
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'number' && code >= 100 && code < 600) {
    const status = parseStatus((error as { body?: unknown }).body);
    const denied =
      code === 401 || code === 403
        ? accessDeniedExplanation(code, status?.message, access)
        : undefined;
    const detail =
      denied ?? [status?.reason, status?.message].filter(Boolean).join(': ');
    return new KubernetesUpstreamError({
      upstream: 'kubernetes',
      kind: kindForStatus(code),
      status: code,
      reason: status?.reason,
      causes: Array.isArray(status?.details?.causes)
        ? status?.details?.causes
        : undefined,
      message: `${where} answered ${code}${
        detail ? `: ${denied ? detail : detail.slice(0, 300)}` : ''
      }`,
    });
  }
  const name = (error as Error)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new UpstreamError({
      upstream: 'kubernetes',
      kind: 'timeout',
      message: `${where} timed out`,
    });
  }
  const cause =
    (error as { cause?: { code?: string }; code?: string })?.cause?.code ??
    (typeof code === 'string' ? code : '');
  if (isTlsTrustFailure(cause)) {
    return new UpstreamError({
      upstream: 'kubernetes',
      kind: 'unreachable',
      message: `${where} failed: TLS: the API server's certificate is not trusted (${cause}); set platform.kubernetes.caData to the cluster's CA bundle (PEM, or base64 of it as in a kubeconfig's certificate-authority-data)`,
    });
  }
  const reason = cause || ((error as Error)?.message ?? '').slice(0, 200);
  return new UpstreamError({
    upstream: 'kubernetes',
    kind: 'unreachable',
    message: `${where} failed: cannot connect${reason ? ` (${reason})` : ''}`,
  });
}
