/**
 * How the library's checks say where bad input was given, and the one way
 * they throw it (a {@link GatewayApiError}). Internal, not exported from
 * index.ts.
 */
import { GatewayApiError } from '../gateway-api-error';

/** A construct: the kind of its object (or its class) and its construct path. */
export class ConstructScope {
  private pathText?: string;
  private readonly node?: { readonly path: string };

  /**
   * `path` is the construct path, or the construct's node: its path is then
   * read when a message first needs it (most checks pass and never print it).
   */
  public constructor(public readonly kind: string, path: string | { readonly path: string }) {
    if (typeof path === 'string') this.pathText = path;
    else this.node = path;
  }

  /** The construct path. */
  public get path(): string {
    this.pathText ??= this.node!.path;
    return this.pathText;
  }

  /** `Kind 'path'`, as messages name the construct. */
  public toString(): string {
    return `${this.kind} '${this.path}'`;
  }
}

/**
 * Where input was given: a construct, or the name of the factory or method
 * call that has no construct yet (`Filter.requestRedirect`). Prints as the
 * message prefix in either case.
 */
export type Where = ConstructScope | string;

/**
 * The kinds of construct error, each a `construct/<code>` code:
 * - `invalid-value`: a value has the wrong form or is out of range;
 * - `too-many`: more entries than the Gateway API allows;
 * - `duplicate`: an entry, name or key given twice;
 * - `conflict`: options that cannot be used together;
 * - `missing`: something required was not given, or a list is empty;
 * - `wrong-type`: a value is not the class (or Kubernetes kind) expected;
 * - `not-found`: a name that refers to nothing (a listener, a version, a rule);
 * - `unsupported`: a feature this kind, protocol or listener does not support;
 * - `missing-key` (synth-time only): a Secret or ConfigMap of the app lacks the key a certificate or CA bundle needs.
 */
export type ConstructErrorCode = 'invalid-value' | 'too-many' | 'duplicate' | 'conflict' | 'missing' | 'wrong-type' | 'not-found' | 'unsupported' | 'missing-key';

/** The error for bad input at `where`: `throw constructError(where, 'missing', 'give at least one backend', 'backends')`. */
export function constructError(where: Where, code: ConstructErrorCode, message: string, field?: string): GatewayApiError {
  const at = typeof where === 'string' ? { api: where } : { kind: where.kind, path: where.path };
  return new GatewayApiError({ code: `construct/${code}`, message, ...at, ...(field !== undefined ? { field } : {}) });
}
