export { HealthContent } from './HealthContent';
export type { HealthCard } from './HealthContent';
export { DefaultHealthContent } from './DefaultHealthContent';
