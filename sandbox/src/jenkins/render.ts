/** JSON views of Jenkins objects as `/api/json` renders them. */
import {
  colorOf,
  FOLDER_CLASS,
  jobUrl,
  type Build,
  type Folder,
  type Item,
  type Job,
  type QueueItem,
} from './model.ts';

const RUN_CLASS: Record<string, string> = {
  'org.jenkinsci.plugins.workflow.job.WorkflowJob':
    'org.jenkinsci.plugins.workflow.job.WorkflowRun',
  'hudson.model.FreeStyleProject': 'hudson.model.FreeStyleBuild',
};

function buildRef(
  job: Job,
  b: Build | undefined,
  url: string,
  expand?: { path: string[]; base: string },
): Record<string, unknown> | null {
  if (!b) return null;
  // with `tree`, Jenkins walks into the full Run objects; at depth 0 it shows references only
  if (expand) return buildJson(job, expand.path, b, expand.base);
  return {
    _class: RUN_CLASS[job.jobClass],
    number: b.number,
    url: `${url}${b.number}/`,
  };
}

export function itemSummary(item: Item, url: string) {
  if (item.type === 'folder')
    return { _class: FOLDER_CLASS, name: item.name, url };
  return { _class: item.jobClass, name: item.name, url, color: colorOf(item) };
}

/**
 * An item of a root's or folder's `jobs`: a reference (name, url, color) at depth 0; with `tree`, Jenkins walks
 * into the full item (a job's builds, a folder's own jobs), which is how `tree=jobs[name,lastBuild[...],jobs[...]]`
 * reads a whole job tree in one request.
 */
export function listedItem(
  item: Item,
  path: string[],
  base: string,
  expand: boolean,
): Record<string, unknown> {
  const url = jobUrl(base, path);
  if (!expand) return itemSummary(item, url);
  return item.type === 'folder'
    ? folderJson(item, path, base, true)
    : jobJson(item, path, base, undefined, true);
}

export function folderJson(
  folder: Folder,
  path: string[],
  base: string,
  expand = false,
): Record<string, unknown> {
  const url = jobUrl(base, path);
  return {
    _class: FOLDER_CLASS,
    actions: [{}],
    description: folder.description || null,
    displayName: folder.name,
    displayNameOrNull: null,
    fullDisplayName: path.join(' » '),
    fullName: path.join('/'),
    name: folder.name,
    url,
    healthReport: [],
    jobs: [...folder.items.values()].map(i =>
      listedItem(i, [...path, i.name], base, expand),
    ),
    primaryView: { _class: 'hudson.model.AllView', name: 'All', url },
    views: [{ _class: 'hudson.model.AllView', name: 'All', url }],
  };
}

export function buildJson(job: Job, path: string[], b: Build, base: string) {
  const url = `${jobUrl(base, path)}${b.number}/`;
  const sorted = [...job.builds].sort((x, y) => x.number - y.number);
  const idx = sorted.findIndex(x => x.number === b.number);
  const prev = idx > 0 ? sorted[idx - 1] : undefined;
  const next =
    idx >= 0 && idx < sorted.length - 1 ? sorted[idx + 1] : undefined;
  return {
    _class: RUN_CLASS[job.jobClass],
    actions: [
      {
        _class: 'hudson.model.CauseAction',
        causes: [
          {
            _class: 'hudson.model.Cause$UserIdCause',
            shortDescription: 'Started by user platform',
            userId: 'platform',
            userName: 'platform',
          },
        ],
      },
      ...(b.deployCommit
        ? [
            {
              _class: 'hudson.plugins.git.util.BuildData',
              lastBuiltRevision: { SHA1: b.deployCommit },
            },
          ]
        : []),
    ],
    artifacts: [],
    building: b.building,
    description: null,
    displayName: `#${b.number}`,
    duration: b.building ? 0 : b.duration,
    estimatedDuration: b.estimatedDuration,
    executor: b.building ? {} : null,
    fullDisplayName: `${path.join(' » ')} #${b.number}`,
    id: String(b.number),
    keepLog: false,
    number: b.number,
    queueId: b.queueId,
    result: b.building ? null : b.result,
    timestamp: b.timestamp,
    url,
    changeSets: [],
    culprits: [],
    inProgress: b.building,
    nextBuild: next
      ? { number: next.number, url: `${jobUrl(base, path)}${next.number}/` }
      : null,
    previousBuild: prev
      ? { number: prev.number, url: `${jobUrl(base, path)}${prev.number}/` }
      : null,
  };
}

