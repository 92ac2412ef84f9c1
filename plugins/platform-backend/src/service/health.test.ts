import {
  AlertsValue,
  ArgoApplicationSummary,
  ArgoCdValue,
  BuildResult,
  BuildsValue,
  HealthValue,
  MetricsValue,
  PlatformAlert,
  SourceErrorKind,
  SourceResult,
} from '@paved-road/backstage-plugin-platform-common';
import {
  ERROR_RATIO_DEGRADED,
  ERROR_RATIO_FAILING,
  alertsReason,
  argoReason,
  buildsReason,
  healthVerdict as verdictOver,
  metricsReason,
} from './health';

/** The built-in judging sources in their registration order, each with its own reason function. */
const healthVerdict = (sources: HealthValue['sources']) =>
  verdictOver([
    {
      source: 'argocd',
      result: sources.argocd,
      judge: v => argoReason(v as ArgoCdValue),
    },
    {
      source: 'alerts',
      result: sources.alerts,
      judge: v => alertsReason(v as AlertsValue),
    },
    {
      source: 'metrics',
      result: sources.metrics,
      judge: v => metricsReason(v as MetricsValue),
    },
    {
      source: 'builds',
      result: sources.builds,
      judge: v => buildsReason(v as BuildsValue),
    },
  ]);

const fetchedAt = '2026-01-01T00:00:00Z';
const ok = <T>(value: T): SourceResult<T> => ({ ok: true, value, fetchedAt });
const failed = (
  kind: SourceErrorKind,
  message = `${kind} happened`,
): SourceResult<never> => ({ ok: false, error: { kind, message } });
const off = failed('not-configured', 'not configured');

const app = (
  over: Partial<ArgoApplicationSummary> = {},
): ArgoApplicationSummary => ({
  name: 'msa-nginx',
  instance: 'main',
  project: 'default',
  syncStatus: 'Synced',
  healthStatus: 'Healthy',
  images: [],
  history: [],
  ...over,
});
const argo = (...apps: ArgoApplicationSummary[]) =>
  ok<ArgoCdValue>({ applications: apps });
const alert = (
  state: PlatformAlert['state'],
  severity?: string,
  name = 'SomeAlert',
): PlatformAlert => ({ name, state, severity, labels: {} });
const alerts = (...list: PlatformAlert[]) =>
  ok<AlertsValue>({ alerts: list, rules: [] });
const metrics = (...errorRatios: Array<number | null>) =>
  ok<MetricsValue>({
    start: fetchedAt,
    end: fetchedAt,
    stepSeconds: 60,
    series: [
      {
        name: 'rate',
        unit: 'req/s',
        points: errorRatios.map((_, i) => [i * 60, 1]),
      },
      {
        name: 'errorRatio',
        unit: 'ratio',
        points: errorRatios.map((v, i) => [i * 60, v]),
      },
    ],
    deployMarkers: [],
  });
const builds = (...results: BuildResult[]) =>
  ok<BuildsValue>({
    jobFullName: 'msa/msa-nginx',
    instance: 'ci',
    builds: results.map((result, i) => ({
      number: 10 - i,
      result,
      startedAt: fetchedAt,
      durationMs: 1,
    })),
  });

const healthy: HealthValue['sources'] = {
  argocd: argo(app()),
  alerts: alerts(),
  metrics: metrics(0.001),
  builds: builds('SUCCESS'),
};
const judge = (over: Partial<HealthValue['sources']>) =>
  healthVerdict({ ...healthy, ...over } as HealthValue['sources']);
const reason = (result: ReturnType<typeof verdictOver>, source: string) =>
  result.reasons.find(r => r.source === source);

