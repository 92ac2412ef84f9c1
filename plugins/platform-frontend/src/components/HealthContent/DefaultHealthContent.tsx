import { AlertsCard } from '../AlertsCard';
import { ArgoCdCard } from '../ArgoCdCard';
import { BuildsCard } from '../BuildsCard';
import { LogsCard } from '../LogsCard';
import { MetricsCard } from '../MetricsCard';
import { ServiceGraphCard } from '../ServiceGraphCard';
import { TracesCard } from '../TracesCard';
import { BuiltinSourceId, builtinSourceCards } from './builtinSourceCards';
import { HealthCard, HealthContent } from './HealthContent';

// This module is itself loaded lazily (the legacy Health extension), so the cards need no lazy loading here.
const components: Record<BuiltinSourceId, () => JSX.Element> = {
  argocd: ArgoCdCard,
  alerts: AlertsCard,
  metrics: MetricsCard,
  logs: LogsCard,
  traces: TracesCard,
  builds: BuildsCard,
  'service-graph': ServiceGraphCard,
};

const cards: HealthCard[] = builtinSourceCards.map(spec => {
  const Card = components[spec.sourceId];
  return {
    sourceId: spec.sourceId,
    title: spec.title,
    layout: spec.layout ?? 'full',
    element: <Card />,
  };
});

/**
 * The Health tab with the built-in cards in their default order, for apps on the old frontend system
 * (the new one composes the tab from `platform-source-card` extensions).
 */
export function DefaultHealthContent() {
  return <HealthContent cards={cards} />;
}
