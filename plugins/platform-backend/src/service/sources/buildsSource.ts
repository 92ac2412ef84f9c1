import {
  BuildResult,
  BuildsValue,
  PlatformBuild,
} from '@paved-road/backstage-plugin-platform-common';
import {
  JenkinsBuild,
  JenkinsClient,
  PlatformConfig,
} from '@paved-road/backstage-plugin-platform-node';
import { BuildTarget } from '../entityTargets';
import { Cached, UpstreamCache } from '../UpstreamCache';

/** Jenkins build -> wire build; a running build has no result yet. */
export function toPlatformBuild(build: JenkinsBuild): PlatformBuild {
  const result: BuildResult = build.building
    ? 'RUNNING'
    : build.result ?? 'NOT_BUILT';
  return {
    number: build.number,
    result,
    startedAt: new Date(build.timestamp ?? 0).toISOString(),
    durationMs: build.duration ?? 0,
    url: build.url,
  };
}

/** Recent Jenkins builds of an entity's job. */
export class BuildsSource {
  private readonly clients = new Map<string, JenkinsClient>();

  constructor(
    private readonly deps: { config: PlatformConfig; cache: UpstreamCache },
  ) {
    for (const instance of deps.config.jenkins?.instances ?? []) {
      this.clients.set(instance.name, new JenkinsClient(instance));
    }
  }

  async read(target: BuildTarget): Promise<Cached<BuildsValue>> {
    const client = this.clients.get(target.instance)!;
    return this.deps.cache.get(
      ['jenkins', target.instance, 'job', target.jobFullName],
      async () => {
        const job = await client.getJob(target.jobFullName, { buildCount: 20 });
        return {
          jobFullName: target.jobFullName,
          instance: target.instance,
          jobUrl: job.url,
          builds: (job.builds ?? []).map(toPlatformBuild),
        };
      },
    );
  }
}
