import type * as l1 from '../generated';
import { HeaderMatch, MatchType } from './header-match';
import { constructError, Where } from './private/error-scope';
import { checkMaxItems } from './private/field-checks';
import { listOf } from './private/lists';
import { checkHeaderName, checkRe2, checkText, checkUnique } from './private/route-checks';

/**
 * HTTP request methods an HTTPRoute match can select.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httpmethod
 */
export enum HttpMethod {
  /** GET */
  GET = 'GET',
  /** HEAD */
  HEAD = 'HEAD',
  /** POST */
  POST = 'POST',
  /** PUT */
  PUT = 'PUT',
  /** DELETE */
  DELETE = 'DELETE',
  /** CONNECT */
  CONNECT = 'CONNECT',
  /** OPTIONS */
  OPTIONS = 'OPTIONS',
  /** TRACE */
  TRACE = 'TRACE',
  /** PATCH */
  PATCH = 'PATCH',
}

/** Full description of a query parameter match, for {@link QueryParamMatch.of}. */
export interface QueryParamMatchOptions {
  /** Query parameter name; compared case-sensitively. */
  readonly name: string;
  /** Exact value, or an RE2 pattern when `type` is `MatchType.REGULAR_EXPRESSION`. */
  readonly value: string;
  /**
   * How `value` is compared. When set, it is written to the manifest even if it
   * is the API default (`Exact`).
   *
   * @default - not written; the API server applies `Exact`
   */
  readonly type?: MatchType;
}

/** @deprecated use {@link QueryParamMatchOptions} */
export type QueryParamMatchProps = QueryParamMatchOptions;

/**
 * One query-parameter condition of an HTTP match. Several query parameter
 * matches in one match must all hold (AND).
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httpqueryparammatch
 */
export class QueryParamMatch {
  /**
   * The query parameter must be present with exactly this value. The manifest
   * carries no `type` (the API default is `Exact`).
   *
   * @example QueryParamMatch.exact('version', '2')
   */
  public static exact(name: string, value: string): QueryParamMatch {
    return QueryParamMatch.of({ name, value });
  }

  /**
   * The query parameter value must match an RE2 regular expression.
   *
   * @example QueryParamMatch.regex('version', '^2(\\.[0-9]+)?$')
   */
  public static regex(name: string, pattern: string): QueryParamMatch {
    return QueryParamMatch.of({ name, value: pattern, type: MatchType.REGULAR_EXPRESSION });
  }

  /**
   * A query parameter match written exactly as described, including an explicit
   * `type` when one is given.
   *
   * @example QueryParamMatch.of({ name: 'debug', value: 'true', type: MatchType.EXACT })
   */
  public static of(props: QueryParamMatchOptions): QueryParamMatch {
    const where = 'QueryParamMatch';
    checkHeaderName(props.name, where, 'name');
    if (props.type === MatchType.REGULAR_EXPRESSION) {
      checkRe2(props.value, 1024, where, `value of query parameter '${props.name}'`);
    } else {
      checkText(props.value, 1024, where, `value of query parameter '${props.name}'`);
    }
    return new QueryParamMatch(props.name, props.value, props.type);
  }

  private constructor(
    /** Query parameter name. */
    public readonly name: string,
    /** Exact value or RE2 pattern. */
    public readonly value: string,
    /** Comparison, when stated explicitly. */
    public readonly type?: MatchType,
  ) {}

  /** @internal */
  public _render(): l1.HTTPQueryParamMatch {
    return { name: this.name, ...(this.type ? { type: this.type } : {}), value: this.value };
  }
}

/** Conditions besides the path that a request must meet, all together (AND). */
export interface HttpMatchOptions {
  /**
   * Request headers that must match. At most 16; names must be distinct (case-insensitively).
   *
   * @default - headers are not considered
   */
  readonly headers?: HeaderMatch[];
  /**
   * Query parameters that must match. At most 16; names must be distinct.
   *
   * @default - query parameters are not considered
   */
  readonly queryParams?: QueryParamMatch[];
  /**
   * The request method.
   *
   * @default - any method
   */
  readonly method?: HttpMethod;
}

/**
 * How the request path is compared.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#pathmatchtype
 */
export enum PathMatchType {
  /** The path must equal the value exactly (case-sensitive). */
  EXACT = 'Exact',
  /** The path must start with the value, element by element (`/api` matches `/api` and `/api/x`, not `/apix`). */
  PATH_PREFIX = 'PathPrefix',
  /** The path must match an RE2 regular expression. */
  REGULAR_EXPRESSION = 'RegularExpression',
}

/** The request methods a match may name (listed once, not per match). */
const HTTP_METHODS: readonly HttpMethod[] = Object.values(HttpMethod);

/** Characters a literal (Exact or PathPrefix) path may contain, or percent-encoded bytes. */
const PATH_CHARS = /^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$/;

/**
 * One way a request can match an HTTPRoute rule: a path condition plus
 * optional header, query and method conditions, all of which must hold.
 * A rule's `matches` list is an OR of such matches.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httproutematch
 */
