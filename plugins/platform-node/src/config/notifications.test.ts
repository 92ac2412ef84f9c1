import { ConfigReader } from '@backstage/config';
import { readPlatformConfig } from './readPlatformConfig';

const read = (notifications?: unknown) =>
  readPlatformConfig(
    new ConfigReader(
      notifications === undefined
        ? { platform: {} }
        : { platform: { notifications } },
    ),
  ).notifications;

describe('platform.notifications', () => {
  it('is absent (the watcher does not run) without the section', () => {
    expect(read()).toBeUndefined();
    expect(readPlatformConfig(new ConfigReader({})).notifications).toBe(
      undefined,
    );
  });

  it('is off, every 30 s, with a day of state, when the section is empty', () => {
    expect(read({})).toEqual({
      enabled: false,
      intervalSeconds: 30,
      stateTtlSeconds: 86400,
    });
  });

  it('takes enabled, intervalSeconds and stateTtlSeconds', () => {
    expect(
      read({ enabled: true, intervalSeconds: 10, stateTtlSeconds: 600 }),
    ).toEqual({ enabled: true, intervalSeconds: 10, stateTtlSeconds: 600 });
  });

  it('keeps the default state TTL at least three rounds long', () => {
    expect(read({ intervalSeconds: 3600 })?.stateTtlSeconds).toBe(86400);
  });

  it.each([0, 4, 3601, 7.5, -10])(
    'refuses intervalSeconds %p, naming the key and the range',
    value => {
      expect(() => read({ enabled: true, intervalSeconds: value })).toThrow(
        /Invalid config at 'platform\.notifications\.intervalSeconds': expected a whole number of seconds from 5 to 3600, got/,
      );
    },
  );

  it.each([
    [
      { intervalSeconds: 60, stateTtlSeconds: 120 },
      /at least three rounds .*180/,
    ],
    [{ stateTtlSeconds: 700000 }, /from 0 to 604800/],
    [{ stateTtlSeconds: 1.5 }, /whole number/],
  ])('refuses stateTtlSeconds in %j', (section, message) => {
    expect(() => read(section)).toThrow(
      /Invalid config at 'platform\.notifications\.stateTtlSeconds'/,
    );
    expect(() => read(section)).toThrow(message);
  });

  it('refuses an enabled that is not a boolean, naming the key', () => {
    expect(() => read({ enabled: 'yes please' })).toThrow(
      /platform\.notifications\.enabled/,
    );
  });
});
