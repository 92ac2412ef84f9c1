/**
 * The platform backend plugin: one observability API per catalog entity (Argo CD, alerts, RED metrics, Loki
 * logs, Tempo traces, Jenkins builds) under `/api/platform/v1/entities/:namespace/:kind/:name/`.
 *
 * @packageDocumentation
 */

export { platformPlugin as default } from './plugin';
