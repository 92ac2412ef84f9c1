import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Documented uses of platform:catalog:register (run by register.examples.test.ts). */
export const examples: TemplateExample[] = [
  {
    description:
      'Register the new service; a re-run of the template by its owner finds it registered and succeeds',
    example: yaml.stringify({
      steps: [
        {
          id: 'register',
          action: 'platform:catalog:register',
          name: 'Register in the catalog',
          input: {
            catalogInfoUrl:
              'http://127.0.0.1:17080/platform/orders/src/branch/main/catalog-info.yaml',
            entityRef: 'component:default/orders',
            owner: 'group:default/platform-team',
          },
        },
      ],
    }),
  },
];
