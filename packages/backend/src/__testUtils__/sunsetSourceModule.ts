import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  PlatformSource,
  platformSourcesExtensionPoint,
  sourceNotConfigured,
} from '@paved-road/backstage-plugin-platform-node';

/** The annotation the sunset source reads: the day a component stops being supported (YYYY-MM-DD). */
export const SUNSET_ANNOTATION = 'example.com/sunset';

const DAY_MS = 86_400_000;
const WARN_DAYS = 30;

function sunsetVerdict(daysLeft: number) {
  if (daysLeft < 0) return 'failing';
  return daysLeft <= WARN_DAYS ? 'degraded' : 'healthy';
}

/** What the sunset source answers. */
export interface SunsetValue {
  sunset: string;
  daysLeft: number;
}

/**
 * A source added from outside the platform plugin, for the tests of the source contract: it reads one
 * annotation, has a route (`GET .../sunset`), and takes part in the verdict (failing once the day is past,
 * degraded within 30 days of it).
 */
export const sunsetSourceModule = createBackendModule({
  pluginId: 'platform',
  moduleId: 'sunset-source',
  register(env) {
    env.registerInit({
      deps: { sources: platformSourcesExtensionPoint },
      async init({ sources }) {
        sources.addSource(
          ({ cache }): PlatformSource<string, undefined, SunsetValue> => ({
            id: 'sunset',
            annotations: [SUNSET_ANNOTATION],
            target: entity => {
              const value = entity.metadata.annotations?.[SUNSET_ANNOTATION];
              if (value === undefined) {
                return sourceNotConfigured(
                  `Add the ${SUNSET_ANNOTATION} annotation`,
                  SUNSET_ANNOTATION,
                );
              }
              return /^\d{4}-\d{2}-\d{2}$/.test(value) &&
                Number.isFinite(Date.parse(value))
                ? { ok: true, value }
                : sourceNotConfigured(
                    `${SUNSET_ANNOTATION} must be a date YYYY-MM-DD`,
                    SUNSET_ANNOTATION,
                  );
            },
            read: sunset =>
              cache.get(['sunset', sunset], async () => ({
                sunset,
                daysLeft: Math.floor(
                  (Date.parse(sunset) - Date.now()) / DAY_MS,
                ),
              })),
            judge: ({ sunset, daysLeft }) => ({
              source: 'sunset',
              verdict: sunsetVerdict(daysLeft),
              message:
                daysLeft < 0
                  ? `Unsupported since ${sunset}`
                  : `Supported until ${sunset}`,
            }),
          }),
        );
      },
    });
  },
});
