import { testActionsDeps } from './testing/ownership';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { makeValidator, parseEntityRef } from '@backstage/catalog-model';
import { PLATFORM_ANNOTATIONS } from '@paved-road/backstage-plugin-platform-common';
import { z } from 'zod';
import { createPlatformActions } from './actions/createActions';
import {
  entityRefSchema,
  gitUrlSchema,
  jenkinsJobFullNameSchema,
  namespaceSchema,
  registryProjectSchema,
  serviceNameSchema,
  slackChannelSchema,
} from './schemas/fields';
import { examplesConfig } from './testing/config';

/** The JSON Schema keywords template.yaml uses, checked the way the scaffolder's POST /v2/tasks checks values. */
function templateAccepts(
  template: any,
  values: Record<string, unknown>,
): boolean {
  for (const page of template.spec.parameters) {
    for (const key of page.required ?? []) {
      if (values[key] === undefined) {
        return false;
      }
    }
    for (const [key, schema] of Object.entries<any>(page.properties)) {
      const value = values[key];
      if (value === undefined) {
        continue;
      }
      if (schema.type === 'string') {
        if (
          typeof value !== 'string' ||
          (schema.pattern && !new RegExp(schema.pattern, 'u').test(value)) ||
          value.length > (schema.maxLength ?? Infinity) ||
          value.length < (schema.minLength ?? 0) ||
          (schema.enum && !schema.enum.includes(value))
        ) {
          return false;
        }
      } else if (schema.type === 'integer') {
        if (
          !Number.isInteger(value) ||
          (value as number) < schema.minimum ||
          (value as number) > schema.maximum
        ) {
          return false;
        }
      } else if (schema.type === 'boolean' && typeof value !== 'boolean') {
        return false;
      }
    }
  }
  return true;
}

const TEMPLATES = path.resolve(__dirname, '../../../templates');

