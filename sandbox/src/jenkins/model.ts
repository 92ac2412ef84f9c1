/** Jenkins items (folders and jobs), builds and queue items held by the simulator. */

export type JobClass =
  | 'org.jenkinsci.plugins.workflow.job.WorkflowJob'
  | 'hudson.model.FreeStyleProject';
export const FOLDER_CLASS = 'com.cloudbees.hudson.plugins.folder.Folder';

export type Result =
  | 'SUCCESS'
  | 'UNSTABLE'
  | 'FAILURE'
  | 'ABORTED'
  | 'NOT_BUILT';

export interface Build {
  number: number;
  queueId: number;
  building: boolean;
  result: Result | null;
  timestamp: number;
  duration: number;
  estimatedDuration: number;
  log: string[];
  /** the deploy commit pushed by this build, when any */
  deployCommit?: string;
}

export interface Folder {
  type: 'folder';
  name: string;
  configXml: string;
  description: string;
  items: Map<string, Item>;
}

export interface Job {
  type: 'job';
  name: string;
  jobClass: JobClass;
  configXml: string;
  description: string;
  disabled: boolean;
  nextBuildNumber: number;
  builds: Build[];
}

export type Item = Folder | Job;

export interface QueueItem {
  id: number;
  jobPath: string[];
  inQueueSince: number;
  cancelled: boolean;
  buildNumber?: number;
  /** when the item left the queue */
  leftAt?: number;
}

export function newFolder(
  name: string,
  configXml: string,
  description = '',
): Folder {
  return { type: 'folder', name, configXml, description, items: new Map() };
}

export function newJob(
  name: string,
  jobClass: JobClass,
  configXml: string,
  description = '',
): Job {
  return {
    type: 'job',
    name,
    jobClass,
    configXml,
    description,
    disabled: false,
    nextBuildNumber: 1,
    builds: [],
  };
}

/** Ball colour of a job, from its newest completed build. */
export function colorOf(job: Job): string {
  if (job.disabled) return 'disabled';
  const building = job.builds.some(b => b.building);
  const completed = [...job.builds]
    .sort((a, b) => b.number - a.number)
    .find(b => !b.building);
  let base = 'notbuilt';
  if (completed) {
    base = {
      SUCCESS: 'blue',
      UNSTABLE: 'yellow',
      FAILURE: 'red',
      ABORTED: 'aborted',
      NOT_BUILT: 'notbuilt',
    }[completed.result ?? 'NOT_BUILT'];
  }
  return building ? `${base}_anime` : base;
}

/** `/job/a/job/b/` for path [a, b]. */
export function jobUrl(base: string, path: string[]): string {
  return `${base}/${path.map(p => `job/${encodeURIComponent(p)}/`).join('')}`;
}

/** Jenkins rejects these characters in item names. */
const UNSAFE = /[?*/\\%!@#$^&|<>[\]:;]/;

export function checkItemName(name: string): string | undefined {
  if (!name || !name.trim()) return 'No name is specified';
  if (name === '.' || name === '..') return `“${name}” is not an allowed name`;
  const m = UNSAFE.exec(name);
  if (m) return `‘${m[0]}’ is an unsafe character`;
  if (name.length > 255) return 'name is too long';
  return undefined;
}
