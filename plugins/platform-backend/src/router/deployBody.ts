import { z } from 'zod';

/** `POST .../deploy`: which build (its number is the image tag), and whether only to preview. */
export const deployBodySchema = z
  .object({
    build: z
      .number({
        required_error: 'build is required: the Jenkins build number to deploy',
        invalid_type_error:
          'build must be a whole number (the Jenkins build number)',
      })
      .int('build must be a whole number (the Jenkins build number)')
      .min(1, 'build must be from 1 to 999999999')
      .max(999_999_999, 'build must be from 1 to 999999999'),
    dryRun: z
      .boolean({ invalid_type_error: 'dryRun must be true or false' })
      .optional(),
  })
  .strict();
