import { HttpAuthService } from '@backstage/backend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { EntityObservabilityService, EntityRequest } from './service/EntityObservabilityService';
import { sendJson } from './router/conditionalJson';
import { healthJson, sourceResultJson } from './router/json';
import {
  argocdQuerySchema,
  entityParamsOrThrow,
  logsQuerySchema,
  metricsQuerySchema,
  noQueryOrThrow,
  parseOrThrow,
  rangeOrThrow,
  tailQuerySchema,
  traceIdSchema,
  tracesQuerySchema,
} from './router/params';
import { streamTail } from './router/sse';

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
}): Promise<express.Router> {
  const { httpAuth, service } = options;
  const router = Router();
  // Only the POST route accepts a body; GET routes skip the body parser altogether.
  const jsonBody = express.json({ limit: '16kb' });

  async function entityRequest(req: Request): Promise<EntityRequest> {
    const ref: CompoundEntityRef = entityParamsOrThrow(req.params);
    const credentials = await httpAuth.credentials(req, { allow: ['user', 'service'] });
    return { ref, credentials };
  }

  router.get('/v1/ping', (_req, res) => {
    res.json({ ok: true });
  });

  router.get(`${ENTITY_ROUTE}/health`, async (req, res) => {
    noQueryOrThrow(req.query);
    sendJson(req, res, healthJson(await service.health(await entityRequest(req))));
  });

  router.get(`${ENTITY_ROUTE}/argocd`, async (req, res) => {
    const { fresh } = parseOrThrow(argocdQuerySchema, req.query);
    sendJson(req, res, sourceResultJson(await service.argocd(await entityRequest(req), { fresh })));
  });

  router.post(`${ENTITY_ROUTE}/argocd/sync`, jsonBody, async (req, res) => {
    noQueryOrThrow(req.query);
    res.json(await service.syncArgocd(await entityRequest(req)));
  });

  router.get(`${ENTITY_ROUTE}/alerts`, async (req, res) => {
    noQueryOrThrow(req.query);
    sendJson(req, res, sourceResultJson(await service.alerts(await entityRequest(req))));
  });

  router.get(`${ENTITY_ROUTE}/metrics`, async (req, res) => {
    const query = parseOrThrow(metricsQuerySchema, req.query);
    const range = rangeOrThrow(query);
    sendJson(req, res, sourceResultJson(await service.metrics(await entityRequest(req), { range, stepSeconds: query.stepSeconds })));
  });

  router.get(`${ENTITY_ROUTE}/logs`, async (req, res) => {
    const query = parseOrThrow(logsQuerySchema, req.query);
    const range = rangeOrThrow(query);
    const result = await service.logs(await entityRequest(req), {
      range,
      limit: query.limit,
      direction: query.direction,
      levels: query.level,
      text: query.text,
      traceId: query.traceId,
    });
    // Filtered per request: a fresh value, serialised once.
    sendJson(req, res, JSON.stringify(result));
  });

  router.get(`${ENTITY_ROUTE}/logs/tail`, async (req, res) => {
    const query = parseOrThrow(tailQuerySchema, req.query);
    const session = await service.tailLogs(await entityRequest(req), {
      levels: query.level,
      text: query.text,
      traceId: query.traceId,
    });
    streamTail(req, res, session);
  });

  router.get(`${ENTITY_ROUTE}/traces`, async (req, res) => {
    const query = parseOrThrow(tracesQuerySchema, req.query);
    const range = rangeOrThrow(query);
    const result = await service.traces(await entityRequest(req), {
      range,
      minDurationMs: query.minDurationMs,
      errorsOnly: query.errorsOnly,
      limit: query.limit,
    });
    sendJson(req, res, JSON.stringify(result));
  });

  router.get(`${ENTITY_ROUTE}/traces/:traceId`, async (req, res) => {
    noQueryOrThrow(req.query);
    const traceId = parseOrThrow(traceIdSchema, req.params.traceId);
    sendJson(req, res, JSON.stringify(await service.trace(await entityRequest(req), traceId)));
  });

  router.get(`${ENTITY_ROUTE}/builds`, async (req, res) => {
    noQueryOrThrow(req.query);
    sendJson(req, res, sourceResultJson(await service.builds(await entityRequest(req))));
  });

  return router;
}
