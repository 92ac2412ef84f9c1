import { z } from 'zod/v4';

/** Result of a finished Jenkins build; null while it runs. @public */
export type JenkinsBuildResult =
  | 'SUCCESS'
  | 'UNSTABLE'
  | 'FAILURE'
  | 'ABORTED'
  | 'NOT_BUILT';

/** One build as Jenkins reports it in `builds[]` or `/{n}/api/json`. @public */
export interface JenkinsBuild {
  number: number;
  url: string;
  building?: boolean;
  result?: JenkinsBuildResult | null;
  timestamp?: number;
  duration?: number;
  [key: string]: unknown;
}

/** A job or folder with its most recent builds. @public */
export interface JenkinsJob {
  _class?: string;
  name: string;
  fullName?: string;
  url: string;
  color?: string;
  nextBuildNumber?: number;
  builds?: JenkinsBuild[];
  lastBuild?: JenkinsBuild | null;
  [key: string]: unknown;
}

export const jenkinsBuildSchema = z
  .object({
    number: z.number().int(),
    url: z.string(),
    building: z.boolean().optional(),
    result: z
      .enum(['SUCCESS', 'UNSTABLE', 'FAILURE', 'ABORTED', 'NOT_BUILT'])
      .nullable()
      .optional(),
    timestamp: z.number().optional(),
    duration: z.number().optional(),
  })
  .passthrough() satisfies z.ZodType<JenkinsBuild, unknown>;

export const jenkinsJobSchema = z
  .object({
    _class: z.string().optional(),
    name: z.string(),
    fullName: z.string().optional(),
    url: z.string(),
    color: z.string().optional(),
    nextBuildNumber: z.number().int().optional(),
    builds: z.array(jenkinsBuildSchema).optional(),
    lastBuild: jenkinsBuildSchema.nullable().optional(),
  })
  .passthrough() satisfies z.ZodType<JenkinsJob, unknown>;

/** A job or folder in the root's job tree: its last build, and a folder's own jobs. @public */
export interface JenkinsJobTree {
  _class?: string;
  name: string;
  url: string;
  lastBuild?: JenkinsBuild | null;
  lastCompletedBuild?: JenkinsBuild | null;
  jobs?: JenkinsJobTree[];
}

export const jenkinsQueueItemSchema = z
  .object({
    id: z.number().int(),
    cancelled: z.boolean().optional(),
    why: z.string().nullable().optional(),
    executable: z
      .object({ number: z.number().int(), url: z.string() })
      .nullable()
      .optional(),
  })
  .passthrough();

/** The Jenkins item class of a folder. @public */
export const JENKINS_FOLDER_CLASS =
  'com.cloudbees.hudson.plugins.folder.Folder';
