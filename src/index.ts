export * as l1 from '../generated';
