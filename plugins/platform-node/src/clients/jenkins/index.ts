export * from './JenkinsClient';
export * from './jobPath';
export * from './types';
