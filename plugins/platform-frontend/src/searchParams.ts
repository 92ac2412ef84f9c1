/**
 * URL search parameters that link the cards of the Health tab, so every cross-link is deep-linkable:
 * `?traceId=` opens a trace in the Traces card; `?logsTraceId=&logsStart=&logsEnd=` filters the Logs card.
 */
export const SEARCH_PARAMS = {
  traceId: 'traceId',
  logsTraceId: 'logsTraceId',
  logsStart: 'logsStart',
  logsEnd: 'logsEnd',
} as const;
