import { ConfigReader } from '@backstage/config';
import { readPlatformConfig } from '../../config/readPlatformConfig';
import { readElasticsearchConfig } from './config';

const PEM = `-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END CERTIFICATE-----\n`;
const KEY = Buffer.from('id1:secret-part-of-key').toString('base64');

const read = (elasticsearch: unknown) =>
  readElasticsearchConfig(new ConfigReader(elasticsearch as any), {
    timeoutMs: 5000,
  });

const minimal = {
  instances: [
    { name: 'main', url: 'https://es.example.com:9200/', apiKey: KEY },
  ],
  allowedIndexPatterns: ['logs-*'],
};

describe('readElasticsearchConfig', () => {
  it('is undefined without the section, and composed into the platform config', () => {
    expect(
      readPlatformConfig(new ConfigReader({ platform: {} })).elasticsearch,
    ).toBeUndefined();
    const platform = readPlatformConfig(
      new ConfigReader({ platform: { elasticsearch: minimal } }),
    );
    expect(platform.elasticsearch?.instances[0].name).toBe('main');
  });

  it('reads instances with an API key or basic credentials, a CA, fields and the allow-list', () => {
    const c = read({
      instances: [
        {
          name: 'main',
          url: 'https://es.example.com:9200/',
          apiKey: KEY,
          caData: Buffer.from(PEM).toString('base64'),
          fields: 'level=severity, traceId=trace_id',
        },
        {
          name: 'old',
          url: 'http://es-old:9200',
          username: 'reader',
          password: 'pw',
        },
      ],
      allowedIndexPatterns: ['logs-*', 'app-*'],
      defaultIndexPattern: 'logs-msa-*',
      kibanaUrl: 'https://kibana.example.com/',
      maxLines: 500,
    })!;
    expect(c.instances[0]).toEqual({
      name: 'main',
      url: 'https://es.example.com:9200',
      auth: { type: 'apiKey', apiKey: KEY },
      timeoutMs: 5000,
      headers: {},
      caData: PEM,
      fields: { level: 'severity', traceId: 'trace_id' },
    });
    expect(c.instances[1].auth).toEqual({
      type: 'basic',
      username: 'reader',
      password: 'pw',
    });
    expect(c.kibanaUrl).toBe('https://kibana.example.com');
    expect(c.defaultIndexPattern).toBe('logs-msa-*');
    expect(c.maxLines).toBe(500);
    expect(read(minimal)).toMatchObject({
      defaultIndexPattern: 'logs-*',
      maxLines: 1000,
    });
  });

  it.each([
    [
      { ...minimal, allowedIndexPatterns: undefined },
      /allowedIndexPatterns': expected a non-empty list/,
    ],
    [
      { ...minimal, allowedIndexPatterns: ['*'] },
      /allowedIndexPatterns\[0\]': '\*' would allow every index/,
    ],
    [
      { ...minimal, allowedIndexPatterns: ['Logs'] },
      /allowedIndexPatterns\[0\]'.*not an index pattern/,
    ],
    [
      { ...minimal, defaultIndexPattern: 'other-*' },
      /defaultIndexPattern'.*outside the indices the operator allows/,
    ],
    [
      { ...minimal, maxLines: 10_001 },
      /maxLines': expected a whole number from 1 to 10000/,
    ],
    [{ ...minimal, kibanaUrl: 'ftp://kibana.example.com' }, /kibanaUrl'/],
    [{ ...minimal, instances: [] }, /instances': list at least one instance/],
    [
      { ...minimal, instances: [minimal.instances[0], minimal.instances[0]] },
      /used twice/,
    ],
    [
      { ...minimal, instances: [{ ...minimal.instances[0], name: 'a b' }] },
      /instances\[0\].name'/,
    ],
    [
      {
        ...minimal,
        instances: [{ ...minimal.instances[0], url: 'https://u:p@es' }],
      },
      /credentials must not be part of the URL/,
    ],
    [
      {
        ...minimal,
        instances: [{ ...minimal.instances[0], username: 'x', password: 'y' }],
      },
      /either 'apiKey' or 'username' \+ 'password'/,
    ],
    [
      {
        ...minimal,
        instances: [{ name: 'a', url: 'http://es', username: 'x' }],
      },
      /'username' and 'password' go together/,
    ],
    [
      {
        ...minimal,
        instances: [
          {
            ...minimal.instances[0],
            caData: Buffer.from('nope').toString('base64'),
          },
        ],
      },
      /caData'.*PEM/,
    ],
    [
      {
        ...minimal,
        instances: [{ ...minimal.instances[0], fields: 'level=*' }],
      },
      /fields'.*not a field name/,
    ],
    [
      {
        ...minimal,
        instances: [{ ...minimal.instances[0], fields: 'colour=x' }],
      },
      /unknown role/,
    ],
  ])('refuses %j', (section, message) => {
    expect(() => read(section)).toThrow(message);
  });

  it('never quotes a malformed API key in its error', () => {
    const bad = 'not a key: secret!';
    expect(() =>
      read({
        ...minimal,
        instances: [{ ...minimal.instances[0], apiKey: bad }],
      }),
    ).toThrow(/^(?!.*secret!).*apiKey'/);
  });
});
