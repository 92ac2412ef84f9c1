import { JenkinsInstanceConfig } from './config';
import { UpstreamError } from '../../http/UpstreamError';
import { parseJsonBody, upstreamFetch } from '../../http/upstreamFetch';
import { z } from 'zod/v4';
import { jobPath, splitJobFullName } from './jobPath';
import {
  JENKINS_FOLDER_CLASS,
  JenkinsBuild,
  JenkinsJob,
  JenkinsJobTree,
  jenkinsBuildSchema,
  jenkinsJobSchema,
  jenkinsQueueItemSchema,
} from './types';

const FOLDER_XML =
  "<?xml version='1.1' encoding='UTF-8'?>\n<com.cloudbees.hudson.plugins.folder.Folder plugin=\"cloudbees-folder\"><description>Created by Backstage</description></com.cloudbees.hudson.plugins.folder.Folder>";

const jenkinsJobTreeSchema: z.ZodType<JenkinsJobTree> = z.lazy(() =>
  z
    .object({
      _class: z.string().optional(),
      name: z.string(),
      url: z.string(),
      lastBuild: jenkinsBuildSchema.nullable().optional(),
      lastCompletedBuild: jenkinsBuildSchema.nullable().optional(),
      jobs: z.array(jenkinsJobTreeSchema).optional(),
    })
    .passthrough(),
);

/** `GET /api/json?tree=jobs[...]`. */
const jenkinsJobTreeRootSchema = z
  .object({ jobs: z.array(jenkinsJobTreeSchema).optional() })
  .passthrough();

const BUILD_TREE = 'number,url,result,building,timestamp,duration';

/** What {@link JenkinsClient.upsertJob} did. @public */
export type JenkinsUpsertResult = 'created' | 'updated' | 'unchanged';

/**
 * Jenkins REST client (API token, basic auth: Jenkins needs no crumb then). Every call goes through
 * `upstreamFetch`, so failures surface as `UpstreamError` with the upstream's `X-Error` reason.
 *
 * @public
 */
export class JenkinsClient {
  constructor(private readonly config: JenkinsInstanceConfig) {}

  /** Browser URL of a job or folder (trailing slash, like Jenkins' own `url`). */
  jobUrl(fullName: string): string {
    return `${this.config.url}${jobPath(fullName)}/`;
  }

  /** The job with its last `buildCount` builds; throws `UpstreamError` (kind `not-found`) when missing. */
  async getJob(
    fullName: string,
    options: { buildCount?: number } = {},
  ): Promise<JenkinsJob> {
    const count = Math.min(Math.max(options.buildCount ?? 20, 0), 100);
    const path = `${jobPath(fullName)}/api/json`;
    const response = await this.fetch({
      path,
      query: {
        tree: `_class,name,fullName,url,color,nextBuildNumber,builds[${BUILD_TREE}]{0,${count}},lastBuild[${BUILD_TREE}]`,
      },
    });
    return parseJsonBody('jenkins', `GET ${path}`, response.text, value =>
      jenkinsJobSchema.safeParse(value),
    );
  }

  /**
   * Every job under the root with its last build, folders walked `depth` levels down, in one request (Jenkins'
   * `tree` parameter): the fleet view's read. Folders come back with their `jobs`; jobs without a build have none.
   */
  async listJobs(options: { depth?: number } = {}): Promise<JenkinsJobTree[]> {
    const depth = Math.min(Math.max(options.depth ?? 3, 1), 5);
    const job = `_class,name,url,lastBuild[${BUILD_TREE}],lastCompletedBuild[${BUILD_TREE}]`;
    let tree = job;
    for (let level = 1; level < depth; level++) {
      tree = `${job},jobs[${tree}]`;
    }
    const path = '/api/json';
    const response = await this.fetch({
      path,
      query: { tree: `jobs[${tree}]` },
    });
    return (
      parseJsonBody('jenkins', `GET ${path}`, response.text, value =>
        jenkinsJobTreeRootSchema.safeParse(value),
      ).jobs ?? []
    );
  }

  /** Like {@link JenkinsClient.getJob}, but `undefined` for a missing item. */
  async findJob(fullName: string): Promise<JenkinsJob | undefined> {
    try {
      return await this.getJob(fullName, { buildCount: 0 });
    } catch (error) {
      if (error instanceof UpstreamError && error.status === 404) {
        return undefined;
      }
      throw error;
    }
  }

  /** One build. */
  async getBuild(fullName: string, number: number): Promise<JenkinsBuild> {
    const path = `${jobPath(fullName)}/${number}/api/json`;
    const response = await this.fetch({ path });
    return parseJsonBody('jenkins', `GET ${path}`, response.text, value =>
      jenkinsBuildSchema.safeParse(value),
    );
  }

  /** The job's config.xml, or `undefined` when the job does not exist. */
  async getJobConfig(fullName: string): Promise<string | undefined> {
    const response = await this.fetch(
      { path: `${jobPath(fullName)}/config.xml` },
      [404],
    );
    return response.status === 404 ? undefined : response.text;
  }

  /**
   * Creates each missing folder of `folders` (outermost first) from `folderConfigXml` (default: a plain
   * folder); a non-folder in the way is an error.
   */
  async ensureFolders(
    folders: string[],
    folderConfigXml: string = FOLDER_XML,
  ): Promise<void> {
    for (let depth = 1; depth <= folders.length; depth++) {
      const path = folders.slice(0, depth);
      const existing = await this.findJob(path.join('/'));
      if (existing) {
        if (
          existing._class &&
          existing._class !== JENKINS_FOLDER_CLASS &&
          !/Folder|OrganizationFolder/.test(existing._class)
        ) {
          throw new UpstreamError({
            upstream: 'jenkins',
            kind: 'upstream',
            status: 409,
            message: `'${path.join('/')}' exists and is not a folder (${
              existing._class
            })`,
          });
        }
        continue;
      }
      await this.createItem(
        path.slice(0, -1),
        path[path.length - 1],
        folderConfigXml,
      );
    }
  }

