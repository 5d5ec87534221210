export * as l1 from '../generated';
export * from './resource';
export * from './parent';
export * from './reference-grant';
export * from './certificate';
export * from './label-selector';
export * from './listener';
export * from './gateway-class';
export * from './gateway';
