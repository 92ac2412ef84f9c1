import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Documented uses of platform:git:publish (run by publish.examples.test.ts). */
export const examples: TemplateExample[] = [
  {
    description: 'Publish the skeleton to the sandbox git server',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'platform:git:publish',
          name: 'Publish',
          input: {
            owner: 'group:default/platform-team',
            repoUrl: '127.0.0.1:17080?owner=platform&repo=msa-nginx',
            defaultBranch: 'main',
            gitCommitMessage: 'Create msa-nginx from the MSA service template',
          },
        },
      ],
    }),
  },
];
