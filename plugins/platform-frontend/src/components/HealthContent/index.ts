export { HealthContent } from './HealthContent';
