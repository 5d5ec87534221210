export * from './hostname';
export * from './label-selector';
export * from './allowed-routes';
export * from './parent-ref';
export * from './listener-conflicts';
export * from './reference-grant';
