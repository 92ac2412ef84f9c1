import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Documented uses of platform:argocd:create-application (run by createApplication.examples.test.ts). */
export const examples: TemplateExample[] = [
  {
    description: 'Create the Application of a new service and sync it once',
    example: yaml.stringify({
      steps: [
        {
          id: 'argocd',
          action: 'platform:argocd:create-application',
          name: 'Create Argo CD application',
          input: {
            owner: 'group:default/platform-team',
            serviceName: 'msa-nginx',
            entityRef: 'component:default/msa-nginx',
            namespace: 'msa',
            sync: true,
          },
        },
      ],
    }),
  },
];
