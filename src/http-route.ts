import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import * as l1 from '../generated';
import { Backend } from './backend';
import { Filter, FilterType } from './filter';
import { HttpMatch, PathMatchType } from './http-match';
import { constructError, Where } from './private/error-scope';
import { checkMaxItems } from './private/field-checks';
import { appended, listOf } from './private/lists';
import { ReferenceGrant } from './reference-grant';
import { checkFilterList, formatGatewayDuration, ImportedRoute, IRoute, IRouteRule, RouteBase, RouteBaseProps, RouteImportOptions } from './route-base';

/** An HTTPRoute, defined in this app or imported by name. */
export interface IHttpRoute extends IRoute {}

/**
 * Timeouts of an HTTPRoute rule; support for them is an extended feature of
 * implementations.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httproutetimeouts
 */
export interface HttpRouteTimeouts {
  /**
   * Time from the gateway receiving the request to the end of the response;
   * `Duration.seconds(0)` disables it.
   *
   * @default - implementation-specific
   */
  readonly request?: Duration;
  /**
   * Time allowed for one request from the gateway to a backend (including
   * retries, each counted separately); at most `request` when both are set.
   *
   * @default - implementation-specific
   */
  readonly backendRequest?: Duration;
}

/**
 * Fields only the experimental-channel HTTPRoute CRD accepts. They are
 * written as given (typed with the generated experimental L1 shapes); a
 * cluster with the standard-channel CRDs rejects them, and the standard
 * schema validation reports them as unknown fields.
 */
export interface HttpRouteRuleExperimentalOptions {
  /**
   * Retries for failed backend requests (experimental channel only).
   *
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#httprouteretry
   * @default - none
   */
  readonly retry?: l1.experimental.HTTPRouteRetry;
  /**
   * Session persistence (experimental channel only).
   *
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#sessionpersistence
   * @default - none
   */
  readonly sessionPersistence?: l1.experimental.SessionPersistence;
}

/**
 * One rule of an HTTPRoute: which requests (`matches`), what to do with them
 * (`filters`), and where to send them (`backends`).
 */
export interface HttpRouteRuleOptions {
  /**
   * Name of the rule, unique within the route; policies and status can refer to it.
   *
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * Requests this rule applies to: any one of the matches (OR). At most 64
   * per rule and 128 per route.
   *
   * @default - not written; the API server applies "every path" (PathPrefix `/`)
   */
  readonly matches?: HttpMatch[];
  /**
   * Filters applied to matching requests, in order. At most 16; each kind
   * once, except RequestMirror and ExtensionRef.
   *
   * @default - none
   */
  readonly filters?: Filter[];
  /**
   * Where matching requests go, split by weight. At most 16. A rule with a
   * RequestRedirect filter must have none.
   *
   * @default - none: requests are answered by the filters, or with an error status
   */
  readonly backends?: Backend[];
  /**
   * Request timeouts.
   *
   * @default - none
   */
  readonly timeouts?: HttpRouteTimeouts;
  /**
   * Experimental-channel fields (retry, session persistence). Opt-in: see
   * {@link HttpRouteRuleExperimentalOptions}.
   *
   * @default - none
   */
  readonly experimental?: HttpRouteRuleExperimentalOptions;
}

/** Everything an HttpRoute takes besides metadata and the shared route props. */
export interface HttpRouteOptions {
  /**
   * Hostnames (the HTTP Host header) this route serves; wildcards as the first
   * label (`*.example.com`). At most 16.
   *
   * @default - every hostname its listeners accept
   */
  readonly hostnames?: string[];
  /**
   * Rules, in order (add more with `addRule()`). At most 16.
   *
   * @default - none
   */
  readonly rules?: HttpRouteRuleOptions[];
}

/** Properties of an {@link HttpRoute}. */
export interface HttpRouteProps extends HttpRouteOptions, RouteBaseProps {}

const HTTP_FILTERS: readonly FilterType[] = Object.values(FilterType);

interface HttpRule {
  readonly options: HttpRouteRuleOptions;
  readonly matches: readonly HttpMatch[];
  readonly filters: readonly Filter[];
  backends: readonly Backend[];
}

/**
 * One rule of an {@link HttpRoute}, as `addRule()` returns it and `rules`
 * lists it: what the rule matches and does, and where it sends traffic.
 * Its backends can be replaced (a traffic shift); everything else is fixed
 * once added.
 */
export class HttpRouteRule implements IRouteRule {
  /** @internal use `HttpRoute.addRule()` */
  public constructor(
    private readonly rule: HttpRule,
    /** Position of the rule in the route's `spec.rules`. */
    public readonly index: number,
    private readonly route: HttpRoute,
    private readonly field: string,
  ) {}

  /** The rule's name, if it has one. */
  public get name(): string | undefined { return this.rule.options.name; }
  /** The matches (empty: every request). */
  public get matches(): HttpMatch[] { return [...this.rule.matches]; }
  /** The rule-level filters, in order. */
  public get filters(): Filter[] { return [...this.rule.filters]; }
  /** The backends, with their weights and filters. */
  public get backends(): Backend[] { return [...this.rule.backends]; }
  /** The timeouts, if any. */
  public get timeouts(): HttpRouteTimeouts | undefined { return this.rule.options.timeouts; }
  /** The experimental-channel options, if any. */
  public get experimental(): HttpRouteRuleExperimentalOptions | undefined { return this.rule.options.experimental; }

