import { entitySourcePath } from './routes';

describe('entitySourcePath', () => {
  it('encodes every segment so a crafted value cannot change the route', () => {
    expect(
      entitySourcePath(
        { namespace: 'default', kind: 'Component', name: '../x?y#z' },
        'traces',
        '../../health',
      ),
    ).toBe(
      '/v1/entities/default/component/..%2Fx%3Fy%23z/traces/..%2F..%2Fhealth',
    );
  });

  it('encodes dot segments that URL resolution would collapse', () => {
    expect(
      entitySourcePath(
        { namespace: 'default', kind: 'Component', name: '..' },
        'logs',
      ),
    ).toBe('/v1/entities/default/component/%2E%2E/logs');
  });

  it('lower-cases the entity ref like the catalog does', () => {
    expect(
      entitySourcePath(
        { namespace: 'Team-A', kind: 'Component', name: 'Msa-Nginx' },
        'health',
      ),
    ).toBe('/v1/entities/team-a/component/msa-nginx/health');
  });
});
