import { ArgoApplicationSummary } from '@paved-road/backstage-plugin-platform-common';
import * as f from '../../__testUtils__/fixtures';
import { deployLanded } from './syncFollow';

function app(patch: Partial<ArgoApplicationSummary>): ArgoApplicationSummary {
  return {
    ...f.argocd.applications[0],
    syncStatus: 'Synced',
    healthStatus: 'Healthy',
    operation: { phase: 'Succeeded', startedAt: '2026-01-01T12:00:00Z' },
    images: ['harbor.example/msa/msa-nginx:41'],
    ...patch,
  };
}

describe('deployLanded', () => {
  it('is true once the tag runs Synced and Healthy', () => {
    expect(deployLanded({ applications: [app({})] }, '41')).toBe(true);
  });

  it.each([
    ['the old tag still runs', app({ images: ['r/msa-nginx:42'] })],
    ['out of sync', app({ syncStatus: 'OutOfSync' })],
    ['progressing', app({ healthStatus: 'Progressing' })],
    ['an operation runs', app({ operation: { phase: 'Running' } })],
  ])('is false while %s', (_, application) => {
    expect(deployLanded({ applications: [application] }, '41')).toBe(false);
  });

  it('is false without applications or an answer', () => {
    expect(deployLanded({ applications: [] }, '41')).toBe(false);
    expect(deployLanded(undefined, '41')).toBe(false);
  });

  it('needs every application Synced and Healthy', () => {
    expect(
      deployLanded(
        {
          applications: [
            app({}),
            app({ name: 'other', healthStatus: 'Degraded', images: [] }),
          ],
        },
        '41',
      ),
    ).toBe(false);
  });
});
