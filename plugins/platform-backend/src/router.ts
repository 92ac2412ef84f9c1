import { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
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
  argocdQuerySchema,
  entityParamsOrThrow,
  logsQuerySchema,
  metricsQuerySchema,
  noQueryOrThrow,
  parseOrThrow,
  queryOrThrow,
  rangeOrThrow,
  tailQuerySchema,
  traceIdSchema,
  tracesQuerySchema,
} from './router/params';
import { streamTail } from './router/sse';
import { errorResponse } from './router/errorResponse';
import { isInvalidAnnotation } from './service/entityTargets';
import { PayloadTooLargeError, UriTooLongError } from './service/errors';
import { InputError } from '@backstage/errors';
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
}): Promise<express.Router> {
  const { httpAuth, service, logger } = options;
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
  const jsonBody = (req: Request, res: Response, next: NextFunction) =>
    parseJson(req, res, (error?: unknown) => {
      const type = (error as { type?: string } | undefined)?.type;
      if (type === 'entity.too.large') {
        next(
          new PayloadTooLargeError(
            'Invalid request: the body is over 16 KB; argocd/sync takes no body (or {})',
          ),
        );
      } else if (error) {
        next(
          new InputError(
            'Invalid request: the body is not valid JSON; argocd/sync takes no body (or {})',
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

  router.get(`${ENTITY_ROUTE}/health`, async (req, res) => {
    noQueryOrThrow(req.query);
    sendJson(
      req,
      res,
      healthJson(await service.health(await entityRequest(req))),
    );
  });

  router.get(`${ENTITY_ROUTE}/argocd`, async (req, res) => {
    const { fresh } = queryOrThrow(argocdQuerySchema, req.query);
    sendJson(
      req,
      res,
      sourceResultJson(
        checked(await service.argocd(await entityRequest(req), { fresh })),
      ),
    );
  });

  router.post(`${ENTITY_ROUTE}/argocd/sync`, jsonBody, async (req, res) => {
    noQueryOrThrow(req.query);
    res.json(await service.syncArgocd(await entityRequest(req)));
  });

  router.get(`${ENTITY_ROUTE}/alerts`, async (req, res) => {
    noQueryOrThrow(req.query);
    sendJson(
      req,
      res,
      sourceResultJson(await service.alerts(await entityRequest(req))),
    );
  });

  router.get(`${ENTITY_ROUTE}/metrics`, async (req, res) => {
    const query = queryOrThrow(metricsQuerySchema, req.query);
    const range = rangeOrThrow(query);
    sendJson(
      req,
      res,
      sourceResultJson(
        checked(
          await service.metrics(await entityRequest(req), {
            range,
            stepSeconds: query.stepSeconds,
          }),
        ),
      ),
    );
  });

  router.get(`${ENTITY_ROUTE}/logs`, async (req, res) => {
    const query = queryOrThrow(logsQuerySchema, req.query);
    const range = rangeOrThrow(query);
    const result = checked(
      await service.logs(await entityRequest(req), {
        range,
        limit: query.limit,
        direction: query.direction,
        levels: query.level,
        text: query.text,
        traceId: query.traceId,
      }),
    );
    // Filtered per request: a fresh value, serialised once.
    sendJson(req, res, JSON.stringify(result));
  });

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

  router.get(`${ENTITY_ROUTE}/traces`, async (req, res) => {
    const query = queryOrThrow(tracesQuerySchema, req.query);
    const range = rangeOrThrow(query);
    const result = checked(
      await service.traces(await entityRequest(req), {
        range,
        minDurationMs: query.minDurationMs,
        errorsOnly: query.errorsOnly,
        limit: query.limit,
      }),
    );
    sendJson(req, res, JSON.stringify(result));
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

  router.get(`${ENTITY_ROUTE}/builds`, async (req, res) => {
    noQueryOrThrow(req.query);
    sendJson(
      req,
      res,
      sourceResultJson(checked(await service.builds(await entityRequest(req)))),
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
