export * from './https-redirect';
export * from './canary-release';
export * from './blue-green';
export * from './api-versioning';