describe('templates/msa-service', () => {
  const template = parse(
    readFileSync(path.join(TEMPLATES, 'msa-service/template.yaml'), 'utf8'),
  );
  const actions = new Map(
    createPlatformActions(examplesConfig(), testActionsDeps()).map(action => [
      action.id,
      action,
    ]),
  );

  it('is a v1beta3 service template listed by all.yaml', () => {
    expect(template).toMatchObject({
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      spec: { type: 'service' },
    });
    const location = parse(
      readFileSync(path.join(TEMPLATES, 'all.yaml'), 'utf8'),
    );
    expect(location.kind).toBe('Location');
    expect(location.spec.targets).toContain('./msa-service/template.yaml');
  });

  it('checks every precondition before the first step that writes', () => {
    const ids = template.spec.steps.map((step: any) => step.action);
    expect(ids[0]).toBe('platform:service:preflight');
    const owner = template.spec.steps.filter(
      (step: any) => step.input?.owner === '${{ parameters.owner }}',
    );
    expect(owner.map((step: any) => step.action)).toEqual([
      'platform:service:preflight',
      'platform:git:publish',
      'platform:msa-deploy:add-service',
      'platform:jenkins:create-pipeline',
      'platform:kubernetes:ensure-namespace',
      'platform:argocd:create-application',
      'platform:catalog:register',
    ]);
  });

  it('passes only inputs each platform action declares', () => {
    const used = template.spec.steps.filter((step: any) =>
      step.action.startsWith('platform:'),
    );
    expect(used.map((step: any) => step.action)).toEqual([
      'platform:service:preflight',
      'platform:jenkins:render-jenkinsfile',
      'platform:git:publish',
      'platform:msa-deploy:add-service',
      'platform:jenkins:create-pipeline',
      'platform:kubernetes:ensure-namespace',
      'platform:argocd:create-application',
      'platform:catalog:register',
    ]);
    for (const step of used) {
      const schema = actions.get(step.action)!.schema!.input as any;
      for (const key of Object.keys(step.input)) {
        expect([
          step.action,
          key,
          Object.keys(schema.properties).includes(key),
        ]).toEqual([step.action, key, true]);
      }
      for (const required of schema.required ?? []) {
        expect([step.action, required, required in step.input]).toEqual([
          step.action,
          required,
          true,
        ]);
      }
    }
  });

  it('has a catalog-info.yaml carrying every annotation the Health tab reads', () => {
    const text = readFileSync(
      path.join(TEMPLATES, 'msa-service/skeleton/catalog-info.yaml'),
      'utf8',
    );
    const entity = parseAllDocuments(text)[0].toJS();
    for (const key of [
      PLATFORM_ANNOTATIONS.argocdAppName,
      PLATFORM_ANNOTATIONS.prometheusLabels,
      PLATFORM_ANNOTATIONS.jenkinsJobFullName,
      PLATFORM_ANNOTATIONS.kubernetesId,
      PLATFORM_ANNOTATIONS.kubernetesNamespace,
      PLATFORM_ANNOTATIONS.harborRepositorySlug,
      PLATFORM_ANNOTATIONS.lokiLabels,
      PLATFORM_ANNOTATIONS.tempoServiceName,
    ]) {
      expect(Object.keys(entity.metadata.annotations)).toContain(key);
    }
  });

  it('escapes every user value in YAML skeleton files with dump', () => {
    for (const file of ['skeleton/catalog-info.yaml']) {
      const text = readFileSync(
        path.join(TEMPLATES, 'msa-service', file),
        'utf8',
      );
      for (const expression of text.match(/\$\{\{[^}]*\}\}/g) ?? []) {
        expect(expression).toMatch(/\| dump \}\}$/);
      }
    }
  });

  describe('rejects up front every value a later step would reject (nothing half written)', () => {
    const valid = {
      name: 'orders',
      owner: 'group:default/platform-team',
      system: 'shop',
      runtime: 'node',
      port: 8080,
      replicas: 1,
      repoUrl: '127.0.0.1:17080?owner=platform&repo=orders',
      registryProject: 'msa',
      namespace: 'msa',
      jenkinsFolder: 'msa',
    };
    const stepInput = (id: string) =>
      template.spec.steps.find((step: any) => step.id === id).input;
    // Nunjucks renders an undefined parameter inside a longer string as ''.
    const text = (value: unknown) => (value === undefined ? '' : String(value));

    /** What each parameter becomes in the platform steps, mirrored from template.yaml (checked below). */
    const checks: Record<
      string,
      Array<[string, string, z.ZodTypeAny, (value: unknown) => unknown]>
    > = {
      name: [
        ['msa-deploy', 'serviceName', serviceNameSchema, v => v],
        [
          'msa-deploy',
          'entityRef',
          entityRefSchema,
          v => `component:default/${text(v)}`,
        ],
        [
          'pipeline',
          'jobFullName',
          jenkinsJobFullNameSchema,
          v => `msa/${text(v)}`,
        ],
      ],
      jenkinsFolder: [
        [
          'pipeline',
          'jobFullName',
          jenkinsJobFullNameSchema,
          v => `${text(v)}/orders`,
        ],
      ],
      namespace: [['msa-deploy', 'namespace', namespaceSchema, v => v]],
      registryProject: [
        ['msa-deploy', 'registryProject', registryProjectSchema, v => v],
      ],
      slackChannel: [
        ['pipeline', 'slackChannel', slackChannelSchema.optional(), v => v],
      ],
    };

    it('mirrors template.yaml', () => {
      expect(stepInput('msa-deploy')).toMatchObject({
        serviceName: '${{ parameters.name }}',
        entityRef: 'component:default/${{ parameters.name }}',
        namespace: '${{ parameters.namespace }}',
        registryProject: '${{ parameters.registryProject }}',
      });
      expect(stepInput('pipeline')).toMatchObject({
        jobFullName: '${{ parameters.jenkinsFolder }}/${{ parameters.name }}',
        slackChannel: '${{ parameters.slackChannel }}',
      });
    });

    const candidates: Record<string, unknown[]> = {
      name: [
        'a',
        'a'.repeat(63),
        'a'.repeat(64),
        'a-1',
        '1a',
        '-a',
        'a-',
        'A',
        'a_b',
        'a.b',
        '',
      ],
      jenkinsFolder: [
        undefined,
        '',
        'a'.repeat(100),
        'a'.repeat(101),
        'a..',
        '..',
        '.a',
        '-a',
        'a/b',
        'a b',
        'msa_1.x',
      ],
      namespace: [
        undefined,
        '',
        '0',
        'a'.repeat(63),
        'a'.repeat(64),
        '-a',
        'a-',
        'A',
        'a.b',
      ],
      registryProject: [
        undefined,
        '',
        'a',
        'a.b_c-d',
        'a..b',
        '-a',
        'a'.repeat(63),
        'a'.repeat(64),
        'A',
      ],
      slackChannel: [
        undefined,
        '#devops',
        'devops',
        '#',
        '#-a',
        '#a b',
        `#${'a'.repeat(80)}`,
        `#${'a'.repeat(81)}`,
      ],
    };
    const cases = Object.entries(candidates).flatMap(([parameter, values]) =>
      values.map(value => [parameter, value] as const),
    );

    it.each(cases)(
      '%s = %j: the wizard rejects it, or every platform step accepts it',
      (parameter, value) => {
        const values = { ...valid, [parameter]: value };
        if (!templateAccepts(template, values)) {
          return;
        }
        for (const [step, field, schema, derive] of checks[parameter]) {
          const result = schema.safeParse(derive(value));
          expect([step, field, result.success]).toEqual([step, field, true]);
        }
      },
    );

    it.each([
      'group:default/platform-team',
      'platform-team',
      'default/platform-team',
      'user:jdoe',
      '',
      'group:default/team a',
      'group:default/"team"\nevil: x',
      'group:Default/team',
      'group:default/-team',
      `group:default/${'t'.repeat(64)}`,
      'a:b:c',
      'group:default/team/x',
    ])(
      'owner/system %j: the wizard rejects it, or it is an entity reference the catalog accepts',
      ref => {
        for (const field of ['owner', 'system']) {
          if (!templateAccepts(template, { ...valid, [field]: ref })) {
            continue;
          }
          const parsed = parseEntityRef(ref, {
            defaultKind: 'group',
            defaultNamespace: 'default',
          });
          const validators = makeValidator();
          expect([
            field,
            ref,
            validators.isValidKind(parsed.kind),
            validators.isValidNamespace(parsed.namespace),
            validators.isValidEntityName(parsed.name),
          ]).toEqual([field, ref, true, true, true]);
        }
      },
    );

    it.each([
      ['127.0.0.1:17080?owner=platform&repo=orders', true],
      [`github.com?owner=platform&repo=${'r'.repeat(100)}`, true],
      ['github.com?owner=platform&repo=.github', false],
      ['github.com?owner=-platform&repo=orders', false],
      ['github.com?owner=platform&repo=a%2F..%2Fb', false],
      ['github.com?owner=platform&repo=', false],
      ['github.com?repo=orders', false],
    ])(
      'repoUrl %s: the wizard rejects it, or the published remoteUrl is one create-pipeline accepts',
      (repoUrl, accepted) => {
        expect(templateAccepts(template, { ...valid, repoUrl })).toBe(accepted);
        const url = new URL(`https://${repoUrl}`);
        // publish:github and platform:git:publish both output <base>/<owner>/<repo>.git
        const remoteUrl = `https://${url.host}/${url.searchParams.get(
          'owner',
        )}/${url.searchParams.get('repo')}.git`;
        expect(!accepted || gitUrlSchema.safeParse(remoteUrl).success).toBe(
          true,
        );
      },
    );
  });
});
