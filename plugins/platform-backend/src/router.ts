import {
  AuditorService,
  HttpAuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import express, { NextFunction, Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import Router from 'express-promise-router';
import {
  EntityObservabilityService,
  EntityRequest,
} from './service/EntityObservabilityService';
import { sendJson } from './router/conditionalJson';
import { healthJson, sourceResultJson } from './router/json';
import {
  entityParamsOrThrow,
  fleetQuerySchema,
  noQueryOrThrow,
  parseOrThrow,
  queryOrThrow,
  tailQuerySchema,
  traceIdSchema,
} from './router/params';
import { streamTail } from './router/sse';
import { errorResponse } from './router/errorResponse';
import { isInvalidAnnotation } from './service/entityTargets';
import { EntityDeployer } from './service/deploy/DeployService';
import { deployBodySchema } from './router/deployBody';
import { auditedDeploy } from './service/deploy/auditedDeploy';
import { PayloadTooLargeError, UriTooLongError } from './service/errors';
import { InputError, NotImplementedError } from '@backstage/errors';
import { SourceError } from '@paved-road/backstage-plugin-platform-common';

/**
 * Longest query string the routes take. Their parameters fit in a few hundred characters (text is at most
 * 256); Node refuses a request line plus headers over 16 KiB before any route runs (see packages/backend).
 */
export const MAX_QUERY_LENGTH = 4096;

/**
 * A source's own route answers an annotation value that cannot be the name it is sent as with a 400 (no
 * upstream was asked); `health` keeps it as that source's error instead.
 */
function checked<R extends { ok: boolean; error?: SourceError }>(result: R): R {
  if (!result.ok && result.error && isInvalidAnnotation(result.error)) {
    throw new InputError(result.error.message);
  }
  return result;
}

/** The per-entity routes, relative to the plugin's base path. */
export const ENTITY_ROUTE = '/v1/entities/:namespace/:kind/:name';

/**
 * HTTP only: validates parameters, takes the caller's credentials, and hands over to the service.
 *
 * @public
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  service: EntityObservabilityService;
  logger: LoggerService;
  /** Records every write (a sync, a deploy) with who asked; optional for tests and benches that only read. */
  auditor?: AuditorService;
  /** Serves `POST .../deploy`; without it the route answers 501. */
  deployer?: EntityDeployer;
}): Promise<express.Router> {
  const { httpAuth, service, logger, auditor, deployer } = options;
  const router = Router();

  router.use((req, _res, next) => {
    const question = req.originalUrl.indexOf('?');
    const length = question === -1 ? 0 : req.originalUrl.length - question - 1;
    if (length > MAX_QUERY_LENGTH) {
      throw new UriTooLongError(
        `Invalid request: the query string is ${length} characters; the platform routes accept at most ${MAX_QUERY_LENGTH}`,
      );
    }
    next();
  });
  // Only the POST route accepts a body; GET routes skip the body parser altogether.
  const parseJson = express.json({ limit: '16kb' });
  // The body parser's own errors name nothing the caller sent; these say what the route takes.
  const jsonBody =
    (takes: string) => (req: Request, res: Response, next: NextFunction) =>
      parseJson(req, res, (error?: unknown) => {
        const type = (error as { type?: string } | undefined)?.type;
        if (type === 'entity.too.large') {
          next(
            new PayloadTooLargeError(
              `Invalid request: the body is over 16 KB; ${takes}`,
            ),
          );
        } else if (error) {
          next(
            new InputError(
              `Invalid request: the body is not valid JSON; ${takes}`,
            ),
          );
        } else {
          next();
        }
      });

  /**
   * `allowLimitedAccess` also takes the Backstage user cookie (a limited user token); only the route the
   * plugin gives a `user-cookie` auth policy asks for it.
   */
  async function entityRequest(
    req: Request,
    access: { allowLimitedAccess?: boolean } = {},
  ): Promise<EntityRequest> {
    const ref: CompoundEntityRef = entityParamsOrThrow(req.params);
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
      allowLimitedAccess: access.allowLimitedAccess,
    });
    return { ref, credentials };
  }

  router.get('/v1/ping', (_req, res) => {
    res.json({ ok: true });
  });

  router.get('/v1/fleet', async (req, res) => {
    const query = queryOrThrow(fleetQuerySchema, req.query);
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const value = await service.fleet(
      query.system ? { system: query.system } : { owners: query.owner! },
      credentials,
    );
    sendJson(req, res, JSON.stringify(value));
  });

  router.get(`${ENTITY_ROUTE}/health`, async (req, res) => {
    noQueryOrThrow(req.query);
    sendJson(
      req,
      res,
      healthJson(await service.health(await entityRequest(req))),
    );
  });

  router.post(
    `${ENTITY_ROUTE}/argocd/sync`,
    jsonBody('argocd/sync takes no body (or {})'),
    async (req, res) => {
      noQueryOrThrow(req.query);
      const request = await entityRequest(req);
      const audit = await auditor?.createEvent({
        eventId: 'argocd-sync',
        severityLevel: 'medium',
        request: req,
        meta: { entityRef: stringifyEntityRef(request.ref) },
      });
      try {
        const response = await service.syncArgocd(request);
        await audit?.success({
          meta: {
            application: response.application.name,
            instance: response.application.instance,
          },
        });
        res.json(response);
      } catch (error) {
        await audit?.fail({ error: error as Error });
        throw error;
      }
    },
  );

  router.post(
    `${ENTITY_ROUTE}/deploy`,
    jsonBody('deploy takes {"build": <number>, "dryRun"?: <boolean>}'),
    async (req, res) => {
      noQueryOrThrow(req.query);
      const body = parseOrThrow(deployBodySchema, req.body ?? {});
      const request = await entityRequest(req);
      res.json(
        await auditedDeploy(
          auditor,
          {
            entityRef: stringifyEntityRef(request.ref),
            body,
            via: 'route',
            request: req,
          },
          () => {
            if (!deployer) {
              throw new NotImplementedError(
                'Deploying builds is not enabled in this backend',
              );
            }
            return deployer.deploy(request, body);
          },
        ),
      );
    },
  );

  router.get(`${ENTITY_ROUTE}/logs/tail`, async (req, res) => {
    const query = queryOrThrow(tailQuerySchema, req.query);
    // A browser's EventSource cannot send an Authorization header, so the live tail also accepts the cookie
    // that GET /api/platform/.backstage/auth/v1/cookie issues (see the auth policy in plugin.ts).
    const session = checked(
      await service.tailLogs(
        await entityRequest(req, { allowLimitedAccess: true }),
        {
          levels: query.level,
          text: query.text,
          traceId: query.traceId,
        },
      ),
    );
    streamTail(req, res, session);
  });

  router.get(`${ENTITY_ROUTE}/traces/:traceId`, async (req, res) => {
    noQueryOrThrow(req.query);
    const traceId = parseOrThrow(traceIdSchema, req.params.traceId);
    sendJson(
      req,
      res,
      JSON.stringify(
        checked(await service.trace(await entityRequest(req), traceId)),
      ),
    );
  });

  // Every registered source's own read, built-in or added by a module: `GET .../<source id>`, its query string
  // validated by the source (a 400 naming the parameter) before the entity is loaded.
  router.get(`${ENTITY_ROUTE}/:source`, async (req, res) => {
    const source = await service.source(req.params.source);
    let query: unknown;
    if (source.query) {
      query = source.query.parse(req.query);
    } else {
      noQueryOrThrow(req.query);
    }
    sendJson(
      req,
      res,
      sourceResultJson(
        checked(await service.read(source, await entityRequest(req), query)),
      ),
    );
  });

  // Every error of these routes, answered without a stack trace or a server path (the root handler shows
  // stacks in development); 5xx are logged with the logId their body points to.
  router.use(
    (error: unknown, req: Request, res: Response, next: NextFunction) => {
      if (res.headersSent) {
        next(error);
        return;
      }
      const logId = randomBytes(8).toString('hex');
      const { status, body } = errorResponse(
        error,
        { method: req.method, url: req.originalUrl },
        logId,
      );
      if (status >= 500) {
        logger.error(
          `Platform route ${req.method} ${req.path} failed with ${status}, logId=${logId}`,
          error as Error,
        );
      }
      res.status(status).json(body);
    },
  );

  return router;
}
