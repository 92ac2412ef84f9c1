export * from './KubernetesClient';
export * from './kubernetesError';
export * from './types';
export * from './applyConflict';
export type { KubernetesAccess } from './accessDenied';
export type { KubernetesConfig } from './config';
