import { Construct } from 'constructs';
import * as l1 from '../generated';
import { Backend } from './backend';
import { Filter, GRPC_FILTER_TYPES } from './filter';
import { GrpcMatch } from './grpc-match';
import { constructError } from './private/error-scope';
import { checkMaxItems } from './private/field-checks';
import { appended, listOf } from './private/lists';
import { ReferenceGrant } from './reference-grant';
import { checkFilterList, ImportedRoute, IRoute, IRouteRule, RouteBase, RouteBaseProps, RouteImportOptions } from './route-base';

/** A GRPCRoute, defined in this app or imported by name. */
export interface IGrpcRoute extends IRoute {}

/**
 * Fields only the experimental-channel GRPCRoute CRD accepts, written as
 * given; a cluster with the standard-channel CRDs rejects them.
 */
export interface GrpcRouteRuleExperimentalOptions {
  /**
   * Session persistence (experimental channel only).
   *
   * @see https://gateway-api.sigs.k8s.io/reference/spec/#sessionpersistence
   * @default - none
   */
  readonly sessionPersistence?: l1.experimental.SessionPersistence;
}

/**
 * One rule of a GRPCRoute: which calls (`matches`), what to do with them
 * (`filters`), and where to send them (`backends`).
 */
export interface GrpcRouteRuleOptions {
  /**
   * Name of the rule, unique within the route.
   *
   * @default - unnamed
   */
  readonly name?: string;
  /**
   * Calls this rule applies to: any one of the matches (OR). At most 64 per
   * rule and 128 per route.
   *
   * @default - every call
   */
  readonly matches?: GrpcMatch[];
  /**
   * Filters applied to matching calls: header modifiers, request mirrors and
   * extension refs. At most 16.
   *
   * @default - none
   */
  readonly filters?: Filter[];
  /**
   * Where matching calls go, split by weight. At most 16.
   *
   * @default - none: calls are answered with an error status
   */
  readonly backends?: Backend[];
  /**
   * Experimental-channel fields. Opt-in: see {@link GrpcRouteRuleExperimentalOptions}.
   *
   * @default - none
   */
  readonly experimental?: GrpcRouteRuleExperimentalOptions;
}

/** Everything a GrpcRoute takes besides metadata and the shared route props. */
export interface GrpcRouteOptions {
  /**
   * Hostnames (the HTTP/2 `:authority`) this route serves. At most 16.
   *
   * @default - every hostname its listeners accept
   */
  readonly hostnames?: string[];
  /**
   * Rules, in order (add more with `addRule()`). At most 16.
   *
   * @default - none
   */
  readonly rules?: GrpcRouteRuleOptions[];
}

/** Properties of a {@link GrpcRoute}. */
export interface GrpcRouteProps extends GrpcRouteOptions, RouteBaseProps {}

interface GrpcRule {
  readonly options: GrpcRouteRuleOptions;
  readonly matches: readonly GrpcMatch[];
  readonly filters: readonly Filter[];
  backends: readonly Backend[];
}

/**
 * One rule of a {@link GrpcRoute}, as `addRule()` returns it and `rules`
 * lists it. Its backends can be replaced (a traffic shift); everything else
 * is fixed once added.
 */
export class GrpcRouteRule implements IRouteRule {
  /** @internal use `GrpcRoute.addRule()` */
  public constructor(
    private readonly rule: GrpcRule,
    /** Position of the rule in the route's `spec.rules`. */
    public readonly index: number,
    private readonly route: GrpcRoute,
    private readonly field: string,
  ) {}

  /** The rule's name, if it has one. */
  public get name(): string | undefined { return this.rule.options.name; }
  /** The matches (empty: every call). */
  public get matches(): GrpcMatch[] { return [...this.rule.matches]; }
  /** The rule-level filters, in order. */
  public get filters(): Filter[] { return [...this.rule.filters]; }
  /** The backends, with their weights and filters. */
  public get backends(): Backend[] { return [...this.rule.backends]; }
  /** The experimental-channel options, if any. */
  public get experimental(): GrpcRouteRuleExperimentalOptions | undefined { return this.rule.options.experimental; }

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
 * A GRPCRoute: routes gRPC calls by service, method and headers.
 *
 * @see https://gateway-api.sigs.k8s.io/api-types/grpcroute/
 * @example
 * const route = new GrpcRoute(chart, 'Api', { parents: [gateway], hostnames: ['grpc.example.com'] });
 * route.addRule({ matches: [GrpcMatch.exact({ service: 'mypackage.UserService' })], backends: [Backend.fromServiceName('user-service', { port: 50051 })] });
 */
export class GrpcRoute extends RouteBase implements IGrpcRoute {
  /**
   * Refers to a GRPCRoute defined outside this app.
   *
   * @example GrpcRoute.fromGrpcRouteName(chart, 'Legacy', 'grpc-api', { namespace: 'apps' })
   */
  public static fromGrpcRouteName(scope: Construct, id: string, name: string, options: RouteImportOptions = {}): IGrpcRoute {
    return new ImportedRoute(scope, id, 'GrpcRoute.fromGrpcRouteName', 'GRPCRoute', name, options.namespace);
  }

