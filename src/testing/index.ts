export * from './data-plane';
export * from './requests';
export * from './diagnostics';
export * from './conformance-runner';
