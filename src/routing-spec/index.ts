export * from './routing-spec';
export * from './run-routing-spec';
