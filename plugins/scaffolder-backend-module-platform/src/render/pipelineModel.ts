import {
  DNS_1123_LABEL_PATTERN,
  IMAGE_REFERENCE_PATTERN,
  JENKINS_CREDENTIAL_ID_PATTERN,
} from '@paved-road/backstage-plugin-platform-node';
import { z } from 'zod';
import {
  branchSchema,
  entityRefSchema,
  gitUrlSchema,
  repoRelativePathSchema,
  serviceNameSchema,
  slackChannelSchema,
} from '../schemas/fields';

const imageRef = z
  .string()
  .regex(IMAGE_REFERENCE_PATTERN, 'an image reference');
const credentialId = z
  .string()
  .regex(JENKINS_CREDENTIAL_ID_PATTERN, 'a Jenkins credential id');
const imageRepository = z
  .string()
  .max(255)
  .regex(
    /^[a-z0-9.-]+(?::\d{1,5})?(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*){1,3}$/,
    'registry/project/name in lower case',
  );

/**
 * Everything the generated Jenkinsfile depends on. It is validated again right before rendering, so
 * no value reaches Groovy without matching its strict pattern, whatever built the model.
 */
export const pipelineModelSchema = z.object({
  serviceName: serviceNameSchema,
  entityRef: entityRefSchema,
  imageRepository,
  checkout: z.discriminatedUnion('type', [
    z.object({ type: z.literal('scm') }),
    z.object({
      type: z.literal('git'),
      repoUrl: gitUrlSchema,
      branch: branchSchema,
      credentialsId: credentialId.optional(),
    }),
  ]),
  dockerfile: repoRelativePathSchema,
  context: z.union([z.literal('.'), repoRelativePathSchema]),
  deploy: z.object({
    repoUrl: gitUrlSchema,
    branch: branchSchema,
    file: repoRelativePathSchema,
    layout: z.enum(['manifest', 'values']),
    credentialsId: credentialId.optional(),
    authorName: z.string().regex(/^[A-Za-z0-9 ._-]{1,100}$/, 'a simple name'),
    authorEmail: z
      .string()
      .regex(
        /^[A-Za-z0-9._+-]{1,64}@[A-Za-z0-9.-]{1,190}$/,
        'an e-mail address',
      ),
  }),
  slack: z
    .object({
      channel: slackChannelSchema,
      credentialId: credentialId.optional(),
    })
    .optional(),
  images: z.object({ kaniko: imageRef, git: imageRef, yq: imageRef }),
  registrySecretName: z.string().regex(DNS_1123_LABEL_PATTERN).max(253),
});

/** The typed model a Jenkinsfile is rendered from. */
export type PipelineModel = z.infer<typeof pipelineModelSchema>;