describe('healthVerdict', () => {
  it('all healthy: healthy, one reason per source', () => {
    const result = judge({});
    expect(result.verdict).toBe('healthy');
    expect(result.reasons.map(r => [r.source, r.verdict])).toEqual([
      ['argocd', 'healthy'],
      ['alerts', 'healthy'],
      ['metrics', 'healthy'],
      ['builds', 'healthy'],
    ]);
    expect(reason(result, 'argocd')!.message).toBe(
      '1 application(s) Synced and Healthy',
    );
  });

  describe('alerts', () => {
    it('a firing critical alert is failing, whatever else is fine', () => {
      const result = judge({
        alerts: alerts(
          alert('firing', 'critical', 'DbDown'),
          alert('firing', 'critical', 'DbDown'),
          alert('firing', 'warning', 'Slow'),
        ),
      });
      expect(result.verdict).toBe('failing');
      expect(reason(result, 'alerts')).toEqual({
        source: 'alerts',
        verdict: 'failing',
        message: '2 critical alert(s) firing: DbDown',
      });
    });

    it('a firing non-critical alert is degraded', () => {
      const result = judge({
        alerts: alerts(
          alert('firing', 'warning', 'Slow'),
          alert('firing', undefined, 'NoSeverity'),
        ),
      });
      expect(result.verdict).toBe('degraded');
      expect(reason(result, 'alerts')!.message).toBe(
        '2 alert(s) firing: Slow, NoSeverity',
      );
    });

    it('silenced, inhibited and pending alerts do not count against health', () => {
      const result = judge({
        alerts: alerts(
          alert('silenced', 'critical'),
          alert('inhibited', 'critical'),
          alert('pending', 'critical'),
        ),
      });
      expect(result.verdict).toBe('healthy');
      expect(reason(result, 'alerts')!.message).toBe(
        'No alert firing (1 pending)',
      );
    });
  });

  describe('argocd', () => {
    it.each([
      [{ healthStatus: 'Degraded' }, 'failing'],
      [{ healthStatus: 'Missing' }, 'failing'],
      [{ healthStatus: 'Progressing' }, 'degraded'],
      [{ healthStatus: 'Suspended' }, 'degraded'],
      [{ syncStatus: 'OutOfSync' }, 'degraded'],
      [{ operation: { phase: 'Failed' } }, 'degraded'],
      [{ operation: { phase: 'Error' } }, 'degraded'],
      [{ operation: { phase: 'Running' } }, 'healthy'],
      [{ healthStatus: 'Unknown' }, 'unknown'],
      [{ syncStatus: 'Unknown' }, 'unknown'],
    ] as Array<[Partial<ArgoApplicationSummary>, string]>)(
      '%j -> %s',
      (over, verdict) => {
        expect(
          reason(judge({ argocd: argo(app(over)) }), 'argocd')!.verdict,
        ).toBe(verdict);
      },
    );

    it('a degraded sync makes the whole verdict degraded, with the app and its last operation in the reason', () => {
      const result = judge({
        argocd: argo(
          app({
            syncStatus: 'OutOfSync',
            healthStatus: 'Healthy',
            operation: { phase: 'Failed' },
          }),
        ),
      });
      expect(result.verdict).toBe('degraded');
      expect(reason(result, 'argocd')!.message).toBe(
        'msa-nginx is OutOfSync/Healthy (last operation Failed)',
      );
    });

    it('several apps: the worst wins, independent of order; unknown only when nothing is worse', () => {
      const unknown = app({ name: 'a', healthStatus: 'Unknown' });
      const fine = app({ name: 'b' });
      const degraded = app({ name: 'c', syncStatus: 'OutOfSync' });
      const failing = app({ name: 'd', healthStatus: 'Degraded' });
      expect(
        reason(judge({ argocd: argo(unknown, fine) }), 'argocd')!.verdict,
      ).toBe('unknown');
      expect(
        reason(judge({ argocd: argo(fine, unknown) }), 'argocd')!.verdict,
      ).toBe('unknown');
      expect(
        reason(judge({ argocd: argo(unknown, degraded) }), 'argocd')!.verdict,
      ).toBe('degraded');
      expect(
        reason(judge({ argocd: argo(degraded, unknown) }), 'argocd')!.verdict,
      ).toBe('degraded');
      expect(
        reason(judge({ argocd: argo(failing, degraded, fine) }), 'argocd'),
      ).toEqual({
        source: 'argocd',
        verdict: 'failing',
        message: 'd is Synced/Degraded; c is OutOfSync/Healthy',
      });
    });
  });

  describe('metrics', () => {
    it.each([
      [[0], 'healthy', 'Error ratio 0.0%'],
      [[ERROR_RATIO_DEGRADED - 0.0001], 'healthy', 'Error ratio 1.0%'],
      [[ERROR_RATIO_DEGRADED], 'degraded', 'Error ratio 1.0%'],
      [[ERROR_RATIO_FAILING - 0.0001], 'degraded', 'Error ratio 5.0%'],
      [[ERROR_RATIO_FAILING], 'failing', 'Error ratio 5.0%'],
      [[0.5, 0.001, null, null], 'healthy', 'Error ratio 0.1%'], // the last point with a value counts
      [[0.001, 0.2], 'failing', 'Error ratio 20.0%'],
      [[null, null], 'unknown', 'No request metrics in the range'],
      [[], 'unknown', 'No request metrics in the range'],
    ] as Array<[Array<number | null>, string, string]>)(
      'error ratios %j -> %s',
      (points, verdict, message) => {
        expect(
          reason(judge({ metrics: metrics(...points) }), 'metrics'),
        ).toEqual({ source: 'metrics', verdict, message });
      },
    );

    it('no errorRatio series at all is unknown', () => {
      const value = ok<MetricsValue>({
        start: fetchedAt,
        end: fetchedAt,
        stepSeconds: 60,
        series: [],
        deployMarkers: [],
      });
      expect(reason(judge({ metrics: value }), 'metrics')!.verdict).toBe(
        'unknown',
      );
    });
  });

  describe('builds', () => {
    it.each([
      [['SUCCESS'], 'healthy', 'Last build #10: SUCCESS'],
      [['FAILURE'], 'degraded', 'Last build #10: FAILURE'],
      [['UNSTABLE'], 'degraded', 'Last build #10: UNSTABLE'],
      [['ABORTED'], 'unknown', 'Last build #10: ABORTED'],
      [['RUNNING', 'FAILURE'], 'degraded', 'Last build #9: FAILURE'],
      [['RUNNING', 'SUCCESS', 'FAILURE'], 'healthy', 'Last build #9: SUCCESS'],
      [['RUNNING'], 'unknown', 'No finished build'],
      [[], 'unknown', 'No finished build'],
    ] as Array<[BuildResult[], string, string]>)(
      '%j -> %s',
      (results, verdict, message) => {
        expect(reason(judge({ builds: builds(...results) }), 'builds')).toEqual(
          { source: 'builds', verdict, message },
        );
      },
    );
  });

  describe('source errors', () => {
    it.each([
      'timeout',
      'unreachable',
      'upstream',
      'bad-response',
      'forbidden',
      'not-found',
    ] as SourceErrorKind[])(
      'a %s error is an unknown reason with its message, keeps the verdict from claiming healthy, and does not hide what the others say',
      kind => {
        const result = judge({ alerts: failed(kind) });
        expect(reason(result, 'alerts')).toEqual({
          source: 'alerts',
          verdict: 'unknown',
          message: `${kind} happened`,
        });
        expect(result.verdict).toBe('unknown');
        expect(
          judge({
            alerts: failed(kind),
            argocd: argo(app({ syncStatus: 'OutOfSync' })),
          }).verdict,
        ).toBe('degraded');
      },
    );

    it('every source failing is unknown, not healthy', () => {
      const result = healthVerdict({
        argocd: failed('unreachable'),
        alerts: failed('timeout'),
        metrics: failed('upstream'),
        builds: failed('bad-response'),
      });
      expect(result.verdict).toBe('unknown');
      expect(result.reasons.map(r => r.verdict)).toEqual([
        'unknown',
        'unknown',
        'unknown',
        'unknown',
      ]);
    });

    it('a failing source next to a failing alert: failing', () => {
      expect(
        judge({
          metrics: failed('timeout'),
          alerts: alerts(alert('firing', 'critical')),
        }).verdict,
      ).toBe('failing');
    });

    it('not-configured sources are left out; nothing configured is unknown with no reasons', () => {
      const result = judge({ builds: off, metrics: off });
      expect(result.reasons.map(r => r.source)).toEqual(['argocd', 'alerts']);
      expect(
        healthVerdict({ argocd: off, alerts: off, metrics: off, builds: off }),
      ).toEqual({ verdict: 'unknown', reasons: [] });
    });

    it('only unknown judgements (no metrics, an aborted build) stay unknown', () => {
      expect(
        healthVerdict({
          argocd: off,
          alerts: off,
          metrics: metrics(null),
          builds: builds('ABORTED'),
        }).verdict,
      ).toBe('unknown');
    });
  });
});

describe('healthVerdict over added sources', () => {
  const sunset = (verdict: 'healthy' | 'failing') => ({
    source: 'sunset',
    result: ok({ verdict }),
    judge: (v: unknown) => ({
      source: 'sunset',
      verdict: (v as { verdict: 'healthy' | 'failing' }).verdict,
      message: 'from a module',
    }),
  });

  it('a source added by a module counts like a built-in, in registration order', () => {
    const result = verdictOver([
      {
        source: 'builds',
        result: builds('SUCCESS'),
        judge: v => buildsReason(v as BuildsValue),
      },
      sunset('failing'),
    ]);
    expect(result.verdict).toBe('failing');
    expect(result.reasons.map(r => r.source)).toEqual(['builds', 'sunset']);
    expect(verdictOver([sunset('healthy')]).verdict).toBe('healthy');
  });
});
