export * as l1 from '../generated';
export * from './validation';
