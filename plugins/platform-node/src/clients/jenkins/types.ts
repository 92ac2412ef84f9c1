import { z } from 'zod';

/** Result of a finished Jenkins build; null while it runs. @public */
export type JenkinsBuildResult =
  | 'SUCCESS'
  | 'UNSTABLE'
  | 'FAILURE'
  | 'ABORTED'
  | 'NOT_BUILT';

/** @public */
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
  .passthrough();

/** One build as Jenkins reports it in `builds[]` or `/{n}/api/json`. @public */
export type JenkinsBuild = z.infer<typeof jenkinsBuildSchema>;

/** @public */
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
  .passthrough();

/** A job or folder with its most recent builds. @public */
export type JenkinsJob = z.infer<typeof jenkinsJobSchema>;

/** A job or folder in the root's job tree: its last build, and a folder's own jobs. @public */
export interface JenkinsJobTree {
  _class?: string;
  name: string;
  url: string;
  lastBuild?: JenkinsBuild | null;
  lastCompletedBuild?: JenkinsBuild | null;
  jobs?: JenkinsJobTree[];
}

/** @public */
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
