import {
  IMAGE_REFERENCE_PATTERN,
  JENKINS_CREDENTIAL_ID_PATTERN,
  LABEL_NAME_PATTERN,
  TRACE_ATTRIBUTE_NAME_PATTERN,
  isDns1123Label,
  isDns1123Subdomain,
  isKubernetesLabelValue,
} from './names';

describe('name rules', () => {
  it('DNS-1123 label: lowercase alphanumerics and inner dashes, 1-63', () => {
    for (const ok of ['a', '0', 'team-a', 'a-1-b', 'x'.repeat(63)]) {
      expect(isDns1123Label(ok)).toBe(true);
    }
    for (const bad of [
      '',
      '-a',
      'a-',
      'A',
      'a.b',
      'a_b',
      'x'.repeat(64),
      'a\n',
      'ns*',
    ]) {
      expect(isDns1123Label(bad)).toBe(false);
    }
  });

  it('DNS-1123 subdomain: dot-separated labels, at most 253', () => {
    const long = `${'a'.repeat(63)}.`.repeat(4).slice(0, 253);
    expect(long.endsWith('.')).toBe(false);
    for (const ok of ['a', 'app.kubernetes.io', 'a-b.c-d', long]) {
      expect(isDns1123Subdomain(ok)).toBe(true);
    }
    for (const bad of ['', '.a', 'a.', 'a..b', 'A.b', 'a_b.c', `${long}b`]) {
      expect(isDns1123Subdomain(bad)).toBe(false);
    }
  });

  it('Kubernetes label value: alphanumeric ends, - _ . inside, 1-63', () => {
    for (const ok of ['a', 'Web_1', 'v1.2-rc', 'x'.repeat(63)]) {
      expect(isKubernetesLabelValue(ok)).toBe(true);
    }
    for (const bad of ['', '-a', 'a.', 'a b', 'a/b', 'x'.repeat(64)]) {
      expect(isKubernetesLabelValue(bad)).toBe(false);
    }
  });

  it('label names, attribute names, credential ids and image references refuse query and shell syntax', () => {
    expect(LABEL_NAME_PATTERN.test('namespace')).toBe(true);
    expect(LABEL_NAME_PATTERN.test('k8s.namespace')).toBe(false);
    expect(LABEL_NAME_PATTERN.test('a"}')).toBe(false);
    expect(TRACE_ATTRIBUTE_NAME_PATTERN.test('k8s.namespace.name')).toBe(true);
    expect(TRACE_ATTRIBUTE_NAME_PATTERN.test('a && b')).toBe(false);
    expect(JENKINS_CREDENTIAL_ID_PATTERN.test('msa-deploy-git')).toBe(true);
    expect(JENKINS_CREDENTIAL_ID_PATTERN.test("x'); sh('id")).toBe(false);
    expect(JENKINS_CREDENTIAL_ID_PATTERN.test('a'.repeat(129))).toBe(false);
    expect(IMAGE_REFERENCE_PATTERN.test('alpine/git:2.47.2')).toBe(true);
    expect(IMAGE_REFERENCE_PATTERN.test('alpine $(id)')).toBe(false);
  });
});
