import {
  EntityPlatformAlertsCard,
  EntityPlatformArgoCdCard,
  EntityPlatformBuildsCard,
  EntityPlatformHealthContent,
  EntityPlatformLogsCard,
  EntityPlatformMetricsCard,
  EntityPlatformTracesCard,
  isPlatformArgoCdAvailable,
  isPlatformHealthAvailable,
  platformPlugin,
} from './legacy';
import { platformApiRef } from './api';
import { entity } from './__testUtils__/fixtures';

describe('legacy exports', () => {
  it('provides the plugin with the API factory and every component', () => {
    expect(platformPlugin.getId()).toBe('platform');
    expect([...platformPlugin.getApis()].map(a => a.api)).toEqual([
      platformApiRef,
    ]);
    for (const component of [
      EntityPlatformArgoCdCard,
      EntityPlatformAlertsCard,
      EntityPlatformMetricsCard,
      EntityPlatformLogsCard,
      EntityPlatformTracesCard,
      EntityPlatformBuildsCard,
      EntityPlatformHealthContent,
    ]) {
      expect(typeof component).toBe('function');
    }
  });

  it('offers EntitySwitch conditions built from the same filters', () => {
    expect(isPlatformArgoCdAvailable(entity)).toBe(true);
    expect(isPlatformHealthAvailable({ ...entity, kind: 'Group' })).toBe(false);
  });
});
