export * from './KubernetesClient';
export * from './kubernetesError';
export * from './types';
export * from './applyConflict';
