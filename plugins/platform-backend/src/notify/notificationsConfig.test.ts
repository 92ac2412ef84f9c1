import { mockServices } from '@backstage/backend-test-utils';
import { readNotificationsConfig } from './notificationsConfig';

const read = (notifications?: unknown) =>
  readNotificationsConfig(
    mockServices.rootConfig({
      data: notifications === undefined ? {} : { platform: { notifications } },
    }),
  );

describe('readNotificationsConfig', () => {
  it('is off by default, every 30 s', () => {
    expect(read()).toEqual({ enabled: false, intervalSeconds: 30 });
  });

  it('takes enabled and intervalSeconds', () => {
    expect(read({ enabled: true, intervalSeconds: 10 })).toEqual({
      enabled: true,
      intervalSeconds: 10,
    });
  });

  it.each([0, 4, 3601, 7.5])(
    'refuses intervalSeconds %p, naming the key',
    value => {
      expect(() => read({ enabled: true, intervalSeconds: value })).toThrow(
        /platform\.notifications\.intervalSeconds: .* from 5 to 3600/,
      );
    },
  );
});
