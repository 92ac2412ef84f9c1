import {
  ArgoApplicationSummary,
  ArgoHealthStatus,
  ArgoSyncStatus,
} from '@paved-road/backstage-plugin-platform-common';
import { Tone } from '../common/toneColor';

export const syncTone: Record<ArgoSyncStatus, Tone> = {
  Synced: 'ok',
  OutOfSync: 'warning',
  Unknown: 'neutral',
};

export const healthTone: Record<ArgoHealthStatus, Tone> = {
  Healthy: 'ok',
  Progressing: 'info',
  Degraded: 'error',
  Suspended: 'warning',
  Missing: 'warning',
  Unknown: 'neutral',
};

export const operationTone: Record<
  NonNullable<ArgoApplicationSummary['operation']>['phase'],
  Tone
> = {
  Succeeded: 'ok',
  Running: 'info',
  Terminating: 'warning',
  Failed: 'error',
  Error: 'error',
};
