export * from './fields';
export * from './indexPattern';
export * from './logSearch';
export * from './kibana';