  /**
   * Replaces the rule's backends (checked as `addRule()` checks them, with
   * ReferenceGrants for other namespaces), e.g. to shift weights.
   *
   * @example rule.replaceBackends(stable.withWeight(90), canary.withWeight(10))
   */
  public replaceBackends(...backends: Backend[]): void {
    this.route._replaceRuleBackends(this.rule, this.field, backends);
  }
}

/**
 * An HTTPRoute: routes HTTP requests arriving at its parents' listeners to
 * backends, by host, path, headers, query parameters and method.
 *
 * @see https://gateway-api.sigs.k8s.io/api-types/httproute/
 * @example
 * const route = new HttpRoute(chart, 'Web', { parents: [gateway.listener('https')], hostnames: ['example.com'] });
 * route.addRule({ matches: [HttpMatch.pathPrefix('/api')], backends: [Backend.fromServiceName('api', { port: 80 })] });
 */
export class HttpRoute extends RouteBase implements IHttpRoute {
  /**
   * Refers to an HTTPRoute defined outside this app.
   *
   * @example HttpRoute.fromHttpRouteName(chart, 'Legacy', 'legacy-route', { namespace: 'apps' })
   */
  public static fromHttpRouteName(scope: Construct, id: string, name: string, options: RouteImportOptions = {}): IHttpRoute {
    return new ImportedRoute(scope, id, 'HttpRoute.fromHttpRouteName', 'HTTPRoute', name, options.namespace);
  }

  private ruleList: readonly HttpRule[] = [];
  private handles: readonly HttpRouteRule[] = [];

  public constructor(scope: Construct, id: string, props: HttpRouteProps = {}) {
    super(scope, id, props, l1.HTTPRoute);
    this.addHostnames(...props.hostnames ?? []);
    for (const rule of props.rules ?? []) this.addRule(rule);
  }

  /** The hostnames this route serves, in order. */
  public get hostnames(): string[] {
    return this.hostnameEntries;
  }

  /** Adds hostnames. Throws on a duplicate, an invalid name, or more than 16 in all. */
  public addHostnames(...hostnames: string[]): void {
    this.addHostnameEntries(hostnames, 16);
  }

  /** The rules, in order, as handles (see {@link HttpRouteRule}). */
  public get rules(): HttpRouteRule[] {
    return [...this.handles];
  }

  /**
   * Adds a rule after the existing ones. Checks it the way the API server
   * would (limits, filter combinations, redirect without backends,
   * ReplacePrefixMatch with one PathPrefix match, timeouts) and throws on
   * the first problem. A backend in another namespace gets its
   * ReferenceGrant (see `referenceGrants`). Returns the rule's handle.
   */
  public addRule(rule: HttpRouteRuleOptions): HttpRouteRule {
    const where = this.where;
    const field = this.checkNewRule(rule, this.ruleList.map(r => r.options.name));
    const matches = listOf(rule.matches);
    const filters = listOf(rule.filters);
    const backends = listOf(rule.backends);
    matches.forEach((m, i) => {
      if (!(m instanceof HttpMatch)) throw constructError(where, 'wrong-type', `${field}.matches[${i}] is not an HttpMatch; create matches with HttpMatch.pathPrefix(), HttpMatch.pathExact(), ...`, `${field}.matches[${i}]`);
    });
    checkMaxItems(matches.length, 64, where, `${field}.matches`);
    const total = this.ruleList.reduce((n, r) => n + r.matches.length, 0) + matches.length;
    if (total > 128) {
      throw constructError(where, 'too-many', `${field} brings the route to ${total} matches; a route may hold at most 128 across its rules`, field);
    }
    checkFilterList(filters, HTTP_FILTERS, 'HTTPRoute', where, `${field}.filters`);
    this.checkBackends(field, matches, filters, backends);
    if (rule.timeouts) checkTimeouts(rule.timeouts, where, `${field}.timeouts`);

    filters.forEach((f, i) => this.bindFilter(f, `${field}.filters[${i}]`));
    backends.forEach((b, i) => this.bindBackend(b, `${field}.backends[${i}] (${b.kind} '${b.name}')`));
    const state: HttpRule = { options: rule, matches, filters, backends };
    this.ruleList = appended(this.ruleList, state);
    const handle = new HttpRouteRule(state, this.ruleList.length - 1, this, field);
    this.handles = appended(this.handles, handle);
    return handle;
  }

  /** Replaces a rule's backends (what HttpRouteRule.replaceBackends does). @internal */
  public _replaceRuleBackends(rule: HttpRule, field: string, backends: Backend[]): void {
    this.checkBackends(field, rule.matches, rule.filters, backends);
    this.unbindBackends(field);
    backends.forEach((b, i) => this.bindBackend(b, `${field}.backends[${i}] (${b.kind} '${b.name}')`));
    rule.backends = [...backends];
    // the automatic ReferenceGrant entries only the replaced backends needed go
    ReferenceGrant._prune(this);
  }

