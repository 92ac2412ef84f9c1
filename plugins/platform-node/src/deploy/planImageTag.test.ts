import { planImageTag } from './planImageTag';

const MANIFEST = `# Managed by Backstage for component:default/shop; the pipeline bumps the image tag.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  namespace: team-a
  annotations:
    backstage.io/entity-ref: component:default/shop
    platform.paved-road.dev/owner: group:default/team-a
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: shop
          image: registry.local:5000/team-a/shop:41 # bumped by Jenkins
          ports:
            - name: http
              containerPort: 8080
        - name: sidecar
          image: busybox:1.36
---
apiVersion: v1
kind: Service
metadata:
  name: shop
  annotations:
    platform.paved-road.dev/owner: group:default/team-a
spec:
  ports: [{ name: http, port: 80, targetPort: http }]
`;

const VALUES = `# Managed by Backstage for component:default/shop; the pipeline bumps the image tag.
backstage:
  entityRef: component:default/shop
  owner: group:default/team-a
nameOverride: shop
image:
  repository: registry.local:5000/team-a/shop
  # the pipeline sets this with yq
  tag: "41"
  pullSecrets: []
`;

const request = {
  serviceName: 'shop',
  owner: 'group:default/team-a',
  entityRef: 'component:default/shop',
};

/** Lines of `after` that differ from `before` (same line count expected). */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b).toHaveLength(a.length);
  return b.filter((line, i) => line !== a[i]);
}

describe('planImageTag', () => {
  it('changes only the service container image line of a manifest, keeping comments and other documents', () => {
    const plan = planImageTag(MANIFEST, {
      ...request,
      layout: 'manifest',
      tag: '40',
    });
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.path).toBe('shop.yaml');
    expect(plan.previousTag).toBe('41');
    expect(changedLines(MANIFEST, plan.content)).toEqual([
      '          image: registry.local:5000/team-a/shop:40 # bumped by Jenkins',
    ]);
  });

  it('sets .image.tag of a values entry as a string, as yq strenv does', () => {
    const plan = planImageTag(VALUES, {
      ...request,
      layout: 'values',
      tag: '7',
    });
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.path).toBe('services/shop/values.yaml');
    expect(plan.previousTag).toBe('41');
    expect(changedLines(VALUES, plan.content)).toEqual(['  tag: "7"']);
  });

  it('reads an unquoted numeric tag', () => {
    const plan = planImageTag(VALUES.replace('tag: "41"', 'tag: 41'), {
      ...request,
      layout: 'values',
      tag: '41',
    });
    expect(plan).toMatchObject({ ok: false, reason: 'already-live' });
  });

  it.each([
    ['manifest', MANIFEST],
    ['values', VALUES],
  ] as const)('refuses the tag already live (%s)', (layout, content) => {
    expect(planImageTag(content, { ...request, layout, tag: '41' })).toEqual({
      ok: false,
      reason: 'already-live',
      currentTag: '41',
      message: expect.stringContaining('build 41 is already'),
    });
  });

  it('refuses an entry another team owns, naming both owners', () => {
    const plan = planImageTag(MANIFEST, {
      ...request,
      owner: 'group:default/team-b',
      layout: 'manifest',
      tag: '40',
    });
    expect(plan).toMatchObject({ ok: false, reason: 'foreign-owner' });
    expect(!plan.ok && plan.message).toMatch(
      /belongs to group:default\/team-a, not to group:default\/team-b/,
    );
  });

  it('refuses an entry without an owner mark', () => {
    const plan = planImageTag(
      VALUES.replace('  owner: group:default/team-a\n', ''),
      { ...request, layout: 'values', tag: '40' },
    );
    expect(plan).toMatchObject({ ok: false, reason: 'foreign-owner' });
    expect(!plan.ok && plan.message).toMatch(/carries no .* mark/);
  });

  it('accepts an owner mark written in short form (resolved like spec.owner)', () => {
    const plan = planImageTag(
      VALUES.replace('owner: group:default/team-a', 'owner: team-a'),
      { ...request, layout: 'values', tag: '40' },
    );
    expect(plan.ok).toBe(true);
  });

  it("refuses another component's entry of the same owner", () => {
    const plan = planImageTag(MANIFEST, {
      ...request,
      entityRef: 'component:default/shop-v2',
      layout: 'manifest',
      tag: '40',
    });
    expect(plan).toMatchObject({ ok: false, reason: 'foreign-entity' });
  });

  it('refuses a missing entry, broken YAML and an entry without an image', () => {
    expect(
      planImageTag(undefined, { ...request, layout: 'manifest', tag: '1' }),
    ).toMatchObject({ ok: false, reason: 'no-entry' });
    expect(
      planImageTag('a: [1,\n', { ...request, layout: 'values', tag: '1' }),
    ).toMatchObject({ ok: false, reason: 'unreadable' });
    expect(
      planImageTag(MANIFEST.replace(/- name: shop\n/, '- name: other\n'), {
        ...request,
        layout: 'manifest',
        tag: '1',
      }),
    ).toMatchObject({ ok: false, reason: 'no-image' });
    expect(
      planImageTag(MANIFEST.replace(':41 #', '@sha256:abc #'), {
        ...request,
        layout: 'manifest',
        tag: '1',
      }),
    ).toMatchObject({ ok: false, reason: 'no-image' });
  });
});
