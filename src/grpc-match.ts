import type * as l1 from '../generated';
import { HeaderMatch, MatchType } from './header-match';
import { constructError, Where } from './private/error-scope';
import { checkMaxItems } from './private/field-checks';
import { checkRe2, checkText, checkUnique } from './private/route-checks';

/** Which gRPC service and/or method a match selects. Give one or both. */
export interface GrpcMethodSelector {
  /**
   * Fully qualified service name, such as `mypackage.UserService`
   * (an RE2 pattern for {@link GrpcMatch.regex}).
   *
   * @default - any service
   */
  readonly service?: string;
  /**
   * Method name, such as `CreateOrder` (an RE2 pattern for {@link GrpcMatch.regex}).
   *
   * @default - any method
   */
  readonly method?: string;
}

/** Conditions besides the method that a gRPC request must meet. */
export interface GrpcMatchOptions {
  /**
   * Request metadata (headers) that must match, all together. At most 16.
   *
   * @default - headers are not considered
   */
  readonly headers?: HeaderMatch[];
}

/**
 * Full description of a gRPC match, for {@link GrpcMatch.of} (`GrpcMatchOptions`
 * is the name of the header conditions every factory takes).
 */
export interface ExplicitGrpcMatchOptions extends GrpcMethodSelector, GrpcMatchOptions {
  /**
   * How `service` and `method` are compared. When set, it is written to the
   * manifest even if it is the API default (`Exact`).
   *
   * @default - not written; the API server applies `Exact`
   */
  readonly type?: MatchType;
}

/** @deprecated use {@link ExplicitGrpcMatchOptions} */
export type GrpcMatchProps = ExplicitGrpcMatchOptions;

/** An Exact service name: an optional leading dot, then dot-separated identifiers. */
const SERVICE_NAME = /^\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$/i;
/** An Exact method name: one identifier. */
const METHOD_NAME = /^[A-Za-z_][A-Za-z_0-9]*$/;

/**
 * One way a gRPC request can match a GRPCRoute rule: a service/method
 * condition plus optional header conditions. A rule's `matches` list is an OR
 * of such matches.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#grpcroutematch
 */
export class GrpcMatch {
  /**
   * Requests to exactly this service and/or method. The manifest carries no
   * `type` (the API default is `Exact`).
   *
   * @example GrpcMatch.exact({ service: 'mypackage.OrderService', method: 'CreateOrder' })
   */
  public static exact(selector: GrpcMethodSelector, options: GrpcMatchOptions = {}): GrpcMatch {
    return GrpcMatch.exactMatch('GrpcMatch.exact', selector, undefined, options);
  }

  /**
   * A match written exactly as described, including an explicit `type` when
   * one is given (with a service and/or method), or headers only.
   *
   * @example GrpcMatch.of({ service: 'mypackage.UserService', type: MatchType.EXACT })
   */
  public static of(props: ExplicitGrpcMatchOptions): GrpcMatch {
    const { service, method, type, headers } = props;
    if (service === undefined && method === undefined) {
      if (type !== undefined) throw constructError('GrpcMatch.of', 'missing', 'a `type` needs a service, a method or both', 'type');
      return GrpcMatch.headers(...headers ?? []);
    }
    if (type === MatchType.REGULAR_EXPRESSION) return GrpcMatch.regex({ service, method }, { headers });
    return GrpcMatch.exactMatch('GrpcMatch.of', { service, method }, type, { headers });
  }

  private static exactMatch(where: Where, selector: GrpcMethodSelector, type: MatchType | undefined, options: GrpcMatchOptions): GrpcMatch {
    checkSelector(where, selector);
    if (selector.service !== undefined && !SERVICE_NAME.test(selector.service)) {
      throw constructError(where, 'invalid-value', `service '${selector.service}' must be a dotted name of identifiers such as 'mypackage.UserService'; use GrpcMatch.regex for patterns`, 'service');
    }
    if (selector.method !== undefined && !METHOD_NAME.test(selector.method)) {
      throw constructError(where, 'invalid-value', `method '${selector.method}' must be one identifier such as 'CreateOrder'; use GrpcMatch.regex for patterns`, 'method');
    }
    return new GrpcMatch(where, selector, type, options);
  }

  /**
   * Requests whose service and/or method match RE2 regular expressions
   * (validated here with re2js).
   *
   * @example GrpcMatch.regex({ service: 'mypackage\\..*', method: 'Get.*' })
   */
  public static regex(selector: GrpcMethodSelector, options: GrpcMatchOptions = {}): GrpcMatch {
    const where = 'GrpcMatch.regex';
    checkSelector(where, selector);
    if (selector.service !== undefined) checkRe2(selector.service, 1024, where, 'service');
    if (selector.method !== undefined) checkRe2(selector.method, 1024, where, 'method');
    return new GrpcMatch(where, selector, MatchType.REGULAR_EXPRESSION, options);
  }

  /**
   * Requests to any method whose headers match, all together.
   *
   * @example GrpcMatch.headers(HeaderMatch.exact('x-tenant', 'acme'))
   */
  public static headers(...headers: HeaderMatch[]): GrpcMatch {
    if (headers.length === 0) {
      throw constructError('GrpcMatch.headers', 'missing', 'give at least one HeaderMatch; to match every request, leave `matches` out of the rule');
    }
    return new GrpcMatch('GrpcMatch.headers', undefined, undefined, { headers });
  }

  /** The service condition (a name, or an RE2 pattern when `type` is RegularExpression), if any. */
  public readonly service?: string;
  /** The method condition (a name, or an RE2 pattern when `type` is RegularExpression), if any. */
  public readonly method?: string;
  /** How `service` and `method` are compared, when stated. */
  public readonly type?: MatchType;
  private readonly selector?: GrpcMethodSelector;
  private readonly headerMatches: readonly HeaderMatch[];

  private constructor(where: Where, selector: GrpcMethodSelector | undefined, type: MatchType | undefined, options: GrpcMatchOptions) {
    this.selector = selector ? { service: selector.service, method: selector.method } : undefined;
    this.service = selector?.service;
    this.method = selector?.method;
    this.type = type;
    this.headerMatches = [...(options.headers ?? [])];
    checkMaxItems(this.headerMatches.length, 16, where, 'headers');
    checkUnique(this.headerMatches.map(h => h.name), true, where, 'headers');
  }

  /** The header conditions, in order. */
  public get headers(): HeaderMatch[] {
    return [...this.headerMatches];
  }

  /** @internal */
  public _render(): l1.GRPCRouteMatch {
    const out: l1.GRPCRouteMatch = {};
    if (this.selector) {
      out.method = {
        ...(this.selector.service !== undefined ? { service: this.selector.service } : {}),
        ...(this.selector.method !== undefined ? { method: this.selector.method } : {}),
        ...(this.type ? { type: this.type } : {}),
      };
    }
    if (this.headerMatches.length) out.headers = this.headerMatches.map(h => h._render());
    return out;
  }
}

function checkSelector(where: Where, selector: GrpcMethodSelector): void {
  if (selector.service === undefined && selector.method === undefined) {
    throw constructError(where, 'missing', 'give a service, a method or both (e.g. { service: \'mypackage.UserService\' })');
  }
  if (selector.service !== undefined) checkText(selector.service, 1024, where, 'service');
  if (selector.method !== undefined) checkText(selector.method, 1024, where, 'method');
}
