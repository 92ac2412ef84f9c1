import { UpstreamError } from '../../http/UpstreamError';
import { parseRbacDenial } from './accessDenied';
import { toKubernetesUpstreamError } from './kubernetesError';

/** What client-node throws: an ApiException with the HTTP code and the raw body (empty for a 401). */
const apiException = (code: number, body: unknown) =>
  Object.assign(new Error(`HTTP-Code: ${code}`), {
    code,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const status403 = (message: string, reason = 'Forbidden') => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason,
  details: { kind: 'namespaces' },
  code: 403,
});

describe('parseRbacDenial', () => {
  it('reads kube-apiserver RBAC messages, cluster scope and namespaced', () => {
    expect(
      parseRbacDenial(
        'namespaces "x" is forbidden: User "y" cannot create resource "namespaces" in API group "" at the cluster scope',
      ),
    ).toEqual({ user: 'y', verb: 'create', resource: 'namespaces', group: '' });
    expect(
      parseRbacDenial(
        'applications.argoproj.io "orders" is forbidden: User "system:serviceaccount:backstage:backstage" cannot patch resource "applications" in API group "argoproj.io" in the namespace "argocd"',
      ),
    ).toEqual({
      user: 'system:serviceaccount:backstage:backstage',
      verb: 'patch',
      resource: 'applications',
      group: 'argoproj.io',
      namespace: 'argocd',
    });
    expect(
      parseRbacDenial(
        'unable to create new content in namespace x because it is being terminated',
      ),
    ).toBeUndefined();
  });
});

describe('toKubernetesUpstreamError: 401 and 403', () => {
  it('names the verb, resource and scope of an RBAC 403, instead of repeating the status', () => {
    const error = toKubernetesUpstreamError(
      apiException(
        403,
        status403(
          'namespaces "x" is forbidden: User "y" cannot create resource "namespaces" in API group "" at the cluster scope',
        ),
      ),
      'CREATE namespace x',
      { verb: 'create', resource: 'namespaces', group: '' },
    );
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error.kind).toBe('forbidden');
    expect(error.status).toBe(403);
    expect(error.message).toBe(
      `kubernetes: CREATE namespace x answered 403: Forbidden: the API server's RBAC does not let User "y" 'create' on 'namespaces' (API group "") at the cluster scope; grant it in the backend service account's Role/ClusterRole (deploy/kubernetes/backstage-platform-rbac.yaml has every rule the platform needs)`,
    );
  });

  it('names what a server-side apply needs when the 403 comes without a reason (apply that creates needs create)', () => {
    const error = toKubernetesUpstreamError(
      apiException(
        403,
        status403('applications.argoproj.io "orders" is forbidden: '),
      ),
      'APPLY application argocd/orders',
      {
        verb: 'patch',
        apply: true,
        resource: 'applications',
        group: 'argoproj.io',
        namespace: 'argocd',
      },
    );
    expect(error.message).toBe(
      `kubernetes: APPLY application argocd/orders answered 403: Forbidden, without a reason: the backend's identity probably lacks 'patch' on 'applications' (API group "argoproj.io") in namespace "argocd" (a server-side apply that creates the object needs 'create' on 'applications' (API group "argoproj.io") as well as 'patch'); grant it in the backend service account's Role/ClusterRole (deploy/kubernetes/backstage-platform-rbac.yaml has every rule the platform needs)`,
    );
  });

  it('keeps a 403 that is not about RBAC as the server wrote it (a Terminating namespace)', () => {
    const message =
      'secrets "pull" is forbidden: unable to create new content in namespace orders because it is being terminated';
    const error = toKubernetesUpstreamError(
      apiException(403, status403(message)),
      'CREATE secret orders/pull',
      { verb: 'create', resource: 'secrets', group: '', namespace: 'orders' },
    );
    expect(error.message).toBe(
      `kubernetes: CREATE secret orders/pull answered 403: Forbidden: ${message}`,
    );
  });

  it('explains a 401 with an empty body (client-node drops it) by the token key and what the call needed', () => {
    const error = toKubernetesUpstreamError(
      apiException(401, ''),
      'LIST applications in argocd',
      {
        verb: 'list',
        resource: 'applications',
        group: 'argoproj.io',
        namespace: 'argocd',
      },
    );
    expect(error.kind).toBe('forbidden');
    expect(error.message).toBe(
      `kubernetes: LIST applications in argocd answered 401: Unauthorized: the API server did not accept the bearer token of platform.kubernetes.token (expired, revoked, or for another cluster); it was needed to 'list' on 'applications' (API group "argoproj.io") in namespace "argocd"`,
    );
  });
});
