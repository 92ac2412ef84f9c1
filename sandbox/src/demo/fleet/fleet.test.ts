import { parseAllDocuments } from 'yaml';
import { parseExposition } from '../../peers/backfill.ts';
import { fleetAppConfigYaml, fleetCatalogYaml } from './catalog.ts';
import { generateFleet } from './model.ts';
import { fleetExposition, latencyShare } from './series.ts';

describe('generated fleet', () => {
  const fleet = generateFleet(500);

  it('500 components named fleet-0001… owned by five teams, each in its own svc-fleet-* namespace', () => {
    expect(fleet.components).toHaveLength(500);
    expect(fleet.components[0].name).toBe('fleet-0001');
    expect(fleet.components[499].name).toBe('fleet-0500');
    expect(new Set(fleet.components.map(c => c.name)).size).toBe(500);
    expect(fleet.groups.map(g => g.name)).toEqual([
      'fleet-team-a',
      'fleet-team-b',
      'fleet-team-c',
      'fleet-team-d',
      'fleet-team-e',
    ]);
    for (const g of fleet.groups) {
      const owned = fleet.components.filter(c => c.owner.name === g.name);
      expect(owned).toHaveLength(100);
      expect(owned.every(c => c.namespace === g.namespace)).toBe(true);
      // inside the demo's scope bound (app-config.yaml platform.scope.allowedNamespaces: msa, svc-*)
      expect(g.namespace).toMatch(/^svc-/);
    }
  });

  it('varies: erroring, slow, idle and healthy components; OutOfSync/Degraded apps; failed builds', () => {
    const count = (f: (c: (typeof fleet.components)[0]) => boolean) =>
      fleet.components.filter(f).length;
    expect(count(c => c.profile === 'erroring')).toBeGreaterThan(25);
    expect(count(c => c.profile === 'slow')).toBeGreaterThan(25);
    expect(count(c => c.profile === 'idle')).toBeGreaterThan(25);
    expect(count(c => c.profile === 'healthy')).toBeGreaterThan(250);
    expect(count(c => c.sync === 'OutOfSync')).toBeGreaterThan(25);
    expect(count(c => c.health === 'Degraded')).toBeGreaterThan(25);
    expect(count(c => c.lastBuild.result === 'FAILURE')).toBeGreaterThan(25);
    const of = (p: string) => fleet.components.filter(c => c.profile === p);
    expect(Math.min(...of('erroring').map(c => c.errorRatio))).toBeGreaterThan(
      0.05,
    );
    expect(Math.min(...of('slow').map(c => c.p95Ms))).toBeGreaterThan(500);
    expect(of('idle').map(c => c.rps)).toEqual(of('idle').map(() => 0));
    expect(
      Math.min(
        ...fleet.components.filter(c => c.profile !== 'idle').map(c => c.rps),
      ),
    ).toBeGreaterThan(0);
    expect(
      fleet.components.filter(c => !/^[0-9a-f]{40}$/.test(c.revision)),
    ).toEqual([]);
    // deterministic
    expect(generateFleet(500)).toEqual(fleet);
    expect(() => generateFleet(-1)).toThrow('fleet size');
  });

  it('exposes every component in each family, with the labels the portal and the rules read', () => {
    const samples = parseExposition(
      fleetExposition(fleet.components, ['istio', 'linkerd'], 30),
    );
    const workloads = (name: string, label: string) =>
      new Set(samples.filter(s => s.name === name).map(s => s.labels[label]));
    expect(workloads('istio_requests_total', 'destination_workload').size).toBe(
      500,
    );
    expect(
      workloads(
        'istio_request_duration_milliseconds_bucket',
        'destination_workload',
      ).size,
    ).toBe(500);
    expect(workloads('response_total', 'deployment').size).toBe(500);
    expect(workloads('response_latency_ms_bucket', 'deployment').size).toBe(
      500,
    );
    const erroring = fleet.components.find(c => c.profile === 'erroring')!;
    const of = (name: string, extra: Record<string, string> = {}) =>
      samples.filter(
        s =>
          s.name === name &&
          (s.labels.destination_workload === erroring.name ||
            s.labels.deployment === erroring.name) &&
          Object.entries(extra).every(([k, v]) => s.labels[k] === v),
      );
    const ok = of('istio_requests_total', { response_code: '200' })[0];
    const failed = of('istio_requests_total', { response_code: '500' })[0];
    expect(ok.labels).toMatchObject({
      reporter: 'destination',
      source_workload: 'istio-ingressgateway',
      destination_workload_namespace: erroring.namespace,
    });
    expect(failed.value / (ok.value + failed.value)).toBeCloseTo(
      erroring.errorRatio,
      2,
    );
    expect(
      of('response_total', { classification: 'failure', status_code: '500' })[0]
        .value,
    ).toBe(failed.value);
    expect(of('request_total')[0].labels).toMatchObject({
      direction: 'inbound',
      namespace: erroring.namespace,
      deployment: erroring.name,
    });
    // counters grow with time at the component's rate
    const later = parseExposition(
      fleetExposition([erroring], ['istio'], 130),
    ).filter(s => s.name === 'istio_requests_total');
    const total = (list: typeof later) => list.reduce((n, s) => n + s.value, 0);
    expect(total(later) - (ok.value + failed.value)).toBeCloseTo(
      erroring.rps * 100,
      -1,
    );
    // only istio when linkerd is off
    expect(
      parseExposition(fleetExposition(fleet.components, ['istio'], 1)).some(
        s => s.name === 'request_total',
      ),
    ).toBe(false);
    expect(latencyShare(erroring.p95Ms, erroring.p95Ms)).toBeCloseTo(0.95, 6);
  });

  it('writes one catalog entity per component, team and the system, and an overlay adding the file', () => {
    const docs = parseAllDocuments(fleetCatalogYaml(fleet)).map(d => d.toJS());
    const kinds = (k: string) => docs.filter(d => d.kind === k);
    expect(kinds('Component')).toHaveLength(500);
    expect(kinds('Group').map(g => g.metadata.name)).toEqual(
      fleet.groups.map(g => g.name),
    );
    expect(kinds('System').map(s => s.metadata.name)).toEqual(['fleet']);
    const first = kinds('Component')[0];
    expect(first.spec.owner).toBe('group:default/fleet-team-a');
    expect(first.metadata.annotations).toMatchObject({
      'argocd/app-name': 'fleet-0001',
      'jenkins.io/job-full-name': 'sandbox:fleet/fleet-0001',
      'backstage.io/kubernetes-id': 'fleet-0001',
      'backstage.io/kubernetes-namespace': 'svc-fleet-a',
      'prometheus.io/labels': 'service=fleet-0001',
    });
    expect(kinds('Group')[0].spec.members).toEqual(['guest']);
    const overlay = parseAllDocuments(
      fleetAppConfigYaml({
        baseLocations: [{ type: 'file', target: '../../examples/all.yaml' }],
        catalogFile: '/x/.sandbox/fleet/catalog.yaml',
      }),
    )[0].toJS();
    expect(overlay.catalog.locations).toEqual([
      { type: 'file', target: '../../examples/all.yaml' },
      { type: 'file', target: '/x/.sandbox/fleet/catalog.yaml' },
    ]);
  });
});
