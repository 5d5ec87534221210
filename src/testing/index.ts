export * from './data-plane';
export * from './requests';
export * from './diagnostics';
export * from './backend-simulation';
export * from './conformance-runner';
export * from './assumed-objects';
export type { PartiallyInvalidApproach } from './controller';
