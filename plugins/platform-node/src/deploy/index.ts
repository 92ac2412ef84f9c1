export * from './planImageTag';
export * from './deployImageTag';
