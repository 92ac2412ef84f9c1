export { BuildsCard } from './BuildsCard';
