import { Duration } from 'cdk8s';
import type * as l1 from '../generated';
import type { Backend } from './backend';
import { constructError, Where } from './private/error-scope';
import { checkGroup, checkKind, checkMaxItems, checkObjectName, checkPort, checkPreciseHostname } from './private/field-checks';
import { checkHeaderName, checkInteger, checkText, checkUnique } from './private/route-checks';

/**
 * The kinds of route filter.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httproutefiltertype
 */
export enum FilterType {
  /** Changes request headers before the request is forwarded. HTTP and gRPC. */
  REQUEST_HEADER_MODIFIER = 'RequestHeaderModifier',
  /** Changes response headers before the response is returned. HTTP and gRPC. */
  RESPONSE_HEADER_MODIFIER = 'ResponseHeaderModifier',
  /** Sends a copy of requests to another backend. HTTP and gRPC. */
  REQUEST_MIRROR = 'RequestMirror',
  /** Answers with a redirect instead of forwarding. HTTP only. */
  REQUEST_REDIRECT = 'RequestRedirect',
  /** Rewrites the host and/or path before forwarding. HTTP only. */
  URL_REWRITE = 'URLRewrite',
  /** Handles CORS requests. HTTP only. */
  CORS = 'CORS',
  /** An implementation-specific filter defined by another resource. HTTP and gRPC. */
  EXTENSION_REF = 'ExtensionRef',
}

/** Header changes; names are compared case-insensitively, so each may appear once per list. */
export interface HeaderModifierOptions {
  /**
   * Headers to set, replacing any value already present. At most 16.
   *
   * @default - none
   */
  readonly set?: { [name: string]: string };
  /**
   * Headers to add, appended to any value already present. At most 16.
   *
   * @default - none
   */
  readonly add?: { [name: string]: string };
  /**
   * Names of headers to remove. At most 16.
   *
   * @default - none
   */
  readonly remove?: string[];
}

/** The scheme a redirect points to. */
export enum RedirectScheme {
  /** http */
  HTTP = 'http',
  /** https */
  HTTPS = 'https',
}

/**
 * The status code of a redirect response.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httprequestredirectfilter
 */
export enum RedirectStatusCode {
  /** 301 Moved Permanently. */
  MOVED_PERMANENTLY = 301,
  /** 302 Found (the API default). */
  FOUND = 302,
  /** 303 See Other. */
  SEE_OTHER = 303,
  /** 307 Temporary Redirect (keeps the method and body). */
  TEMPORARY_REDIRECT = 307,
  /** 308 Permanent Redirect (keeps the method and body). */
  PERMANENT_REDIRECT = 308,
}

/**
 * How a redirect or rewrite changes the request path.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httppathmodifier
 */
export class PathModifier {
  /**
   * Replaces the whole path.
   *
   * @example PathModifier.replaceFullPath('/maintenance')
   */
  public static replaceFullPath(path: string): PathModifier {
    checkText(path, 1024, 'PathModifier.replaceFullPath', 'path');
    return new PathModifier('ReplaceFullPath', path);
  }

  /**
   * Replaces the part of the path that the rule's single PathPrefix match
   * matched, keeping the rest: with match `/api` and prefix `/v1`,
   * `/api/users` becomes `/v1/users`. The rule must have exactly one match,
   * a PathPrefix one.
   *
   * @example PathModifier.replacePrefixMatch('/v1')
   */
  public static replacePrefixMatch(prefix: string): PathModifier {
    if (typeof prefix !== 'string' || prefix.length > 1024) {
      throw constructError('PathModifier.replacePrefixMatch', 'invalid-value', `prefix must be a string of at most 1024 characters, got ${JSON.stringify(prefix)}`);
    }
    return new PathModifier('ReplacePrefixMatch', prefix);
  }

  private constructor(
    /** `ReplaceFullPath` or `ReplacePrefixMatch`. */
    public readonly type: 'ReplaceFullPath' | 'ReplacePrefixMatch',
    /** The replacement. */
    public readonly value: string,
  ) {}

