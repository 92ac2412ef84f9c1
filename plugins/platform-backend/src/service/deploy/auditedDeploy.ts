import { AuditorService } from '@backstage/backend-plugin-api';
import {
  DeployRequest,
  DeployResponse,
} from '@paved-road/backstage-plugin-platform-common';
import type { Request } from 'express';

/**
 * Runs a deploy inside an auditor event `deploy-build` (severity high, low for a dry run): the entity, build and
 * channel, and on success what changed. The route passes its request (the auditor reads the caller from it); an
 * agent action names the caller in `meta.actor`.
 */
export async function auditedDeploy(
  auditor: AuditorService | undefined,
  options: {
    entityRef: string;
    body: DeployRequest;
    via: 'route' | 'action';
    request?: Request;
    actor?: string;
  },
  run: () => Promise<DeployResponse>,
): Promise<DeployResponse> {
  const event = await auditor?.createEvent({
    eventId: 'deploy-build',
    severityLevel: options.body.dryRun ? 'low' : 'high',
    request: options.request,
    meta: {
      entityRef: options.entityRef,
      build: options.body.build,
      dryRun: options.body.dryRun === true,
      via: options.via,
      ...(options.actor ? { actor: options.actor } : {}),
    },
  });
  try {
    const response = await run();
    await event?.success({
      meta: {
        path: response.path,
        previousTag: response.previousTag,
        tag: response.tag,
        ...(response.commitSha ? { commitSha: response.commitSha } : {}),
        attempts: response.attempts,
      },
    });
    return response;
  } catch (error) {
    await event?.fail({ error: error as Error });
    throw error;
  }
}