  /**
   * Creates the item, or reports `false` when Jenkins says it already exists (a concurrent create won);
   * any other failure throws.
   */
  async createItem(
    folders: string[],
    name: string,
    configXml: string,
  ): Promise<boolean> {
    splitJobFullName([...folders, name].join('/'));
    const path = `${folders.length ? jobPath(folders) : ''}/createItem`;
    const response = await this.fetch(
      {
        method: 'POST',
        path,
        query: { name },
        headers: { 'Content-Type': 'application/xml; charset=utf-8' },
        body: configXml,
      },
      [400],
    );
    if (response.status === 400) {
      const reason = response.headers.get('x-error') ?? '';
      if (/already exists/i.test(reason)) {
        return false;
      }
      throw new UpstreamError({
        upstream: 'jenkins',
        kind: 'upstream',
        status: 400,
        message: `POST ${path} answered 400${reason ? `: ${reason}` : ''}`,
      });
    }
    return true;
  }

  /** Replaces a job's config.xml. */
  async updateJobConfig(fullName: string, configXml: string): Promise<void> {
    await this.fetch({
      method: 'POST',
      path: `${jobPath(fullName)}/config.xml`,
      headers: { 'Content-Type': 'application/xml; charset=utf-8' },
      body: configXml,
    });
  }

  /**
   * Creates the job (folders first) or updates its config. `unchanged` when the stored config already equals
   * `configXml` after whitespace normalisation or `isSame` says so (Jenkins re-serialises what it stores);
   * `mayReplace` decides whether an existing different job may be replaced (else a 409 `UpstreamError`).
   */
  async upsertJob(
    fullName: string,
    configXml: string,
    options: {
      isSame?: (existingXml: string) => boolean;
      mayReplace: (existingXml: string) => boolean;
      /** config.xml of folders that have to be created. */
      folderConfigXml?: string;
    },
  ): Promise<JenkinsUpsertResult> {
    const segments = splitJobFullName(fullName);
    const folders = segments.slice(0, -1);
    const name = segments[segments.length - 1];
    await this.ensureFolders(folders, options.folderConfigXml);
    let existing = await this.getJobConfig(fullName);
    if (existing === undefined) {
      if (await this.createItem(folders, name, configXml)) {
        return 'created';
      }
      existing = (await this.getJobConfig(fullName)) ?? '';
    }
    if (
      normaliseXml(existing) === normaliseXml(configXml) ||
      options.isSame?.(existing)
    ) {
      return 'unchanged';
    }
    if (!options.mayReplace(existing)) {
      throw new UpstreamError({
        upstream: 'jenkins',
        kind: 'upstream',
        status: 409,
        message: `job '${fullName}' already exists with a different configuration; set overwrite: true to replace it`,
      });
    }
    await this.updateJobConfig(fullName, configXml);
    return 'updated';
  }

  /** Queues a build and returns the queue item id (from the `Location` header). */
  async triggerBuild(fullName: string): Promise<number> {
    const path = `${jobPath(fullName)}/build`;
    const response = await this.fetch({ method: 'POST', path }, [201]);
    const location = response.headers.get('location') ?? '';
    const match = /\/queue\/item\/(\d+)\/?$/.exec(location);
    if (!match) {
      throw new UpstreamError({
        upstream: 'jenkins',
        kind: 'bad-response',
        message: `POST ${path} did not answer a queue item Location`,
      });
    }
    return Number(match[1]);
  }

  /** Polls a queue item until it becomes a build; resolves to the build number. */
  async waitForBuildNumber(
    queueId: number,
    options: {
      timeoutMs?: number;
      intervalMs?: number;
      signal?: AbortSignal;
    } = {},
  ): Promise<number> {
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    const path = `/queue/item/${queueId}/api/json`;
    for (;;) {
      const response = await this.fetch({ path });
      const item = parseJsonBody(
        'jenkins',
        `GET ${path}`,
        response.text,
        value => jenkinsQueueItemSchema.safeParse(value),
      );
      if (item.executable?.number !== undefined) {
        return item.executable.number;
      }
      if (item.cancelled) {
        throw new UpstreamError({
          upstream: 'jenkins',
          kind: 'upstream',
          message: `queue item ${queueId} was cancelled`,
        });
      }
      if (Date.now() > deadline || options.signal?.aborted) {
        throw new UpstreamError({
          upstream: 'jenkins',
          kind: 'timeout',
          message: `queue item ${queueId} did not start a build in time${
            item.why ? ` (${item.why})` : ''
          }`,
        });
      }
      await new Promise(resolve =>
        setTimeout(resolve, options.intervalMs ?? 1000),
      );
    }
  }

  private fetch(
    request: Parameters<typeof upstreamFetch>[2],
    acceptStatus?: number[],
  ) {
    return upstreamFetch('jenkins', this.config, request, {
      errorBody: 'x-error-header',
      acceptStatus,
    });
  }
}

function normaliseXml(xml: string): string {
  return xml
    .replace(/^<\?xml[^>]*\?>/, '')
    .replace(/>\s+</g, '><')
    .trim();
}
