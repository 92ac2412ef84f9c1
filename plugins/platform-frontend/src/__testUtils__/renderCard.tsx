import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { useLocation } from 'react-router-dom';
import { PlatformApi, platformApiRef } from '../api';
import { entity as defaultEntity } from './fixtures';

/** A PlatformApi whose every method is a jest mock (never resolving unless given). */
export function mockPlatformApi(
  impl: Partial<PlatformApi> = {},
): jest.Mocked<PlatformApi> {
  const pending = () => new Promise<never>(() => {});
  return {
    getHealth: jest.fn(pending),
    getArgoCd: jest.fn(pending),
    syncArgoCd: jest.fn(pending),
    getAlerts: jest.fn(pending),
    getMetrics: jest.fn(pending),
    getLogs: jest.fn(pending),
    tailLogs: jest.fn(async () => {}),
    getTraces: jest.fn(pending),
    getTrace: jest.fn(pending),
    getBuilds: jest.fn(pending),
    deploy: jest.fn(pending),
    getServiceGraph: jest.fn(pending),
    ...impl,
  } as jest.Mocked<PlatformApi>;
}

/** Renders the current search string, so tests can assert on the cross-link URL state. */
function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location-search">{location.search}</output>;
}

/**
 * Renders a card inside a test app with the entity in context and the API mocked at platformApiRef.
 * Synchronous: do not `await` it. Awaiting lets the mocked loads resolve outside act() (React's
 * "not wrapped in act" warning); the test's next `findBy*` / `waitFor` is what waits for them.
 */
export function renderCard(
  element: JSX.Element,
  options: {
    api: PlatformApi;
    entity?: Entity;
    allowSync?: boolean;
    search?: string;
    /** Route refs the card links with, by path (e.g. `entityRouteRef`). */
    mountedRoutes?: Parameters<typeof renderInTestApp>[1] extends infer O
      ? O extends { mountedRoutes?: infer M }
        ? M
        : never
      : never;
  },
) {
  return renderInTestApp(
    <EntityProvider entity={options.entity ?? defaultEntity}>
      {element}
      <LocationProbe />
    </EntityProvider>,
    {
      apis: [
        [platformApiRef, options.api],
        mockApis.permission({
          authorize:
            options.allowSync === false
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        }),
      ],
      initialRouteEntries: [`/${options.search ?? ''}`],
      mountedRoutes: options.mountedRoutes,
    },
  );
}
