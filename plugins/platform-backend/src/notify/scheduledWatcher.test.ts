import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  argoApplication,
  demoEntity,
  startFakePlatform,
} from '../__testUtils__/fakePlatform';
import { startPlatformBackend } from '../__testUtils__/startPlatformBackend';

// The plugin as a backend starts it: platform.notifications.enabled schedules the watcher (global scope) with the
// scheduler service, and an Argo CD app turning Degraded reaches the owner through the notification service.
// The test scheduler runs a task when triggered, standing in for the interval.
describe('the scheduled owner watcher', () => {
  jest.setTimeout(60_000);
  let fake: Awaited<ReturnType<typeof startFakePlatform>>;
  const scheduler = mockServices.scheduler() as ReturnType<
    typeof mockServices.scheduler
  > & {
    factory(options?: {
      skipTaskRunOnStartup?: boolean;
    }): ReturnType<typeof mockServices.scheduler.factory>;
    triggerTask(id: string): Promise<void>;
  };
  const sent: any[] = [];

  beforeAll(async () => {
    fake = await startFakePlatform();
    const base = fake.config();
    await startPlatformBackend({
      config: {
        platform: {
          ...base.platform,
          notifications: { enabled: true, intervalSeconds: 5 },
        },
      },
      entities: [demoEntity()],
      features: [
        scheduler.factory({ skipTaskRunOnStartup: true }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({
            send: async options => {
              sent.push(options);
            },
          }),
        }),
      ],
    });
  });

  afterAll(() => fake.close());

  it('is scheduled once across replicas (global scope)', async () => {
    expect(await scheduler.getScheduledTasks()).toEqual([
      expect.objectContaining({
        id: 'platform-owner-notifications',
        scope: 'global',
      }),
    ]);
  });

  it('notifies the owner group when the Argo CD app turns Degraded, after a baseline round', async () => {
    await scheduler.triggerTask('platform-owner-notifications');
    expect(sent).toEqual([]);
    fake.overrides.argocd = req =>
      req.path === '/api/v1/applications'
        ? { body: { items: [argoApplication({ health: 'Degraded' })] } }
        : undefined;
    await scheduler.triggerTask('platform-owner-notifications');
    expect(sent).toEqual([
      {
        recipients: { type: 'entity', entityRef: 'group:default/team' },
        payload: expect.objectContaining({
          title: 'msa-nginx: Argo CD app msa-nginx is Degraded',
          severity: 'high',
          topic: 'platform:component:default/msa-nginx:argocd:msa-nginx:health',
          scope: 'platform:component:default/msa-nginx:argocd:msa-nginx:health',
          link: '/catalog/default/component/msa-nginx/health',
        }),
      },
    ]);
    await scheduler.triggerTask('platform-owner-notifications');
    expect(sent).toHaveLength(1);
  });
});