  /** @internal */
  public _render(): l1.HTTPPathModifier {
    return this.type === 'ReplaceFullPath'
      ? { type: this.type, replaceFullPath: this.value }
      : { type: this.type, replacePrefixMatch: this.value };
  }
}

/** Where a redirect sends the client; unset parts keep the request's value. */
export interface RequestRedirectOptions {
  /**
   * Scheme of the redirect URL.
   *
   * @default - the request's scheme
   */
  readonly scheme?: RedirectScheme;
  /**
   * Hostname of the redirect URL (no wildcards).
   *
   * @default - the request's Host
   */
  readonly hostname?: string;
  /**
   * Path of the redirect URL.
   *
   * @default - the request's path
   */
  readonly path?: PathModifier;
  /**
   * Port of the redirect URL.
   *
   * @default - derived from the scheme or the listener, as the spec describes
   */
  readonly port?: number;
  /**
   * Status code of the redirect response.
   *
   * @default - not written; the API server applies 302 (`RedirectStatusCode.FOUND`)
   */
  readonly statusCode?: RedirectStatusCode;
}

/** How a rewrite changes the request before it is forwarded. */
export interface UrlRewriteOptions {
  /**
   * Replaces the Host header (no wildcards).
   *
   * @default - Host is kept
   */
  readonly hostname?: string;
  /**
   * Replaces the path or its matched prefix.
   *
   * @default - path is kept
   */
  readonly path?: PathModifier;
}

/** A ratio `numerator / denominator` of requests. */
export interface MirrorFraction {
  /** Requests mirrored out of every `denominator`; 0 or more and at most `denominator`. */
  readonly numerator: number;
  /**
   * Size of the sample.
   *
   * @default - not written; the API server applies 100
   */
  readonly denominator?: number;
}

/** How many requests are mirrored. Give `percent` or `fraction`, not both. */
export interface RequestMirrorOptions {
  /**
   * Percentage of requests mirrored, 0 to 100.
   *
   * @default - every request (unless `fraction` is given)
   */
  readonly percent?: number;
  /**
   * Fraction of requests mirrored, for finer ratios than whole percents.
   *
   * @default - every request (unless `percent` is given)
   */
  readonly fraction?: MirrorFraction;
}

/** Methods a CORS filter can allow. */
export enum CorsMethod {
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
  /** Every method; must be the only entry. */
  ALL = '*',
}

/** A CORS policy. Every list is optional; at least one setting must be given. */
export interface CorsOptions {
  /**
   * Origins allowed to make requests, such as `https://app.example.com`,
   * `https://*.example.com` or `*` (alone). At most 64.
   *
   * @default - no origin is allowed
   */
  readonly allowOrigins?: string[];
  /**
   * Methods allowed in cross-origin requests. At most 9; `CorsMethod.ALL` must be alone.
   *
   * @default - none beyond what CORS itself allows
   */
  readonly allowMethods?: CorsMethod[];
  /**
   * Request headers allowed in cross-origin requests; `*` must be alone. At most 64.
   *
   * @default - none
   */
  readonly allowHeaders?: string[];
  /**
   * Response headers exposed to the calling script. At most 64.
   *
   * @default - none
   */
  readonly exposeHeaders?: string[];
  /**
   * Whether credentials (cookies, authorization headers) may be sent.
   *
   * @default - not written (credentials are not allowed)
   */
  readonly allowCredentials?: boolean;
  /**
   * How long a browser may cache the preflight answer; whole seconds, at least 1.
   *
   * @default - not written; the API server applies 5 seconds
   */
  readonly maxAge?: Duration;
}

/** A reference to an implementation-specific filter resource in the route's namespace. */
export interface ExtensionRefOptions {
  /** API group of the filter resource (`''` for the core group). */
  readonly group: string;
  /** Kind of the filter resource. */
  readonly kind: string;
  /** Name of the filter resource. */
  readonly name: string;
}

/** @deprecated use {@link ExtensionRefOptions} */
export type ExtensionRefProps = ExtensionRefOptions;