  /** Checks a rule's backends against its matches and filters, as addRule does. */
  private checkBackends(field: string, matches: readonly HttpMatch[], filters: readonly Filter[], backends: readonly Backend[]): void {
    const where = this.where;
    checkMaxItems(backends.length, 16, where, `${field}.backends`);
    backends.forEach((b, i) => {
      if (!(b instanceof Backend)) throw constructError(where, 'wrong-type', `${field}.backends[${i}] is not a Backend; create backends with Backend.fromService(), Backend.fromServiceName() or Backend.custom()`, `${field}.backends[${i}]`);
      checkFilterList(b.filters, HTTP_FILTERS, 'HTTPRoute', where, `${field}.backends[${i}].filters`);
    });
    if (backends.length > 0 && filters.some(f => f.type === FilterType.REQUEST_REDIRECT)) {
      throw constructError(where, 'conflict', `${field} has a RequestRedirect filter and backends; a redirecting rule answers the client itself, so remove its backends (or the redirect)`, field);
    }
    // The first ReplacePrefixMatch rewrite, rule filters first (found without a list of every filter: most rules have none).
    let prefixRewrite: { f: Filter; at: string } | undefined;
    const isPrefixRewrite = (f: Filter) => f.pathModifier?.type === 'ReplacePrefixMatch';
    const ruleRewrite = filters.find(isPrefixRewrite);
    if (ruleRewrite) prefixRewrite = { f: ruleRewrite, at: `${field}.filters` };
    for (let i = 0; !prefixRewrite && i < backends.length; i++) {
      const backendRewrite = backends[i].filters.find(isPrefixRewrite);
      if (backendRewrite) prefixRewrite = { f: backendRewrite, at: `${field}.backends[${i}].filters` };
    }
    if (prefixRewrite && matches.length > 0
      && (matches.length !== 1 || matches[0].path?.type !== PathMatchType.PATH_PREFIX)) {
      const { f, at } = prefixRewrite;
      throw constructError(where, 'unsupported', `${at} has a ${f.type} filter with PathModifier.replacePrefixMatch, which needs the rule to have exactly one match, `
        + `a PathPrefix one (it replaces the matched prefix); got ${matches.length} match(es)${matches.length === 1 ? ` of type ${matches[0].path?.type ?? 'none (any path)'}` : ''}`);
    }
  }

  /** @internal */
  protected _renderSpec(): l1.HTTPRouteSpec {
    const spec: l1.HTTPRouteSpec = {};
    const parentRefs = this.renderParentRefs();
    if (parentRefs) spec.parentRefs = parentRefs;
    const hostnames = this.renderHostnames();
    if (hostnames) spec.hostnames = hostnames;
    if (this.ruleList.length) spec.rules = this.ruleList.map(r => this.renderRule(r));
    return spec;
  }

  private renderRule(rule: HttpRule): l1.HTTPRouteRule {
    const ns = this.namespace;
    const out: l1.experimental.HTTPRouteRule = {};
    if (rule.options.name !== undefined) out.name = rule.options.name;
    if (rule.matches.length) out.matches = rule.matches.map(m => m._render());
    if (rule.filters.length) out.filters = rule.filters.map(f => f._render(ns));
    if (rule.backends.length) out.backendRefs = rule.backends.map(b => b._render(ns));
    const t = rule.options.timeouts;
    if (t && (t.request || t.backendRequest)) {
      out.timeouts = {
        ...(t.request ? { request: formatGatewayDuration(t.request.toMilliseconds()) } : {}),
        ...(t.backendRequest ? { backendRequest: formatGatewayDuration(t.backendRequest.toMilliseconds()) } : {}),
      };
    }
    const x = rule.options.experimental;
    if (x?.retry) out.retry = structuredClone(x.retry);
    if (x?.sessionPersistence) out.sessionPersistence = structuredClone(x.sessionPersistence);
    // The experimental fields are extra keys on an otherwise standard rule.
    return out as l1.HTTPRouteRule;
  }
}

function checkTimeouts(t: HttpRouteTimeouts, where: Where, field: string): void {
  const ms: { [k: string]: number } = {};
  for (const key of ['request', 'backendRequest'] as const) {
    const d = t[key];
    if (!d) continue;
    const v = d.toMilliseconds({ integral: false });
    if (!Number.isInteger(v) || v < 0 || v >= 100_000 * 3_600_000) {
      throw constructError(where, 'invalid-value', `${field}.${key} must be a whole number of milliseconds below 100000 hours, got ${v}ms`, `${field}.${key}`);
    }
    ms[key] = v;
  }
  if (ms.request !== undefined && ms.backendRequest !== undefined && ms.request !== 0 && ms.backendRequest > ms.request) {
    throw constructError(where, 'conflict', `${field}.backendRequest (${formatGatewayDuration(ms.backendRequest)}) must not be longer than request (${formatGatewayDuration(ms.request)})`, `${field}.backendRequest`);
  }
}
