export * from './JenkinsClient';
export * from './jobPath';
export { JENKINS_FOLDER_CLASS } from './types';
export type {
  JenkinsBuild,
  JenkinsBuildResult,
  JenkinsJob,
  JenkinsJobTree,
} from './types';
export type { JenkinsConfig, JenkinsInstanceConfig } from './config';
