import { isPlatformSourceAvailable, platformFilter } from './filters';
import { entity } from './__testUtils__/fixtures';

const bare = { ...entity, metadata: { name: 'x', annotations: {} } };

describe('platform filters', () => {
  it('selects entities carrying a source annotation', () => {
    expect(isPlatformSourceAvailable('argocd', entity)).toBe(true);
    expect(isPlatformSourceAvailable('argocd', bare)).toBe(false);
    expect(
      isPlatformSourceAvailable('argocd', {
        ...bare,
        metadata: {
          name: 'x',
          annotations: { 'argocd/app-selector': 'app=x' },
        },
      }),
    ).toBe(true);
    // Dotted annotation keys resolve as one key, not a path.
    expect(
      isPlatformSourceAvailable('alerts', {
        ...bare,
        metadata: { name: 'x', annotations: { 'prometheus.io/alert': 'all' } },
      }),
    ).toBe(true);
  });

  it('keeps workload sources to components', () => {
    expect(isPlatformSourceAvailable('logs', entity)).toBe(true);
    expect(
      isPlatformSourceAvailable('logs', { ...entity, kind: 'System' }),
    ).toBe(false);
    expect(isPlatformSourceAvailable('health', bare)).toBe(false);
  });

  it('is an object predicate an app can override in config', () => {
    expect(platformFilter('builds')).toEqual({
      $any: [
        { 'metadata.annotations.jenkins.io/job-full-name': { $exists: true } },
      ],
    });
  });
});
