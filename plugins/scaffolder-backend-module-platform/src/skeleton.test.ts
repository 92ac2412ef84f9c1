import {
  DefaultNamespaceEntityPolicy,
  Entity,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  componentEntityV1alpha1Validator,
  parseEntityRef,
} from '@backstage/catalog-model';
import { createFetchTemplateAction } from '@backstage/plugin-scaffolder-backend';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { PLATFORM_ANNOTATIONS } from '@paved-road/backstage-plugin-platform-common';
import { cleanupContexts, mockContext } from './testing/context';

const TEMPLATE_YAML = path.resolve(
  __dirname,
  '../../../templates/msa-service/template.yaml',
);

/**
 * Renders the msa-service skeleton and runtime folders through the scaffolder's own fetch:template (the same
 * nunjucks setup as a real run), with the values template.yaml passes, and parses what came out.
 */
describe('templates/msa-service skeleton rendered with adversarial values', () => {
  const workspaces: string[] = [];
  afterAll(() => {
    for (const dir of workspaces) {
      rmSync(dir, { recursive: true, force: true });
    }
    cleanupContexts();
  });

  const fetchTemplate = createFetchTemplateAction({
    reader: {} as any,
    integrations: {} as any,
  });

  async function render(url: string, values: Record<string, unknown>) {
    const workspacePath = mkdtempSync(path.join(os.tmpdir(), 'skeleton-'));
    workspaces.push(workspacePath);
    const ctx = {
      ...mockContext({ url, values }, { workspacePath }),
      templateInfo: { baseUrl: `file://${TEMPLATE_YAML}` },
    };
    await fetchTemplate.handler(ctx as any);
    return (file: string) =>
      readFileSync(path.join(workspacePath, file), 'utf8');
  }

  const base = {
    name: 'orders',
    owner: 'group:default/team-a',
    system: 'system:default/shop',
    runtime: 'node',
    port: 8080,
    namespace: 'msa',
    registryProject: 'msa',
    jobFullName: 'msa/orders',
    repoHost: '127.0.0.1:17080',
    repoOwner: 'platform',
    repoName: 'orders',
  };

  const validator = EntityPolicies.allOf([
    new DefaultNamespaceEntityPolicy(),
    new NoForeignRootFieldsEntityPolicy(),
    new FieldFormatEntityPolicy(),
    new SchemaValidEntityPolicy(),
  ]);

  async function expectValidComponent(text: string): Promise<Entity> {
    const docs = parseAllDocuments(text);
    expect(docs).toHaveLength(1);
    expect(docs[0].errors).toEqual([]);
    const entity = docs[0].toJS() as Entity;
    expect(await validator.enforce(entity)).toBeDefined();
    expect(await componentEntityV1alpha1Validator.check(entity)).toBe(true);
    parseEntityRef(entity.spec!.owner as string);
    parseEntityRef(entity.spec!.system as string, { defaultKind: 'system' });
    return entity;
  }

  const hostileDescriptions = [
    'He said "hi": it\'s a #comment, {a: b} [c] & *ref !!str | > %x @y `z`',
    '${{ values.name }} {{ values.name }} {% raw %} ${{ secrets.token }}',
    '</p><script>alert(1)</script><img src=x onerror=alert(1)>',
    'line\u2028separator\u2029paragraph\u0085nel \\n not a newline \\" ',
    '---\nkind: Group',
    'ünïcödé 🚀 Ｆｕｌｌｗｉｄｔｈ',
  ];

  it.each(hostileDescriptions)(
    'keeps description %j as data in catalog-info.yaml, package.json and HTML',
    async description => {
      const skeleton = await render('./skeleton', { ...base, description });
      const entity = await expectValidComponent(skeleton('catalog-info.yaml'));
      expect(entity.metadata.description).toBe(description);
      expect(entity.metadata.name).toBe('orders');
      expect(entity.metadata.annotations).toEqual({
        [PLATFORM_ANNOTATIONS.argocdAppName]: 'orders',
        [PLATFORM_ANNOTATIONS.prometheusLabels]: 'service=orders',
        [PLATFORM_ANNOTATIONS.jenkinsJobFullName]: 'msa/orders',
        [PLATFORM_ANNOTATIONS.kubernetesId]: 'orders',
        [PLATFORM_ANNOTATIONS.kubernetesNamespace]: 'msa',
        [PLATFORM_ANNOTATIONS.harborRepositorySlug]: 'msa/orders',
        [PLATFORM_ANNOTATIONS.lokiLabels]: 'app=orders',
        [PLATFORM_ANNOTATIONS.tempoServiceName]: 'orders',
      });
      expect(entity.spec).toMatchObject({
        owner: base.owner,
        system: base.system,
        type: 'service',
      });

      const node = await render('./runtimes/node', {
        name: 'orders',
        description,
        port: 8080,
      });
      const pkg = JSON.parse(node('package.json'));
      expect(pkg).toMatchObject({ name: 'orders', description });

      const nginx = await render('./runtimes/nginx-static', {
        name: 'orders',
        description,
        port: 8080,
      });
      const html = nginx('html/index.html');
      expect(html).not.toMatch(/<script|<img/);
      expect(html).toContain('<h1>orders</h1>');
    },
  );

  it('renders valid files when the optional description is left empty', async () => {
    // The wizard omits an empty optional field: values.description is undefined.
    const skeleton = await render('./skeleton', { ...base });
    const entity = await expectValidComponent(skeleton('catalog-info.yaml'));
    expect(entity.metadata.description ?? '').toBe('');

    const node = await render('./runtimes/node', {
      name: 'orders',
      port: 8080,
    });
    expect(JSON.parse(node('package.json'))).toMatchObject({
      name: 'orders',
      description: '',
    });

    const nginx = await render('./runtimes/nginx-static', {
      name: 'orders',
      port: 8080,
    });
    expect(nginx('html/index.html')).toContain('<p></p>');
  });

  it('renders the node and nginx runtimes with the port as a number only', async () => {
    const node = await render('./runtimes/node', {
      name: 'orders',
      description: 'x',
      port: 65535,
    });
    expect(node('Dockerfile')).toContain('EXPOSE 65535\n');
    expect(node('server.js')).toContain('const service = "orders";');
    const nginx = await render('./runtimes/nginx-static', {
      name: 'orders',
      description: 'x',
      port: 1,
    });
    expect(nginx('nginx.conf')).toContain('  listen 1;\n');
  });
});
