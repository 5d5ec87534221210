import { GatewayApiError } from '../../src';

/** What a user catching a construct's error sees: its code, the construct (kind, path) and the field. */
export interface CaughtError {
  readonly code: string;
  readonly kind?: string;
  readonly path?: string;
  readonly field?: string;
  readonly message: string;
}

/** Runs `fn`, which must throw a GatewayApiError (a TypeError or no throw fails the test), and returns what it carries. */
export function errorOf(fn: () => unknown): CaughtError {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  if (thrown === undefined) throw new Error('expected the call to throw a GatewayApiError; it returned');
  if (!(thrown instanceof GatewayApiError)) throw new Error(`expected a GatewayApiError, got ${String(thrown)}`);
  return { code: thrown.code, kind: thrown.kind, path: thrown.path, field: thrown.field, message: thrown.message };
}
