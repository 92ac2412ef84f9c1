export * from './goString';
export * from './equalityLabels';
export * from './logql';
export * from './traceql';
export * from './promql';
export * from './alertmanagerMatchers';
export * from './labelSelector';
export * from './namespaceBound';
