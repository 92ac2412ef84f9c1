import {
  DNS_1123_SUBDOMAIN_MAX_LENGTH,
  DNS_1123_SUBDOMAIN_PATTERN,
  KUBERNETES_LABEL_VALUE_MAX_LENGTH,
  KUBERNETES_LABEL_VALUE_PATTERN,
} from '@paved-road/backstage-plugin-platform-node';

/** What an annotation value must look like to be sent to an upstream as a name. */
export interface NameRule {
  /** Why the value is refused, or undefined when it is a valid name. */
  problem(value: string): string | undefined;
  /** What is allowed, for the error message. */
  allowed: string;
}

// Jenkins.checkGoodName: control characters and these are refused in item names; so are '.' and '..'.
const JENKINS_UNSAFE = /[?*/\\%!@#$^&|<>[\]:;\p{Cc}]/u;

/** A rule for names of one pattern and length. */
function patternRule(
  pattern: RegExp,
  maxLength: number,
  what: string,
  allowed: string,
): NameRule {
  return {
    problem: value =>
      value.length <= maxLength && pattern.test(value)
        ? undefined
        : `is not ${what}`,
    allowed,
  };
}

/** A Kubernetes resource name (DNS-1123 subdomain): Argo CD Applications and AppProjects are such resources. */
export const KUBERNETES_RESOURCE_NAME: NameRule = patternRule(
  DNS_1123_SUBDOMAIN_PATTERN,
  DNS_1123_SUBDOMAIN_MAX_LENGTH,
  'a Kubernetes resource name',
  "lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters",
);

/** A Kubernetes label value: `backstage.io/kubernetes-id` is the value of the workload's label. */
export const KUBERNETES_LABEL_VALUE: NameRule = patternRule(
  KUBERNETES_LABEL_VALUE_PATTERN,
  KUBERNETES_LABEL_VALUE_MAX_LENGTH,
  'a Kubernetes label value',
  "letters, digits, '-', '_' and '.', starting and ending with a letter or digit, at most 63 characters",
);

/** A Jenkins job path `folder/job`: every segment a name Jenkins accepts for an item. */
export const JENKINS_JOB_PATH: NameRule = {
  problem: value => {
    if (value.length > 1024) return 'is longer than 1024 characters';
    const segments = value.split('/');
    const bad = segments.findIndex(
      s =>
        s === '' ||
        s !== s.trim() ||
        s === '.' ||
        s === '..' ||
        JENKINS_UNSAFE.test(s),
    );
    return bad === -1
      ? undefined
      : `is not a Jenkins job path (segment ${bad + 1} of ${
          segments.length
        } is not a job name)`;
  },
  allowed:
    "job names separated by single '/'; a name is not empty, '.' or '..', has no leading or trailing space, " +
    'no control character and none of ? * \\ % ! @ # $ ^ & | < > [ ] : ;',
};

/**
 * The message refusing an annotation whose value cannot be the name it is sent as, naming the annotation and
 * what it allows (not the value: it is shown back to a browser); undefined when the value is valid.
 */
export function annotationNameProblem(
  annotation: string,
  value: string,
  rule: NameRule,
): string | undefined {
  const problem = rule.problem(value);
  return problem
    ? `Invalid annotation ${annotation}: the value ${problem}; allowed: ${rule.allowed}`
    : undefined;
}
