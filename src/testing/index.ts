export * from './data-plane';
export * from './requests';
export * from './diagnostics';
export * from './backend-simulation';
export * from './conformance-runner';