/** An origin as the CRD accepts it: `*`, or a scheme, a host (optionally `*.`-prefixed or `*`) and an optional port. */
const CORS_ORIGIN = /(^\*$)|(^(http(s)?):\/\/(((\*\.)?([a-zA-Z0-9-]+\.)*[a-zA-Z0-9-]+|\*)(:([0-9]{1,5}))?)$)/;

/**
 * A change applied to requests or responses by an HTTPRoute or GRPCRoute
 * rule, or by one backend of a rule. gRPC routes take the header modifiers,
 * request mirrors and extension refs.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httproutefilter
 */
export class Filter {
  /**
   * Sets, adds and removes request headers before forwarding.
   *
   * @example Filter.requestHeaders({ set: { Host: 'internal.example.com' }, remove: ['X-Internal'] })
   */
  public static requestHeaders(options: HeaderModifierOptions): Filter {
    return new Filter(FilterType.REQUEST_HEADER_MODIFIER, { requestHeaderModifier: headerModifier('Filter.requestHeaders', options) });
  }

  /**
   * Sets, adds and removes response headers before returning the response.
   *
   * @example Filter.responseHeaders({ set: { 'Cache-Control': 'no-cache' } })
   */
  public static responseHeaders(options: HeaderModifierOptions): Filter {
    return new Filter(FilterType.RESPONSE_HEADER_MODIFIER, { responseHeaderModifier: headerModifier('Filter.responseHeaders', options) });
  }

  /**
   * Answers matching requests with a redirect. A rule with this filter must
   * not have backends.
   *
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#httprequestredirectfilter
   * @example Filter.requestRedirect({ scheme: RedirectScheme.HTTPS, statusCode: RedirectStatusCode.MOVED_PERMANENTLY })
   */
  public static requestRedirect(options: RequestRedirectOptions): Filter {
    const where = 'Filter.requestRedirect';
    const out: l1.HTTPRequestRedirectFilter = {};
    if (options.scheme !== undefined) {
      if (!Object.values(RedirectScheme).includes(options.scheme)) {
        throw constructError(where, 'invalid-value', `scheme '${options.scheme}' must be 'http' or 'https'`, 'scheme');
      }
      out.scheme = options.scheme;
    }
    if (options.hostname !== undefined) {
      checkPreciseHostname(options.hostname, where, 'hostname');
      out.hostname = options.hostname;
    }
    if (options.path) out.path = options.path._render();
    if (options.port !== undefined) {
      checkPort(options.port, where, 'port');
      out.port = options.port;
    }
    if (options.statusCode !== undefined) {
      if (![301, 302, 303, 307, 308].includes(options.statusCode)) {
        throw constructError(where, 'invalid-value', `statusCode ${options.statusCode} must be one of 301, 302, 303, 307, 308`, 'statusCode');
      }
      out.statusCode = options.statusCode;
    }
    if (Object.keys(out).length === 0) {
      throw constructError(where, 'missing', 'give at least one of scheme, hostname, path, port or statusCode (a redirect to the same URL would loop)');
    }
    return new Filter(FilterType.REQUEST_REDIRECT, { requestRedirect: out }, undefined, options.path);
  }

  /**
   * Rewrites the Host header and/or the path before forwarding.
   *
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#httpurlrewritefilter
   * @example Filter.urlRewrite({ hostname: 'internal.svc.cluster.local', path: PathModifier.replacePrefixMatch('/v1') })
   */
  public static urlRewrite(options: UrlRewriteOptions): Filter {
    const where = 'Filter.urlRewrite';
    const out: l1.HTTPURLRewriteFilter = {};
    if (options.hostname !== undefined) {
      checkPreciseHostname(options.hostname, where, 'hostname');
      out.hostname = options.hostname;
    }
    if (options.path) out.path = options.path._render();
    if (Object.keys(out).length === 0) {
      throw constructError(where, 'missing', 'give a hostname, a path or both');
    }
    return new Filter(FilterType.URL_REWRITE, { urlRewrite: out }, undefined, options.path);
  }

