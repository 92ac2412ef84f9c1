import { LoggerService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';

// Placeholder router: the per-entity routes are built by the backend issue (#4).
export async function createRouter(_options: {
  logger: LoggerService;
}): Promise<express.Router> {
  const router = Router();
  router.get('/v1/ping', (_req, res) => {
    res.json({ ok: true });
  });
  return router;
}
