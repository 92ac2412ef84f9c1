import { ConfigReader } from '@backstage/config';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { generateSimulatorTls } from '../../../../../sandbox/src/kubernetes/tls';
import { readPlatformConfig } from '../../config/readPlatformConfig';
import { readCaBundle } from './caBundle';

const KEY = 'platform.kubernetes.caData';

describe('readCaBundle (platform.kubernetes.caData)', () => {
  let caPem: string;
  let otherPem: string;
  beforeAll(async () => {
    [caPem, otherPem] = await Promise.all([
      generateSimulatorTls().then(t => t.caPem),
      generateSimulatorTls().then(t => t.caPem),
    ]);
  });

  it('is undefined when the key is absent', () => {
    expect(readCaBundle(undefined, KEY)).toBeUndefined();
  });

  it('keeps PEM text as PEM, a bundle of several certificates included', () => {
    expect(readCaBundle(caPem, KEY)).toBe(caPem);
    const bundle = `${caPem}${otherPem}`;
    expect(readCaBundle(`\n  ${bundle}  \n`, KEY)).toBe(bundle);
  });

  it('decodes base64 of the PEM (also wrapped at 76 columns) to the same PEM', () => {
    const base64 = Buffer.from(caPem).toString('base64');
    expect(readCaBundle(base64, KEY)).toBe(caPem);
    const wrapped = base64.replace(/(.{76})/g, '$1\n');
    expect(readCaBundle(wrapped, KEY)).toBe(caPem);
  });

  it('drops anything but certificates (a private key pasted along)', () => {
    const withKey = `${caPem}-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49\n-----END PRIVATE KEY-----\n`;
    expect(readCaBundle(withKey, KEY)).toBe(caPem);
  });

  it.each([
    ['', /is empty/],
    ['not a certificate!', /neither PEM text .* nor base64/],
    [
      Buffer.from('hello world').toString('base64'),
      /is base64 but does not decode to PEM text/,
    ],
    [
      '-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----',
      /PEM text holds no '-----BEGIN CERTIFICATE-----' block/,
    ],
    [
      '-----BEGIN CERTIFICATE-----\nAAAABBBBCCCC\n-----END CERTIFICATE-----',
      /certificate 1 of the PEM text is not a valid X\.509 certificate/,
    ],
  ])('refuses %j naming the key', (value, problem) => {
    expect(() => readCaBundle(value, KEY)).toThrow(
      `Invalid config at '${KEY}'`,
    );
    expect(() => readCaBundle(value, KEY)).toThrow(problem);
  });

  it('is applied when the platform config is read', () => {
    const read = (caData: string) =>
      readPlatformConfig(
        new ConfigReader({
          platform: {
            kubernetes: { url: 'https://k8s.example:6443', token: 't', caData },
          },
        }),
      ).kubernetes?.caData;
    expect(read(Buffer.from(caPem).toString('base64'))).toBe(caPem);
    expect(() => read('garbage')).toThrow(`Invalid config at '${KEY}'`);
  });
});
