export { ArgoCdCard } from './ArgoCdCard';