export class HttpMatch {
  /**
   * Paths that start with `path`, compared element by element: `/api` matches
   * `/api` and `/api/users`, not `/apiary`. A trailing `/` is ignored.
   *
   * @example HttpMatch.pathPrefix('/api', { method: HttpMethod.GET })
   */
  public static pathPrefix(path: string, options: HttpMatchOptions = {}): HttpMatch {
    checkLiteralPath('HttpMatch.pathPrefix', path);
    return new HttpMatch('HttpMatch.pathPrefix', { type: PathMatchType.PATH_PREFIX, value: path }, options);
  }

  /**
   * Exactly this path.
   *
   * @example HttpMatch.pathExact('/healthz')
   */
  public static pathExact(path: string, options: HttpMatchOptions = {}): HttpMatch {
    checkLiteralPath('HttpMatch.pathExact', path);
    return new HttpMatch('HttpMatch.pathExact', { type: PathMatchType.EXACT, value: path }, options);
  }

  /**
   * Paths that match an RE2 regular expression (validated here with re2js).
   * Support for regular expression paths is implementation-specific.
   *
   * @example HttpMatch.pathRegex('^/users/[0-9]+$')
   */
  public static pathRegex(pattern: string, options: HttpMatchOptions = {}): HttpMatch {
    checkRe2(pattern, 1024, 'HttpMatch.pathRegex', 'pattern');
    return new HttpMatch('HttpMatch.pathRegex', { type: PathMatchType.REGULAR_EXPRESSION, value: pattern }, options);
  }

  /**
   * Any path, narrowed by headers, query parameters and/or method. The
   * manifest carries no `path`, so the API default (every path) applies.
   *
   * @example HttpMatch.anyPath({ headers: [HeaderMatch.exact('X-Version', 'v2')] })
   */
  public static anyPath(options: HttpMatchOptions): HttpMatch {
    if (!options.headers?.length && !options.queryParams?.length && options.method === undefined) {
      throw constructError('HttpMatch.anyPath', 'missing', 'give at least one of headers, queryParams or method; to match every request, leave `matches` out of the rule');
    }
    return new HttpMatch('HttpMatch.anyPath', undefined, options);
  }

  /** The path condition, when the match has one. */
  public readonly path?: { readonly type: PathMatchType; readonly value: string };
  /** The request method condition, if any. */
  public readonly method?: HttpMethod;
  private readonly headerList: readonly HeaderMatch[];
  private readonly queryList: readonly QueryParamMatch[];

  private constructor(where: Where, path: { type: PathMatchType; value: string } | undefined, options: HttpMatchOptions) {
    this.path = path;
    this.headerList = listOf(options.headers);
    this.queryList = listOf(options.queryParams);
    this.method = options.method;
    checkMaxItems(this.headerList.length, 16, where, 'headers');
    checkUnique(this.headerList.map(h => h.name), true, where, 'headers');
    checkMaxItems(this.queryList.length, 16, where, 'queryParams');
    checkUnique(this.queryList.map(q => q.name), false, where, 'queryParams');
    if (this.method !== undefined && !HTTP_METHODS.includes(this.method)) {
      throw constructError(where, 'invalid-value', `method '${this.method}' is not one of ${HTTP_METHODS.join(', ')}`, 'method');
    }
  }

  /** The header conditions, in order. */
  public get headers(): HeaderMatch[] {
    return [...this.headerList];
  }

  /** The query parameter conditions, in order. */
  public get queryParams(): QueryParamMatch[] {
    return [...this.queryList];
  }

  /**
   * The options this match was made with (headers, query parameters,
   * method), to build a similar match with another path or more conditions.
   */
  public get options(): HttpMatchOptions {
    return {
      ...(this.headerList.length ? { headers: [...this.headerList] } : {}),
      ...(this.queryList.length ? { queryParams: [...this.queryList] } : {}),
      ...(this.method !== undefined ? { method: this.method } : {}),
    };
  }

  /** @internal */
  public _render(): l1.HTTPRouteMatch {
    const out: l1.HTTPRouteMatch = {};
    if (this.path) out.path = { type: this.path.type, value: this.path.value };
    if (this.headerList.length) out.headers = this.headerList.map(h => h._render());
    if (this.queryList.length) out.queryParams = this.queryList.map(q => q._render());
    if (this.method) out.method = this.method;
    return out;
  }
}

/** Checks an Exact or PathPrefix path the way the CRD's rules do. */
function checkLiteralPath(where: Where, path: string): void {
  checkText(path, 1024, where, 'path');
  if (!path.startsWith('/')) {
    throw constructError(where, 'invalid-value', `path must start with '/', got '${path}' (did you mean '/${path}'?)`, 'path');
  }
  for (const bad of ['//', '/./', '/../', '%2f', '%2F', '#']) {
    if (path.includes(bad)) throw constructError(where, 'invalid-value', `path '${path}' must not contain '${bad}'`, 'path');
  }
  for (const bad of ['/..', '/.']) {
    if (path.endsWith(bad)) throw constructError(where, 'invalid-value', `path '${path}' must not end with '${bad}'`, 'path');
  }
  if (!PATH_CHARS.test(path)) {
    throw constructError(where, 'invalid-value', `path '${path}' contains a character that must be percent-encoded; allowed are letters, digits, -._~!$&'()*+,;=:@/ and %XX escapes`, 'path');
  }
}
