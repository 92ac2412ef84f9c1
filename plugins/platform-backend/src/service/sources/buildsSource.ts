import { Entity } from '@backstage/catalog-model';
import {
  PLATFORM_ANNOTATIONS as A,
  BuildResult,
  BuildsValue,
  PlatformBuild,
  SourceResult,
} from '@paved-road/backstage-plugin-platform-common';
import {
  JenkinsBuild,
  JenkinsClient,
  JenkinsJobTree,
  PlatformConfig,
  PlatformSource,
  SourceCache,
} from '@paved-road/backstage-plugin-platform-node';
import { BuildTarget, buildTarget } from '../entityTargets';
import { buildsReason } from '../health';
import { Cached } from '../UpstreamCache';
import { answerEach } from './sourceResults';

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

/** How many folder levels the fleet view's one job-tree read walks. */
const FLEET_TREE_DEPTH = 3;

/** The jobs of a tree by full name (`folder/job`); a Map, so a job named `__proto__` is just a name. */
export function jobsByFullName(
  roots: JenkinsJobTree[],
): Map<string, JenkinsJobTree> {
  const out = new Map<string, JenkinsJobTree>();
  const walk = (items: JenkinsJobTree[], prefix: string) => {
    for (const item of items) {
      const fullName = prefix ? `${prefix}/${item.name}` : item.name;
      out.set(fullName, item);
      if (item.jobs) walk(item.jobs, fullName);
    }
  };
  walk(roots, '');
  return out;
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

  /**
   * The fleet view's builds: one job tree per Jenkins instance (folders three levels down), each entity's job
   * with its last build and last completed build.
   */
  async readMany(
    targets: ReadonlyMap<string, BuildTarget>,
  ): Promise<Map<string, SourceResult<BuildsValue>>> {
    const byInstance = new Map<string, Map<string, BuildTarget>>();
    for (const [key, target] of targets) {
      const group = byInstance.get(target.instance) ?? new Map();
      group.set(key, target);
      byInstance.set(target.instance, group);
    }
    const answers = await Promise.all(
      [...byInstance].map(([instance, group]) => {
        // The cache holds the upstream's JSON (it may be Redis); the by-name map is built per read.
        let jobs: Map<string, JenkinsJobTree>;
        let fetchedAt: string;
        return answerEach(
          group,
          async () => {
            const tree = await this.deps.cache.get(
              ['jenkins', instance, 'job-tree', FLEET_TREE_DEPTH],
              () =>
                this.deps.jenkins
                  .get(instance)!
                  .listJobs({ depth: FLEET_TREE_DEPTH }),
            );
            jobs = jobsByFullName(tree.value);
            fetchedAt = tree.fetchedAt;
          },
          (target): SourceResult<BuildsValue> => {
            const job = jobs.get(target.jobFullName);
            if (!job) {
              return {
                ok: false,
                error: {
                  kind: 'not-found',
                  message: `Jenkins '${instance}' has no job '${target.jobFullName}' (the fleet view reads ${FLEET_TREE_DEPTH} folder levels)`,
                },
              };
            }
            const builds = [job.lastBuild, job.lastCompletedBuild]
              .filter((b): b is JenkinsBuild => Boolean(b))
              .filter(
                (b, i, all) => all.findIndex(o => o.number === b.number) === i,
              )
              .map(toPlatformBuild);
            return {
              ok: true,
              value: {
                jobFullName: target.jobFullName,
                instance,
                jobUrl: job.url,
                builds,
              },
              fetchedAt,
            };
          },
        );
      }),
    );
    return new Map(answers.flatMap(answer => [...answer]));
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
