import {
  JENKINS_JOB_PATH,
  KUBERNETES_LABEL_VALUE,
  KUBERNETES_RESOURCE_NAME,
  annotationNameProblem,
} from './annotationNames';

const HOSTILE = [
  '../../settings',
  '..',
  '.',
  'app/../../x',
  'app?x=1',
  'app#frag',
  'app%2F..',
  'app name',
  'app\nname',
  'app\u0000',
  'APP',
  'аpp', // Cyrillic a
  '-app',
  'app-',
  'a'.repeat(254),
];

describe('annotation name rules', () => {
  it.each(HOSTILE)('Kubernetes resource name refuses %j', value => {
    expect(KUBERNETES_RESOURCE_NAME.problem(value)).toBeDefined();
  });

  it.each(['msa-nginx', 'a', 'app.v2', 'a'.repeat(253), '0-app-9'])(
    'Kubernetes resource name accepts %j',
    value => {
      expect(KUBERNETES_RESOURCE_NAME.problem(value)).toBeUndefined();
    },
  );

  it.each([...HOSTILE.filter(v => v !== 'APP'), 'a'.repeat(64), '_app'])(
    'Kubernetes label value refuses %j',
    value => {
      expect(KUBERNETES_LABEL_VALUE.problem(value)).toBeDefined();
    },
  );

  it.each(['login-js', 'Login_JS.v2', 'a'.repeat(63)])(
    'Kubernetes label value accepts %j',
    value => {
      expect(KUBERNETES_LABEL_VALUE.problem(value)).toBeUndefined();
    },
  );

  it.each([
    '../../settings',
    'msa/..',
    'msa/./job',
    '/msa',
    'msa/',
    'msa//job',
    'msa/job?x=1',
    'msa/job#x',
    'msa/job%2F',
    'msa/jo\\b',
    'msa/ job',
    'msa/job\n',
    'msa/job\u007f',
    'msa/a:b',
    'msa/a;b',
    'msa/a[1]',
    `msa/${'a'.repeat(1100)}`,
  ])('Jenkins job path refuses %j', value => {
    expect(JENKINS_JOB_PATH.problem(value)).toBeDefined();
  });

  it.each([
    'msa/msa-nginx',
    'job',
    'a/b/c',
    'Team A/My Job (main)',
    'msa/job.v2',
    'msa/...x',
  ])('Jenkins job path accepts %j', value => {
    expect(JENKINS_JOB_PATH.problem(value)).toBeUndefined();
  });

  it('annotationNameProblem names the annotation and what is allowed, never echoing the value', () => {
    expect(
      annotationNameProblem(
        'argocd/app-name',
        '../../settings',
        KUBERNETES_RESOURCE_NAME,
      ),
    ).toBe(
      "Invalid annotation argocd/app-name: the value is not a Kubernetes resource name; allowed: lowercase letters, digits, '-' and '.', " +
        'starting and ending with a letter or digit, at most 253 characters',
    );
    expect(
      annotationNameProblem(
        'argocd/app-name',
        'msa-nginx',
        KUBERNETES_RESOURCE_NAME,
      ),
    ).toBeUndefined();
  });

  it('names the bad segment of a Jenkins path', () => {
    expect(
      annotationNameProblem(
        'jenkins.io/job-full-name',
        'msa/../admin',
        JENKINS_JOB_PATH,
      ),
    ).toBe(
      'Invalid annotation jenkins.io/job-full-name: the value is not a Jenkins job path (segment 2 of 3 is not a job name); ' +
        `allowed: ${JENKINS_JOB_PATH.allowed}`,
    );
  });
});
