import { Entity } from '@backstage/catalog-model';
import {
  PLATFORM_ANNOTATIONS as A,
  BuildResult,
  BuildsValue,
  PlatformBuild,
} from '@paved-road/backstage-plugin-platform-common';
import {
  JenkinsBuild,
  JenkinsClient,
  PlatformConfig,
  PlatformSource,
  SourceCache,
} from '@paved-road/backstage-plugin-platform-node';
import { BuildTarget, buildTarget } from '../entityTargets';
import { buildsReason } from '../health';
import { Cached } from '../UpstreamCache';

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
export class BuildsSource
  implements PlatformSource<BuildTarget, undefined, BuildsValue>
{
  readonly id = 'builds';
  readonly annotations = [A.jenkinsJobFullName];
  readonly judge = buildsReason;

  constructor(
    private readonly deps: {
      config: PlatformConfig;
      cache: SourceCache;
      /** One client per configured instance, by instance name. */
      jenkins: ReadonlyMap<string, JenkinsClient>;
    },
  ) {}

  target(entity: Entity) {
    return buildTarget(entity, this.deps.config);
  }

  async read(target: BuildTarget): Promise<Cached<BuildsValue>> {
    const client = this.deps.jenkins.get(target.instance)!;
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
