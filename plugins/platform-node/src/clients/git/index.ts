export * from './runGit';
export * from './GitRepository';
