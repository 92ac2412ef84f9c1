export * from './JenkinsClient';
export * from './jobPath';
export { JENKINS_FOLDER_CLASS } from './types';
export type { JenkinsBuild, JenkinsBuildResult, JenkinsJob } from './types';
export type { JenkinsConfig, JenkinsInstanceConfig } from './config';
