/**
 * Upstream clients and config parsing of the platform plugins, shared by the platform backend and the
 * scaffolder actions.
 *
 * @packageDocumentation
 */

export * from './config';
export * from './http/UpstreamError';
export * from './http/upstreamFetch';
export * from './clients/argocd';
export * from './clients/prometheus';
export * from './clients/alertmanager';
export * from './clients/loki';
export * from './clients/tempo';
export * from './clients/elasticsearch';
export * from './clients/jenkins';
export * from './clients/kubernetes';
export * from './clients/git';
export * from './query';
export * from './sources';
export * from './deploy';
