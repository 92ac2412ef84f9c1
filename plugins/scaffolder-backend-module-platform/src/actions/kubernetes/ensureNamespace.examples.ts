import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Documented uses of platform:kubernetes:ensure-namespace (run by ensureNamespace.examples.test.ts). */
export const examples: TemplateExample[] = [
  {
    description:
      'Namespace with the Istio sidecar injected and the registry pull Secret',
    example: yaml.stringify({
      steps: [
        {
          id: 'namespace',
          action: 'platform:kubernetes:ensure-namespace',
          name: 'Ensure namespace',
          input: {
            namespace: 'msa',
            owner: 'group:default/platform-team',
            istioInjection: true,
            entityRef: 'component:default/msa-nginx',
          },
        },
      ],
    }),
  },
  {
    description: 'Namespace only, without a registry Secret',
    example: yaml.stringify({
      steps: [
        {
          id: 'namespace',
          action: 'platform:kubernetes:ensure-namespace',
          name: 'Ensure namespace',
          input: {
            namespace: 'tools',
            owner: 'group:default/platform-team',
            registrySecret: false,
          },
        },
      ],
    }),
  },
];
