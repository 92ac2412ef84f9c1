import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/** Documented uses of platform:deploy:build (run by deployBuild.test.ts). */
export const examples: TemplateExample[] = [
  {
    description:
      'Roll the service back (or forward) to a build that succeeded: msa_deploy gets its image tag, Argo CD syncs it',
    example: yaml.stringify({
      steps: [
        {
          id: 'deploy',
          action: 'platform:deploy:build',
          name: 'Deploy build #41',
          input: {
            entityRef: 'component:default/msa-nginx',
            build: 41,
          },
        },
      ],
    }),
  },
];
