export * as l1 from '../generated';
export * from './resource';
export * from './parent';
export * from './reference-grant';
export * from './header-match';
export * from './http-match';
export * from './grpc-match';
export * from './filter';
export * from './backend';
