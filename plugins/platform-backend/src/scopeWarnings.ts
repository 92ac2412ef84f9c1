import { PlatformConfig } from '@paved-road/backstage-plugin-platform-node';

const SCOPE_KEYS = [
  {
    key: 'lokiNamespaceLabel',
    source: 'loki',
    reads: 'logs and the live tail',
  },
  { key: 'alertNamespaceLabel', source: 'alertmanager', reads: 'alerts' },
  {
    key: 'tempoNamespaceAttribute',
    source: 'tempo',
    reads: 'trace search and trace detail',
  },
] as const;

/**
 * One warning per `platform.scope` key switched off (`false`) while its source is configured: every key has a
 * safe default, so an undefined key here was switched off on purpose and the operator should hear about it
 * on every start.
 */
export function scopeOffWarnings(config: PlatformConfig): string[] {
  return SCOPE_KEYS.filter(({ key, source }) => {
    const configured =
      source === 'alertmanager'
        ? config.alertmanager || config.prometheus
        : config[source];
    return configured && config.scope[key] === undefined;
  }).map(
    ({ key, reads }) =>
      `NAMESPACE SCOPE SWITCHED OFF: platform.scope.${key} is false, so ${reads} of any entity are not pinned ` +
      `to the entity's namespace and can return other namespaces' data. Remove the key to restore the default.`,
  );
}