  private ruleList: readonly GrpcRule[] = [];
  private handles: readonly GrpcRouteRule[] = [];

  public constructor(scope: Construct, id: string, props: GrpcRouteProps = {}) {
    super(scope, id, props, l1.GRPCRoute);
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

  /** The rules, in order, as handles (see {@link GrpcRouteRule}). */
  public get rules(): GrpcRouteRule[] {
    return [...this.handles];
  }

  /**
   * Adds a rule after the existing ones, checked as the API server would
   * (limits, filter kinds gRPC supports, unique names). A backend in another
   * namespace gets its ReferenceGrant (see `referenceGrants`). Returns the
   * rule's handle.
   */
  public addRule(rule: GrpcRouteRuleOptions): GrpcRouteRule {
    const where = this.where;
    const field = this.checkNewRule(rule, this.ruleList.map(r => r.options.name));
    const matches = listOf(rule.matches);
    const filters = listOf(rule.filters);
    const backends = listOf(rule.backends);
    matches.forEach((m, i) => {
      if (!(m instanceof GrpcMatch)) throw constructError(where, 'wrong-type', `${field}.matches[${i}] is not a GrpcMatch; create matches with GrpcMatch.exact(), GrpcMatch.regex() or GrpcMatch.headers()`, `${field}.matches[${i}]`);
    });
    checkMaxItems(matches.length, 64, where, `${field}.matches`);
    const total = this.ruleList.reduce((n, r) => n + r.matches.length, 0) + matches.length;
    if (total > 128) {
      throw constructError(where, 'too-many', `${field} brings the route to ${total} matches; a route may hold at most 128 across its rules`, field);
    }
    checkFilterList(filters, GRPC_FILTER_TYPES, 'GRPCRoute', where, `${field}.filters`);
    this.checkBackends(field, backends);

    filters.forEach((f, i) => this.bindFilter(f, `${field}.filters[${i}]`));
    backends.forEach((b, i) => this.bindBackend(b, `${field}.backends[${i}] (${b.kind} '${b.name}')`));
    const state: GrpcRule = { options: rule, matches, filters, backends };
    this.ruleList = appended(this.ruleList, state);
    const handle = new GrpcRouteRule(state, this.ruleList.length - 1, this, field);
    this.handles = appended(this.handles, handle);
    return handle;
  }

  /** Replaces a rule's backends (what GrpcRouteRule.replaceBackends does). @internal */
  public _replaceRuleBackends(rule: GrpcRule, field: string, backends: Backend[]): void {
    this.checkBackends(field, backends);
    this.unbindBackends(field);
    backends.forEach((b, i) => this.bindBackend(b, `${field}.backends[${i}] (${b.kind} '${b.name}')`));
    rule.backends = [...backends];
    // the automatic ReferenceGrant entries only the replaced backends needed go
    ReferenceGrant._prune(this);
  }

  private checkBackends(field: string, backends: readonly Backend[]): void {
    const where = this.where;
    checkMaxItems(backends.length, 16, where, `${field}.backends`);
    backends.forEach((b, i) => {
      if (!(b instanceof Backend)) throw constructError(where, 'wrong-type', `${field}.backends[${i}] is not a Backend; create backends with Backend.fromService(), Backend.fromServiceName() or Backend.custom()`, `${field}.backends[${i}]`);
      checkFilterList(b.filters, GRPC_FILTER_TYPES, 'GRPCRoute', where, `${field}.backends[${i}].filters`);
    });
  }

  /** @internal */
  protected _renderSpec(): l1.GRPCRouteSpec {
    const spec: l1.GRPCRouteSpec = {};
    const parentRefs = this.renderParentRefs();
    if (parentRefs) spec.parentRefs = parentRefs;
    const hostnames = this.renderHostnames();
    if (hostnames) spec.hostnames = hostnames;
    if (this.ruleList.length) spec.rules = this.ruleList.map(r => this.renderRule(r));
    return spec;
  }

  private renderRule(rule: GrpcRule): l1.experimental.GRPCRouteRule {
    const ns = this.namespace;
    const out: l1.experimental.GRPCRouteRule = {};
    if (rule.options.name !== undefined) out.name = rule.options.name;
    if (rule.matches.length) out.matches = rule.matches.map(m => m._render());
    if (rule.filters.length) out.filters = rule.filters.map(f => f._render(ns) as l1.GRPCRouteFilter);
    if (rule.backends.length) out.backendRefs = rule.backends.map(b => b._render(ns) as l1.GRPCBackendRef);
    const x = rule.options.experimental;
    if (x?.sessionPersistence) out.sessionPersistence = structuredClone(x.sessionPersistence);
    return out;
  }
}
