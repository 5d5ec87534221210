export * from './api-group';
export * from './hostname';
export * from './label-selector';
export * from './allowed-routes';
export * from './allowed-listeners';
export * from './parent-ref';
export * from './listener-conflicts';
export * from './reference-grant';
