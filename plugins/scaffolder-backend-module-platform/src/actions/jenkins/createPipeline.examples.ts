import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Documented uses of platform:jenkins:create-pipeline (run by createPipeline.examples.test.ts). */
export const examples: TemplateExample[] = [
  {
    description: 'Pipeline from SCM for a new service, with a first build',
    example: yaml.stringify({
      steps: [
        {
          id: 'pipeline',
          action: 'platform:jenkins:create-pipeline',
          name: 'Create Jenkins pipeline',
          input: {
            owner: 'group:default/platform-team',
            jobFullName: 'msa/msa-nginx',
            serviceName: 'msa-nginx',
            entityRef: 'component:default/msa-nginx',
            registryProject: 'msa',
            sourceRepoUrl: 'https://git.example.com/platform/msa-nginx.git',
            slackChannel: '#devops',
            triggerBuild: true,
          },
        },
      ],
    }),
  },
  {
    description:
      'Inline pipeline script stored in the job, replacing an existing job',
    example: yaml.stringify({
      steps: [
        {
          id: 'pipeline',
          action: 'platform:jenkins:create-pipeline',
          name: 'Create Jenkins pipeline',
          input: {
            owner: 'group:default/platform-team',
            jobFullName: 'login-js',
            serviceName: 'login-js',
            entityRef: 'component:default/login-js',
            registryProject: 'msa',
            sourceRepoUrl: 'https://git.example.com/platform/login-js.git',
            definition: 'inline',
            overwrite: true,
          },
        },
      ],
    }),
  },
];
