export * as l1 from '../generated';
export * from './resource';
export * from './parent';
export * from './reference-grant';
