import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { PLATFORM_ANNOTATIONS } from '@paved-road/backstage-plugin-platform-common';
import { createPlatformActions } from './actions/createActions';
import { examplesConfig } from './testing/config';

const TEMPLATES = path.resolve(__dirname, '../../../templates');

describe('templates/msa-service', () => {
  const template = parse(readFileSync(path.join(TEMPLATES, 'msa-service/template.yaml'), 'utf8'));
  const actions = new Map(createPlatformActions(examplesConfig()).map(action => [action.id, action]));

  it('is a v1beta3 service template listed by all.yaml', () => {
    expect(template).toMatchObject({ apiVersion: 'scaffolder.backstage.io/v1beta3', kind: 'Template', spec: { type: 'service' } });
    const location = parse(readFileSync(path.join(TEMPLATES, 'all.yaml'), 'utf8'));
    expect(location.kind).toBe('Location');
    expect(location.spec.targets).toContain('./msa-service/template.yaml');
  });

  it('passes only inputs each platform action declares', () => {
    const used = template.spec.steps.filter((step: any) => step.action.startsWith('platform:'));
    expect(used.map((step: any) => step.action)).toEqual([
      'platform:jenkins:render-jenkinsfile',
      'platform:git:publish',
      'platform:msa-deploy:add-service',
      'platform:jenkins:create-pipeline',
      'platform:kubernetes:ensure-namespace',
      'platform:argocd:create-application',
    ]);
    for (const step of used) {
      const schema = actions.get(step.action)!.schema!.input as any;
      for (const key of Object.keys(step.input)) {
        expect([step.action, key, Object.keys(schema.properties).includes(key)]).toEqual([step.action, key, true]);
      }
      for (const required of schema.required ?? []) {
        expect([step.action, required, required in step.input]).toEqual([step.action, required, true]);
      }
    }
  });

  it('has a catalog-info.yaml carrying every annotation the Health tab reads', () => {
    const text = readFileSync(path.join(TEMPLATES, 'msa-service/skeleton/catalog-info.yaml'), 'utf8');
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
      const text = readFileSync(path.join(TEMPLATES, 'msa-service', file), 'utf8');
      for (const expression of text.match(/\$\{\{[^}]*\}\}/g) ?? []) {
        expect(expression).toMatch(/\| dump \}\}$/);
      }
    }
  });
});
