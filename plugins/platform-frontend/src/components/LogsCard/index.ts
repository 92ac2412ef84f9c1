export { LogsCard } from './LogsCard';
export { LogViewer } from './LogViewer';
