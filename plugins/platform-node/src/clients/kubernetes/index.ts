export * from './KubernetesClient';
export * from './kubernetesError';
export * from './types';
export type { KubernetesConfig } from './config';
