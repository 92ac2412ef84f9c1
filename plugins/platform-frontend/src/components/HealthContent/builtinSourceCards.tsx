import { PlatformSourceName } from '@paved-road/backstage-plugin-platform-common';
import { PlatformSourceCardParams } from '../../blueprints/PlatformSourceCardBlueprint';

/** The ids of the sources the plugin ships a card for: the six judging ones and the service graph. */
export type BuiltinSourceId = PlatformSourceName | 'service-graph';

/**
 * The Health tab's own cards, in their default order: the new frontend system declares one extension
 * each, the legacy Health content composes the same list.
 */
export const builtinSourceCards: ReadonlyArray<
  PlatformSourceCardParams & { sourceId: BuiltinSourceId }
> = [
  {
    sourceId: 'argocd',
    title: 'Argo CD',
    layout: 'half',
    loader: () => import('../ArgoCdCard').then(m => <m.ArgoCdCard />),
  },
  {
    sourceId: 'alerts',
    title: 'Alerts',
    layout: 'half',
    loader: () => import('../AlertsCard').then(m => <m.AlertsCard />),
  },
  {
    sourceId: 'metrics',
    title: 'Metrics',
    layout: 'full',
    loader: () => import('../MetricsCard').then(m => <m.MetricsCard />),
  },
  {
    sourceId: 'logs',
    title: 'Logs',
    layout: 'full',
    loader: () => import('../LogsCard').then(m => <m.LogsCard />),
  },
  {
    sourceId: 'traces',
    title: 'Traces',
    layout: 'full',
    loader: () => import('../TracesCard').then(m => <m.TracesCard />),
  },
  {
    sourceId: 'builds',
    title: 'Builds',
    layout: 'full',
    loader: () => import('../BuildsCard').then(m => <m.BuildsCard />),
  },
  {
    sourceId: 'service-graph',
    title: 'Service graph',
    layout: 'full',
    loader: () =>
      import('../ServiceGraphCard').then(m => <m.ServiceGraphCard />),
  },
];

/** The params of one built-in card. */
export function builtinSourceCard(
  sourceId: BuiltinSourceId,
): PlatformSourceCardParams {
  return builtinSourceCards.find(card => card.sourceId === sourceId)!;
}

export function isBuiltinSource(sourceId: string): sourceId is BuiltinSourceId {
  return builtinSourceCards.some(card => card.sourceId === sourceId);
}
