import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Documented uses of platform:jenkins:render-jenkinsfile (run by renderJenkinsfile.examples.test.ts). */
export const examples: TemplateExample[] = [
  {
    description: 'Write the Jenkinsfile into the skeleton before publishing',
    example: yaml.stringify({
      steps: [
        {
          id: 'jenkinsfile',
          action: 'platform:jenkins:render-jenkinsfile',
          name: 'Render Jenkinsfile',
          input: {
            serviceName: 'msa-nginx',
            entityRef: 'component:default/msa-nginx',
            registryProject: 'msa',
            sourceRepoUrl: 'https://git.example.com/platform/msa-nginx.git',
            slackChannel: '#devops',
          },
        },
      ],
    }),
  },
];
