import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { platformPlugin } from './plugin';

describe('platform backend plugin start-up', () => {
  it('starts with no platform config at all (every source disabled)', async () => {
    const { server } = await startTestBackend({ features: [platformPlugin] });
    await request(server).get('/api/platform/v1/ping').expect(200, { ok: true });
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
});
