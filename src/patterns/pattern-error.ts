/**
 * How the patterns throw bad input: a {@link GatewayApiError}, built with
 * the public API only (patterns use nothing the users cannot). Internal,
 * not exported from index.ts.
 */
import { GatewayApiError } from '../gateway-api-error';

/** A pattern construct (or a construct it is given): its kind and construct path. */
export class ConstructScope {
  public constructor(public readonly kind: string, public readonly path: string) {}
}

/** Where input was given: a construct, or the name of a factory call (`CanaryPlan.steps`). */
export type Where = ConstructScope | string;

/** The error for bad input at `where`, with a `construct/<code>` code (see docs/validation.md). */
export function constructError(where: Where, code: string, message: string, field?: string): GatewayApiError {
  const at = typeof where === 'string' ? { api: where } : { kind: where.kind, path: where.path };
  return new GatewayApiError({ code: `construct/${code}`, message, ...at, ...(field !== undefined ? { field } : {}) });
}
