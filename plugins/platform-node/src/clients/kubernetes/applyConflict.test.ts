import { applyConflictsOf, describeApplyConflicts } from './applyConflict';
import { toKubernetesUpstreamError } from './kubernetesError';

/** What client-node throws: an ApiException with the HTTP code and the raw Status body. */
const apiException = (code: number, body: unknown) =>
  Object.assign(new Error(`HTTP-Code: ${code}`), {
    code,
    body: JSON.stringify(body),
  });

// kube-apiserver's answer to an apply whose fields another manager changed (apimachinery NewConflictError).
const conflictBody = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message:
    'Apply failed with 3 conflicts: conflicts with "argocd-controller":\n- .spec.syncPolicy\nconflicts with "kubectl-edit" using argoproj.io/v1alpha1:\n- .spec.project\n- .spec.source.targetRevision',
  reason: 'Conflict',
  details: {
    causes: [
      {
        reason: 'FieldManagerConflict',
        message: 'conflict with "argocd-controller"',
        field: '.spec.syncPolicy',
      },
      {
        reason: 'FieldManagerConflict',
        message: 'conflict with "kubectl-edit" using argoproj.io/v1alpha1',
        field: '.spec.project',
      },
      {
        reason: 'FieldManagerConflict',
        message: 'conflict with "kubectl-edit" using argoproj.io/v1alpha1',
        field: '.spec.source.targetRevision',
      },
    ],
  },
  code: 409,
};

const mapped = (code: number, body: unknown) =>
  toKubernetesUpstreamError(apiException(code, body), 'APPLY application x/y');

describe('applyConflictsOf', () => {
  it('reads field and manager (with the apiVersion of Update managers) from every cause', () => {
    const conflicts = applyConflictsOf(mapped(409, conflictBody));
    expect(conflicts).toEqual([
      { field: '.spec.syncPolicy', manager: 'argocd-controller' },
      {
        field: '.spec.project',
        manager: 'kubectl-edit',
        apiVersion: 'argoproj.io/v1alpha1',
      },
      {
        field: '.spec.source.targetRevision',
        manager: 'kubectl-edit',
        apiVersion: 'argoproj.io/v1alpha1',
      },
    ]);
    expect(describeApplyConflicts(conflicts!)).toBe(
      '"argocd-controller": .spec.syncPolicy; "kubectl-edit" (using argoproj.io/v1alpha1): .spec.project, .spec.source.targetRevision',
    );
  });

  it('unescapes a quoted manager name', () => {
    const body = {
      ...conflictBody,
      details: {
        causes: [
          {
            reason: 'FieldManagerConflict',
            message: 'conflict with "odd \\"name\\""',
            field: '.spec.project',
          },
        ],
      },
    };
    expect(applyConflictsOf(mapped(409, body))).toEqual([
      { field: '.spec.project', manager: 'odd "name"' },
    ]);
  });

  it.each([
    [
      'a resourceVersion conflict (409 Conflict without FieldManagerConflict causes)',
      mapped(409, {
        ...conflictBody,
        message:
          'Operation cannot be fulfilled on applications.argoproj.io "y": the object has been modified',
        details: { name: 'y', group: 'argoproj.io', kind: 'applications' },
      }),
    ],
    [
      'AlreadyExists',
      mapped(409, { ...conflictBody, reason: 'AlreadyExists', details: {} }),
    ],
    ['another status', mapped(422, { ...conflictBody, code: 422 })],
    ['a plain Error', new Error('boom')],
  ])('is undefined for %s', (_, error) => {
    expect(applyConflictsOf(error)).toBeUndefined();
  });
});
