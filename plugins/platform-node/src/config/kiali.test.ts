import { ConfigReader } from '@backstage/config';
import { readPlatformConfig } from './readPlatformConfig';

describe('readPlatformConfig: Kiali', () => {
  const kiali = (settings: Record<string, string> | undefined) =>
    readPlatformConfig(
      new ConfigReader({ platform: settings ? { kiali: settings } : {} }),
    ).kiali;

  it('is off unless configured, and keeps the web root without a trailing slash', () => {
    expect(kiali(undefined)).toBeUndefined();
    expect(kiali({ url: 'https://kiali.example.com/kiali/' })).toEqual({
      url: 'https://kiali.example.com/kiali',
    });
  });

  it.each([
    [{}, /'platform\.kiali\.url'/],
    [
      { url: 'kiali.example.com' },
      /'platform\.kiali\.url': expected an absolute http\(s\) URL/,
    ],
    [
      { url: 'ftp://kiali.example.com' },
      /'platform\.kiali\.url': expected an http or https URL/,
    ],
    [
      { url: 'https://admin:pw@kiali.example.com' },
      /'platform\.kiali\.url': credentials must not be part of the URL/,
    ],
  ])('refuses %j at start-up, naming the key', (settings, message) => {
    expect(() => kiali(settings)).toThrow(message);
  });
});