  /**
   * Sends a copy of matching requests to `backend` and ignores its responses.
   * The backend must carry no weight or filters. A backend in another
   * namespace needs a ReferenceGrant, which the route creates unless told not to.
   *
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#httprequestmirrorfilter
   * @example Filter.requestMirror(Backend.fromServiceName('shadow', { port: 8080 }), { percent: 10 })
   */
  public static requestMirror(backend: Backend, options: RequestMirrorOptions = {}): Filter {
    const where = 'Filter.requestMirror';
    if (backend.weight !== undefined) {
      throw constructError(where, 'unsupported', `the mirror backend '${backend.name}' must not have a weight (got ${backend.weight}); use \`percent\` or \`fraction\` to mirror part of the traffic`);
    }
    if (backend.filters.length > 0) {
      throw constructError(where, 'unsupported', `the mirror backend '${backend.name}' must not have filters`);
    }
    if (options.percent !== undefined && options.fraction !== undefined) {
      throw constructError(where, 'conflict', 'give `percent` or `fraction`, not both');
    }
    const extra: { percent?: number; fraction?: l1.Fraction } = {};
    if (options.percent !== undefined) {
      checkInteger(options.percent, 0, 100, where, 'percent');
      extra.percent = options.percent;
    }
    if (options.fraction !== undefined) {
      const { numerator, denominator } = options.fraction;
      if (denominator !== undefined) checkInteger(denominator, 1, 2147483647, where, 'fraction.denominator');
      checkInteger(numerator, 0, denominator ?? 100, where, 'fraction.numerator');
      extra.fraction = { numerator, ...(denominator !== undefined ? { denominator } : {}) };
    }
    return new Filter(FilterType.REQUEST_MIRROR, {}, { backend, ...extra });
  }

  /**
   * Answers CORS preflight requests and adds CORS headers to responses.
   *
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#httpcorsfilter
   * @example Filter.cors({ allowOrigins: ['https://app.example.com'], allowMethods: [CorsMethod.GET, CorsMethod.POST] })
   */
  public static cors(options: CorsOptions): Filter {
    const where = 'Filter.cors';
    const out: l1.HTTPCORSFilter = {};
    if (options.allowOrigins?.length) {
      checkStarAlone(where, 'allowOrigins', options.allowOrigins, 64);
      for (const o of options.allowOrigins) {
        checkText(o, 253, where, 'allowOrigins entry');
        if (!CORS_ORIGIN.test(o)) {
          throw constructError(where, 'invalid-value', `origin '${o}' must be '*' or 'http(s)://host[:port]' (the host may start with '*.')`);
        }
      }
      out.allowOrigins = [...options.allowOrigins];
    }
    if (options.allowMethods?.length) {
      checkStarAlone(where, 'allowMethods', options.allowMethods, 9);
      for (const m of options.allowMethods) {
        if (!Object.values(CorsMethod).includes(m)) throw constructError(where, 'invalid-value', `allowMethods entry '${m}' is not one of ${Object.values(CorsMethod).join(', ')}`, 'allowMethods');
      }
      out.allowMethods = [...options.allowMethods];
    }
    for (const field of ['allowHeaders', 'exposeHeaders'] as const) {
      const list = options[field];
      if (!list?.length) continue;
      if (field === 'allowHeaders') checkStarAlone(where, field, list, 64);
      checkMaxItems(list.length, 64, where, field);
      for (const h of list) if (h !== '*') checkHeaderName(h, where, `${field} entry`);
      checkUnique(list, true, where, field);
      out[field] = [...list];
    }
    if (options.allowCredentials !== undefined) out.allowCredentials = options.allowCredentials;
    if (options.maxAge !== undefined) {
      const seconds = options.maxAge.toMilliseconds() / 1000;
      checkInteger(seconds, 1, 2147483647, where, 'maxAge (seconds)');
      out.maxAge = seconds;
    }
    if (Object.keys(out).length === 0) {
      throw constructError(where, 'missing', 'give at least one setting (allowOrigins, allowMethods, allowHeaders, exposeHeaders, allowCredentials or maxAge)');
    }
    return new Filter(FilterType.CORS, { cors: out });
  }

