import { Entity } from '@backstage/catalog-model';
import { ServiceGraphEdge } from '@paved-road/backstage-plugin-platform-common';
import { kialiWorkloadUrl } from './kialiUrl';
import {
  MAX_LINKED_PEERS,
  linkPeers,
  peerWorkloads,
} from './serviceGraphPeers';

function edge(
  workload: string,
  namespace?: string,
  rate: number | null = 1,
  external = false,
): ServiceGraphEdge {
  return {
    peer: { workload, ...(namespace ? { namespace } : {}), external },
    rate,
    errorRatio: null,
    p95Ms: null,
  };
}

function entity(
  name: string,
  annotations: Record<string, string>,
  namespace = 'default',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace, annotations },
    spec: {},
  };
}

const id = (workload: string, ns?: string) => ({
  'backstage.io/kubernetes-id': workload,
  ...(ns ? { 'backstage.io/kubernetes-namespace': ns } : {}),
});

describe('peerWorkloads', () => {
  it('looks up named peers inside the mesh once each, busiest first, at most the cap', () => {
    expect(
      peerWorkloads([
        edge('a', 'x', 1),
        edge('unknown', 'unknown', 50, true),
        edge('b', 'x', 9),
        edge('a', 'y', 3),
        edge('c', 'x', null),
      ]),
    ).toEqual(['b', 'a', 'c']);
    const many = Array.from({ length: MAX_LINKED_PEERS + 20 }, (_, i) =>
      edge(`w${i}`, 'x', i),
    );
    const looked = peerWorkloads(many);
    expect(looked).toHaveLength(MAX_LINKED_PEERS);
    expect(looked[0]).toBe(`w${MAX_LINKED_PEERS + 19}`);
  });
});

describe('linkPeers', () => {
  it('matches workload and namespace (annotation, else catalog namespace)', () => {
    const linked = linkPeers(
      [edge('nginx', 'msa'), edge('db', 'data'), edge('nginx', 'other')],
      [
        entity('web', id('nginx', 'msa')),
        entity('db', id('db'), 'data'),
        entity('db-elsewhere', id('db', 'prod')),
      ],
      'msa',
    );
    expect(linked.map(e => e.peer.entityRef)).toEqual([
      'component:default/web',
      'component:data/db',
      undefined,
    ]);
  });

  it('finds a peer without a namespace (Tempo) in the graph namespace only', () => {
    const entities = [
      entity('login', id('login-js', 'msa')),
      entity('mail', id('mail', 'ops')),
    ];
    const linked = linkPeers([edge('login-js'), edge('mail')], entities, 'msa');
    expect(linked.map(e => e.peer.entityRef)).toEqual([
      'component:default/login',
      undefined,
    ]);
    // The peer itself keeps no namespace it did not have.
    expect(linked[0].peer.namespace).toBeUndefined();
  });

  it('leaves ambiguous and external peers unlinked', () => {
    const linked = linkPeers(
      [edge('api', 'msa'), edge('unknown', 'unknown', 1, true)],
      [
        entity('api-a', id('api', 'msa')),
        entity('api-b', id('api', 'msa')),
        entity('unknown', id('unknown', 'unknown')),
      ],
      'msa',
    );
    expect(linked.map(e => e.peer.entityRef)).toEqual([undefined, undefined]);
  });
});

describe('kialiWorkloadUrl', () => {
  it("links the workload's page under Kiali's web root, path segments escaped", () => {
    expect(kialiWorkloadUrl('https://k.example/kiali', 'msa', 'login-js')).toBe(
      'https://k.example/kiali/console/namespaces/msa/workloads/login-js',
    );
    expect(kialiWorkloadUrl('https://k.example', 'a/b', 'x?y#z')).toBe(
      'https://k.example/console/namespaces/a%2Fb/workloads/x%3Fy%23z',
    );
  });
});
