import { ECS_LOG_FIELDS } from './fields';
import { kibanaDiscoverUrl } from './kibana';
import { rison } from './rison';

describe('kibanaDiscoverUrl', () => {
  const input = {
    kibanaUrl: 'https://kibana.example.com/',
    fields: { ...ECS_LOG_FIELDS },
    service: 'login-js',
    namespace: 'msa',
    range: {
      startMs: Date.parse('2026-12-06T03:00:00Z'),
      endMs: Date.parse('2026-12-06T04:00:00Z'),
    },
  };

  function state(url: string) {
    const u = new URL(url);
    expect(u.origin + u.pathname).toBe(
      'https://kibana.example.com/app/discover',
    );
    const params = new URLSearchParams(u.hash.replace(/^#\/\?/, ''));
    return { g: params.get('_g')!, a: params.get('_a')! };
  }

  it('carries the range in _g and the filters as quoted KQL in _a', () => {
    const { g, a } = state(
      kibanaDiscoverUrl({ ...input, levels: ['error'], dataViewId: 'logs-dv' }),
    );
    expect(g).toBe(
      "(time:(from:'2026-12-06T03:00:00.000Z',to:'2026-12-06T04:00:00.000Z'))",
    );
    expect(a).toContain("dataSource:(dataViewId:'logs-dv',type:'dataView')");
    expect(a).toContain(
      `query:(language:'kuery',query:'kubernetes.namespace:"msa" and service.name:"login-js" and log.level:("error" or "ERROR")')`,
    );
  });

  it('quotes hostile text so KQL and Rison read it as one string', () => {
    const text = `a" or service.name:* and !'x\\`;
    const { a } = state(kibanaDiscoverUrl({ ...input, text }));
    // KQL: quotes and backslashes escaped; Rison: ! and ' escaped with !
    expect(a).toContain(`message:"a\\" or service.name:* and !!!'x\\\\"`);
  });

  it('encodes Rison', () => {
    expect(rison({ a: [1, true, null, "it's!"], 'b c': 'x' })).toBe(
      "(a:!(1,!t,!n,'it!'s!!'),'b c':'x')",
    );
  });
});
