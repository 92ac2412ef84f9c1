export { ServiceGraphCard } from './ServiceGraphCard';
