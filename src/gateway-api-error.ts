import type { Diagnostic } from './validation/diagnostic';

/** Properties of {@link GatewayApiError}. */
export interface GatewayApiErrorProps {
  /**
   * Stable identifier of the problem, `construct/<slug>` (listed in
   * docs/validation.md), e.g. `construct/invalid-value`.
   */
  readonly code: string;
  /** What is wrong, the offending value and what would be valid, without the location. */
  readonly message: string;
  /**
   * Construct path of the construct the error is about.
   * @default - none: the error is about a factory or method call with no construct yet (see `api`)
   */
  readonly path?: string;
  /**
   * Kind of the construct's object (`HTTPRoute`), or its class name for a construct that renders no single object.
   * @default - none
   */
  readonly kind?: string;
  /**
   * The call that refused the input when no construct exists yet, e.g. `Filter.requestRedirect`.
   * @default - none
   */
  readonly api?: string;
  /**
   * The option or field at fault, as the API being called names it, e.g. `rules[0].backends[1]`.
   * @default - none
   */
  readonly field?: string;
}

/**
 * The error every construct, factory and `addXxx` method of this library
 * throws for bad input. Besides the message it carries, for programs and
 * tests, the construct path, the field and a stable code.
 *
 * `message` names the location once: `HTTPRoute 'app/chart/web': <detail>`
 * for a construct, `Filter.requestRedirect: <detail>` for a factory call;
 * `detail` is the same text without it.
 */
export class GatewayApiError extends Error {
  /** Whether `x` is a `GatewayApiError` (also across copies of this package). */
  public static isGatewayApiError(x: unknown): x is GatewayApiError {
    return x instanceof GatewayApiError || (x instanceof Error && (x as { name?: string }).name === 'GatewayApiError' && typeof (x as { code?: unknown }).code === 'string');
  }

  /** Stable identifier of the problem, `construct/<slug>`. */
  public readonly code: string;
  /** Construct path of the construct the error is about; undefined for a factory call. */
  public readonly path?: string;
  /** Kind of the construct's object, when the error is about a construct. */
  public readonly kind?: string;
  /** The factory or method call, when the error is not about a construct. */
  public readonly api?: string;
  /** The option or field at fault, when one is. */
  public readonly field?: string;
  /** The message without the location prefix. */
  public readonly detail: string;

  public constructor(props: GatewayApiErrorProps) {
    const location = props.path !== undefined ? `${props.kind ? `${props.kind} ` : ''}'${props.path}'` : props.api;
    super(location ? `${location}: ${props.message}` : props.message);
    Object.setPrototypeOf(this, GatewayApiError.prototype);
    this.name = 'GatewayApiError';
    this.code = props.code;
    this.detail = props.message;
    if (props.path !== undefined) this.path = props.path;
    if (props.kind !== undefined) this.kind = props.kind;
    if (props.api !== undefined) this.api = props.api;
    if (props.field !== undefined) this.field = props.field;
  }

  /**
   * The error as a validation diagnostic (severity `error`), with the
   * construct path (or the call) as its `source`.
   */
  public toDiagnostic(): Diagnostic {
    return {
      code: this.code,
      severity: 'error',
      message: this.detail,
      ...(this.field !== undefined ? { field: this.field } : {}),
      ...(this.path ?? this.api) !== undefined ? { source: (this.path ?? this.api)! } : {},
    };
  }
}
