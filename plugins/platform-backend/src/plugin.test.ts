import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { platformPlugin } from './plugin';
import { captureLogger } from './__testUtils__/captureLogger';

describe('platform backend plugin start-up', () => {
  it('starts with no platform config at all (every source disabled)', async () => {
    const { server } = await startTestBackend({ features: [platformPlugin] });
    await request(server)
      .get('/api/platform/v1/ping')
      .expect(200, { ok: true });
  });

  it('fails fast naming the key when a URL is not a URL', async () => {
    await expect(
      startTestBackend({
        features: [
          platformPlugin,
          mockServices.rootConfig.factory({
            data: { platform: { loki: { url: 'not a url' } } },
          }),
        ],
      }),
    ).rejects.toThrow(/platform\.loki\.url.*absolute http\(s\) URL/);
  });

  it('warns once at start-up when the namespace bound is open', async () => {
    const log = captureLogger();
    await startTestBackend({
      features: [
        platformPlugin,
        mockServices.rootConfig.factory({
          data: { platform: { loki: { url: 'http://loki.test' } } },
        }),
        mockServices.rootLogger.mock(log.logger as any).factory,
        mockServices.logger.mock(log.logger).factory,
      ],
    });
    expect(log.lines.filter(l => /namespace bound is open/.test(l))).toEqual([
      expect.stringMatching(
        /^warn .*for loki .*platform\.scope\.allowedNamespaces/,
      ),
    ]);
  });

  it('fails fast naming the key when a namespace pattern is malformed', async () => {
    await expect(
      startTestBackend({
        features: [
          platformPlugin,
          mockServices.rootConfig.factory({
            data: {
              platform: { scope: { allowedNamespaces: ['msa', 'svc-.*'] } },
            },
          }),
        ],
      }),
    ).rejects.toThrow(/platform\.scope\.allowedNamespaces\[1\]'.*simple glob/);
  });

  async function startLogging(platform: object) {
    const log = captureLogger();
    await startTestBackend({
      features: [
        platformPlugin,
        mockServices.rootConfig.factory({ data: { platform } as any }),
        mockServices.rootLogger.mock(log.logger as any).factory,
        mockServices.logger.mock(log.logger).factory,
      ],
    });
    return log.lines.filter(l => /NAMESPACE SCOPE SWITCHED OFF/.test(l));
  }

  it('warns at start-up for each scope key switched off (false) whose source is configured', async () => {
    const lines = await startLogging({
      scope: {
        tempoNamespaceAttribute: false,
        lokiNamespaceLabel: false,
        allowedNamespaces: ['msa'],
      },
      tempo: { url: 'http://tempo.test' },
      loki: { url: 'http://loki.test' },
    });
    expect(lines).toEqual([
      expect.stringMatching(
        /^warn .*platform\.scope\.lokiNamespaceLabel is false/,
      ),
      expect.stringMatching(
        /^warn .*platform\.scope\.tempoNamespaceAttribute is false/,
      ),
    ]);
  });

  it('does not warn with the defaults, nor for a switched-off key whose source is not configured', async () => {
    expect(
      await startLogging({
        tempo: { url: 'http://tempo.test' },
        loki: { url: 'http://loki.test' },
      }),
    ).toEqual([]);
    expect(
      await startLogging({
        scope: { alertNamespaceLabel: false },
        loki: { url: 'http://loki.test' },
      }),
    ).toEqual([]);
  });
});
