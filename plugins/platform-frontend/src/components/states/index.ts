export { EmptyState } from './EmptyState';
export { LoadingState } from './LoadingState';
export { SourceErrorState } from './SourceErrorState';
export { SourceResultView } from './SourceResultView';
export type { AsyncSourceState } from './SourceResultView';
