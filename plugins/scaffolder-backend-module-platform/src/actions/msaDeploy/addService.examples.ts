import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Documented uses of platform:msa-deploy:add-service (run by addService.examples.test.ts). */
export const examples: TemplateExample[] = [
  {
    description: 'Add an nginx service with two replicas to msa_deploy',
    example: yaml.stringify({
      steps: [
        {
          id: 'msa-deploy',
          action: 'platform:msa-deploy:add-service',
          name: 'Add the service to msa_deploy',
          input: {
            owner: 'group:default/platform-team',
            serviceName: 'msa-nginx',
            entityRef: 'component:default/msa-nginx',
            namespace: 'msa',
            registryProject: 'msa',
            port: 80,
            replicas: 2,
          },
        },
      ],
    }),
  },
  {
    description: 'A Node service without the Istio sidecar',
    example: yaml.stringify({
      steps: [
        {
          id: 'msa-deploy',
          action: 'platform:msa-deploy:add-service',
          name: 'Add the service to msa_deploy',
          input: {
            owner: 'group:default/platform-team',
            serviceName: 'login-js',
            entityRef: 'component:default/login-js',
            namespace: 'msa',
            registryProject: 'msa',
            port: 3000,
            istioSidecar: false,
          },
        },
      ],
    }),
  },
];
