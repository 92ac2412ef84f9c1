import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { PreflightDeps, runPreflight } from '../ownership/preflight';
import {
  jenkinsJobFullNameSchema,
  namespaceSchema,
  serviceNameSchema,
} from '../schemas/fields';

/** Path of the name check under the scaffolder's base URL (`/api/scaffolder/platform/service-check`). */
export const SERVICE_CHECK_PATH = '/platform/service-check';

/** A query parameter given once (Express turns a repeated one into an array). */
const single = (schema: z.ZodTypeAny) =>
  z
    .string({ invalid_type_error: 'give it once, as a single value' })
    .pipe(schema);

const querySchema = z
  .object({
    name: single(serviceNameSchema),
    owner: single(z.string().min(1).max(255)),
    namespace: single(namespaceSchema).optional(),
    repoUrl: single(z.string().max(300)).optional(),
    jenkinsFolder: single(
      z
        .string()
        .max(100)
        .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'a Jenkins folder name'),
    ).optional(),
  })
  .strict();

/**
 * `GET /api/scaffolder/platform/service-check?name=&owner=[&namespace=&repoUrl=&jenkinsFolder=]`: the
 * template's preflight for what the wizard knows so far, with the caller's identity, so the wizard can say a
 * name is taken (and by whom) while the user types. Reads only.
 */
export function createServiceCheckRouter(options: {
  httpAuth: HttpAuthService;
  preflight: PreflightDeps;
}) {
  const router = Router();
  router.get(
    SERVICE_CHECK_PATH,
    async (req: express.Request, res: express.Response) => {
      const parsed = querySchema.safeParse(req.query);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new InputError(
          `${issue.path.join('.') || 'query'}: ${
            issue.code === 'unrecognized_keys'
              ? `unknown parameter(s) ${issue.keys.join(', ')}`
              : issue.message
          }`,
        );
      }
      const query = parsed.data;
      const credentials = await options.httpAuth.credentials(req, {
        allow: ['user'],
      });
      const jenkinsJobFullName = query.jenkinsFolder
        ? `${query.jenkinsFolder}/${query.name}`
        : undefined;
      if (
        jenkinsJobFullName &&
        !jenkinsJobFullNameSchema.safeParse(jenkinsJobFullName).success
      ) {
        throw new InputError(
          `jenkinsFolder: '${query.jenkinsFolder}' is not a valid Jenkins folder name`,
        );
      }
      const report = await runPreflight(
        credentials,
        {
          serviceName: query.name,
          owner: query.owner,
          namespace: query.namespace,
          repoUrl: query.repoUrl,
          jenkinsJobFullName,
        },
        options.preflight,
      );
      res.json({
        available: report.problems.length === 0,
        problems: report.problems,
        existing: report.existing,
        entityRef: report.entityRef,
      });
    },
  );
  return router;
}