export function jobJson(
  job: Job,
  path: string[],
  base: string,
  queueItem?: QueueItem,
  expandBuilds = false,
) {
  const url = jobUrl(base, path);
  const ex = expandBuilds ? { path, base } : undefined;
  const newest = [...job.builds].sort((a, b) => b.number - a.number);
  const completed = newest.filter(b => !b.building);
  const find = (pred: (b: Build) => boolean) =>
    buildRef(job, completed.find(pred), url, ex);
  return {
    _class: job.jobClass,
    actions: [
      {},
      {},
      {
        _class: 'org.jenkinsci.plugins.displayurlapi.actions.JobDisplayAction',
      },
    ],
    description: job.description,
    displayName: job.name,
    displayNameOrNull: null,
    fullDisplayName: path.join(' » '),
    fullName: path.join('/'),
    name: job.name,
    url,
    buildable: !job.disabled,
    builds: newest.map(b => buildRef(job, b, url, ex)),
    color: colorOf(job),
    firstBuild: buildRef(job, newest[newest.length - 1], url, ex),
    healthReport: completed.length
      ? [
          {
            description: `Build stability: ${
              completed.slice(0, 5).filter(b => b.result !== 'SUCCESS').length
            } out of the last ${Math.min(5, completed.length)} builds failed.`,
            iconClassName: 'icon-health-80plus',
            iconUrl: 'health-80plus.png',
            score: Math.round(
              (100 *
                completed.slice(0, 5).filter(b => b.result === 'SUCCESS')
                  .length) /
                Math.min(5, completed.length),
            ),
          },
        ]
      : [],
    inQueue: !!queueItem,
    keepDependencies: false,
    lastBuild: buildRef(job, newest[0], url, ex),
    lastCompletedBuild: buildRef(job, completed[0], url, ex),
    lastFailedBuild: find(b => b.result === 'FAILURE'),
    lastStableBuild: find(b => b.result === 'SUCCESS'),
    lastSuccessfulBuild: find(
      b => b.result === 'SUCCESS' || b.result === 'UNSTABLE',
    ),
    lastUnstableBuild: find(b => b.result === 'UNSTABLE'),
    lastUnsuccessfulBuild: find(b => b.result !== 'SUCCESS'),
    nextBuildNumber: job.nextBuildNumber,
    property: [],
    queueItem: queueItem
      ? { _class: 'hudson.model.Queue$WaitingItem', id: queueItem.id }
      : null,
    concurrentBuild: false,
    disabled: job.disabled,
    resumeBlocked: false,
  };
}

export function queueItemJson(
  q: QueueItem,
  job: Job | undefined,
  base: string,
) {
  const taskUrl = jobUrl(base, q.jobPath);
  const task = {
    _class: job?.jobClass ?? 'hudson.model.FreeStyleProject',
    name: q.jobPath[q.jobPath.length - 1],
    url: taskUrl,
    color: job ? colorOf(job) : 'notbuilt',
  };
  const common = {
    actions: [
      {
        _class: 'hudson.model.CauseAction',
        causes: [
          {
            _class: 'hudson.model.Cause$UserIdCause',
            shortDescription: 'Started by user platform',
            userId: 'platform',
            userName: 'platform',
          },
        ],
      },
    ],
    blocked: false,
    buildable: false,
    id: q.id,
    inQueueSince: q.inQueueSince,
    params: '',
    stuck: false,
    task,
    url: `queue/item/${q.id}/`,
  };
  if (q.cancelled)
    return {
      _class: 'hudson.model.Queue$LeftItem',
      ...common,
      why: null,
      cancelled: true,
      executable: null,
    };
  if (q.buildNumber !== undefined) {
    return {
      _class: 'hudson.model.Queue$LeftItem',
      ...common,
      why: null,
      cancelled: false,
      executable: {
        _class: job ? RUN_CLASS[job.jobClass] : 'hudson.model.FreeStyleBuild',
        number: q.buildNumber,
        url: `${taskUrl}${q.buildNumber}/`,
      },
    };
  }
  return {
    _class: 'hudson.model.Queue$WaitingItem',
    ...common,
    why: 'In the quiet period. Expires in 0.9 sec',
    timestamp: q.inQueueSince + 1000,
  };
}
