export { TracesCard } from './TracesCard';
export { TraceWaterfall } from './TraceWaterfall';
export { buildWaterfall } from './waterfall';
