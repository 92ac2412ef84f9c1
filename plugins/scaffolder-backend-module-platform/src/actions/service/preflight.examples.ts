import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Documented uses of platform:service:preflight (run by preflight.examples.test.ts). */
export const examples: TemplateExample[] = [
  {
    description:
      'First step of a service template: refuse a taken name, a foreign namespace or owner before any write',
    example: yaml.stringify({
      steps: [
        {
          id: 'preflight',
          action: 'platform:service:preflight',
          name: 'Check name, owner and namespace',
          input: {
            serviceName: 'orders',
            owner: 'group:default/platform-team',
            namespace: 'msa',
            repoUrl: '127.0.0.1:17080?owner=platform&repo=orders',
            jenkinsJobFullName: 'msa/orders',
          },
        },
      ],
    }),
  },
];
