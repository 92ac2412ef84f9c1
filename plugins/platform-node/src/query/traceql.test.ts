import { buildTraceQuery } from './traceql';
import { ADVERSARIAL_VALUES, dissect } from './testUtils';

describe('buildTraceQuery', () => {
  it('builds the documented form', () => {
    expect(
      buildTraceQuery({
        serviceName: 'x',
        errorsOnly: true,
        minDurationMs: 500,
      }),
    ).toBe(
      '{ resource.service.name = "x" && status = error && duration > 500ms }',
    );
  });

  it('adds the operator scope attribute', () => {
    expect(
      buildTraceQuery({
        serviceName: 'x',
        scope: { attribute: 'k8s.namespace.name', value: 'msa' },
      }),
    ).toBe(
      '{ resource.service.name = "x" && resource.k8s.namespace.name = "msa" }',
    );
  });

  it.each(ADVERSARIAL_VALUES)('keeps %j inside its string', value => {
    const { skeleton, literals } = dissect(
      buildTraceQuery({
        serviceName: value,
        scope: { attribute: 'k8s.namespace.name', value },
      }),
    );
    expect(skeleton).toBe(
      '{ resource.service.name = S && resource.k8s.namespace.name = S }',
    );
    expect(literals).toEqual([value, value]);
  });

  it('refuses a bad attribute name or a fractional duration', () => {
    expect(() =>
      buildTraceQuery({
        serviceName: 'x',
        scope: { attribute: 'a" || true', value: 'v' },
      }),
    ).toThrow();
    expect(() =>
      buildTraceQuery({ serviceName: 'x', minDurationMs: 1.5 }),
    ).toThrow();
  });
});