  /**
   * An implementation-specific filter, defined by a resource in the route's
   * namespace (the escape hatch for features the API does not model).
   *
   * @example Filter.extensionRef({ group: 'example.com', kind: 'RateLimit', name: 'strict' })
   */
  public static extensionRef(ref: ExtensionRefOptions): Filter {
    const where = 'Filter.extensionRef';
    checkGroup(ref.group, where, 'group');
    checkKind(ref.kind, where, 'kind');
    checkObjectName(ref.name, where, 'name');
    return new Filter(FilterType.EXTENSION_REF, { extensionRef: { group: ref.group, kind: ref.kind, name: ref.name } });
  }

  /** The backend a RequestMirror filter copies requests to. */
  public readonly mirrorBackend?: Backend;
  /** The path modifier of a RequestRedirect or URLRewrite filter. */
  public readonly pathModifier?: PathModifier;
  private readonly mirror?: { backend: Backend; percent?: number; fraction?: l1.Fraction };

  private constructor(
    /** Which kind of filter this is. */
    public readonly type: FilterType,
    private readonly body: Omit<l1.HTTPRouteFilter, 'type'>,
    mirror?: { backend: Backend; percent?: number; fraction?: l1.Fraction },
    pathModifier?: PathModifier,
  ) {
    this.mirror = mirror;
    this.mirrorBackend = mirror?.backend;
    this.pathModifier = pathModifier;
  }

  /**
   * Renders the filter for a route in `referrerNamespace` (a mirror backend in
   * that namespace is written without one).
   *
   * @internal
   */
  public _render(referrerNamespace?: string): l1.HTTPRouteFilter {
    if (this.mirror) {
      const { backend, percent, fraction } = this.mirror;
      return {
        type: this.type,
        requestMirror: {
          backendRef: backend._renderObjectRef(referrerNamespace),
          ...(percent !== undefined ? { percent } : {}),
          ...(fraction !== undefined ? { fraction: { ...fraction } } : {}),
        },
      };
    }
    return { type: this.type, ...structuredClone(this.body) };
  }
}

/** Filter kinds a GRPCRoute accepts. */
export const GRPC_FILTER_TYPES: readonly FilterType[] = [
  FilterType.REQUEST_HEADER_MODIFIER,
  FilterType.RESPONSE_HEADER_MODIFIER,
  FilterType.REQUEST_MIRROR,
  FilterType.EXTENSION_REF,
];

function headerModifier(where: Where, options: HeaderModifierOptions): l1.HTTPHeaderFilter {
  const out: l1.HTTPHeaderFilter = {};
  for (const field of ['add', 'set'] as const) {
    const entries = Object.entries(options[field] ?? {});
    if (entries.length === 0) continue;
    checkMaxItems(entries.length, 16, where, field);
    for (const [name, value] of entries) {
      checkHeaderName(name, where, `${field} header name`);
      checkText(value, 4096, where, `value of header '${name}'`);
    }
    checkUnique(entries.map(([n]) => n), true, where, field);
    out[field] = entries.map(([name, value]) => ({ name, value }));
  }
  if (options.remove?.length) {
    checkMaxItems(options.remove.length, 16, where, 'remove');
    for (const name of options.remove) checkHeaderName(name, where, 'remove entry');
    checkUnique(options.remove, true, where, 'remove');
    out.remove = [...options.remove];
  }
  if (Object.keys(out).length === 0) {
    throw constructError(where, 'missing', 'give at least one header to set, add or remove');
  }
  return out;
}

function checkStarAlone(where: Where, field: string, list: readonly string[], max: number): void {
  checkMaxItems(list.length, max, where, field);
  if (list.includes('*') && list.length > 1) {
    throw constructError(where, 'invalid-value', `${field} may contain '*' only as its single entry, got [${list.join(', ')}]`, field);
  }
}
