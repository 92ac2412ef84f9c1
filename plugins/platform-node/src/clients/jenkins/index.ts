export * from './JenkinsClient';
export * from './jobPath';
export * from './types';
export type { JenkinsConfig, JenkinsInstanceConfig } from './config';
