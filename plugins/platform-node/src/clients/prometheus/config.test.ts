import { ConfigReader } from '@backstage/config';
import { readPlatformConfig } from '../../config/readPlatformConfig';

describe('platform.prometheus.redSource', () => {
  it.each(['istio', 'spanmetrics', 'linkerd'])('accepts %s', redSource => {
    const config = readPlatformConfig(
      new ConfigReader({
        platform: { prometheus: { url: 'http://prom.test', redSource } },
      }),
    );
    expect(config.prometheus?.redSource).toBe(redSource);
  });

  it('refuses another value, naming what is allowed', () => {
    expect(() =>
      readPlatformConfig(
        new ConfigReader({
          platform: {
            prometheus: { url: 'http://prom.test', redSource: 'kuma' },
          },
        }),
      ),
    ).toThrow(/platform\.prometheus\.redSource.*istio.*spanmetrics.*linkerd/);
  });
});
