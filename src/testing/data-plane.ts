import type { App, Chart } from 'cdk8s';
import { planeClaims, type PlaneClaims } from './implementation-features';
import { ROUTE_KINDS, backendShares, isConnectionRoute, type RouteKindName } from '../model';
import { ASSUMABLE_KINDS, AssumableKind, assumedObjects } from './assumed-objects';
import { chartDocuments } from './chart-documents';
import { ControllerState, ListenerState, PartiallyInvalidApproach, RouteState } from './controller';
import { GrpcContext, GrpcEntry, buildGrpcTable, compileGrpcRoute, evaluateGrpc } from './grpc-engine';
import { HttpContext, HttpEntry, buildHttpTable, compileHttpRoute, evaluateHttp } from './http-engine';
import { mirrorFraction } from './http-filters';
import { ObjectStore, SourcedDocument, parseYamlDocuments, readFiles } from './object-store';
import { PresentObjects, parametersRefs } from './parameters-refs';
import { HttpRequestInput, ParsedRequest, UrlRequest, describeRequest, isUrlRequest, parseUrlRequest, toHttpRequest, toParsedRequest } from './request-url';
import { Distribution, GrpcRequest, GrpcResult, HttpRequest, HttpResult, StreamRequest, StreamResult, TlsRequest } from './requests';
import { HostnameTable } from './route-table';
import { RoutingTable, RoutingTableOptions, buildRoutingTable, renderRoutingTable } from './routing-table';
import { LoadedRoutes, ShadowedRule, findShadowedRules } from './shadowing';
import { AnyRouteFilter, routeSpec, StoredMetadata } from './stored-kinds';
import { StreamContext, buildTlsTable, evaluateStream, evaluateTls } from './stream-engine';
import { SeededRandom } from './weights';
import type { GatewayClassStatus, GatewayStatus, ListenerSetStatus, PolicyStatus, RouteStatus } from '../../generated';
import { SynthValidation } from '../synth-validation';
import { type Diagnostic, formatDiagnostic } from '../validation/diagnostic';
import type { ImplementationOption } from '../validation/feature-claims';

/** Options of a {@link DataPlane}. */
export interface DataPlaneOptions {
  /**
   * GatewayClass `spec.controllerName`s the plane acts as; Gateways of other
   * classes get no status and route no traffic.
   * @default - every GatewayClass
   */
  readonly controllerNames?: readonly string[];
  /**
   * Seed of the sequence used to pick among weighted backends; the same seed
   * and the same sequence of requests give the same picks.
   * @default 1
   */
  readonly seed?: number;
  /**
   * Throw when an object is malformed instead of recording a diagnostic.
   * @default false
   */
  readonly strict?: boolean;
  /**
   * Assume the objects the loaded objects refer to but do not define, for
   * testing a chart on its own (its GatewayClass, Services, certificate
   * Secrets and CA ConfigMaps are usually managed elsewhere): `true` for
   * every kind the plane can assume, or a list of kinds, e.g.
   * `['GatewayClass', 'Service']` to keep certificates judged as written.
   * The stand-ins are loaded with the source `assumed` and listed in
   * {@link DataPlane.assumed}; see {@link AssumableKind} for exactly what is
   * assumed. Without it, a Gateway of an absent class routes nothing, a
   * listener whose certificate Secret is absent is not ready, and a backend
   * Service that is absent answers 500, as in a cluster.
   * @default false
   */
  readonly assumeMissing?: boolean | readonly AssumableKind[];
  /**
   * `fromChart` / `fromApp` only: run the construct tree's validations (as
   * `chart.toJson()` does) and throw when they fail. `false` loads a chart
   * whose validation fails, to test a misconfiguration through the statuses
   * it produces (e.g. a route a listener does not allow: Accepted False).
   * @default true
   */
  readonly validate?: boolean;
  /**
   * The Gateway API release channel whose CRDs the modelled cluster runs:
   * objects are admitted (or refused) exactly as `validateManifests` with the
   * same channel judges them.
   * @default - `fromChart` and `fromApp`: the channel the app is validated
   * against at synthesis, as `validateApp` and the plugin check it (standard,
   * or experimental once a construct uses an experimental-only option), so
   * that the plane admits the objects as their synthesis judged them; the
   * other loaders: 'experimental'
   * (every kind and field the plane models)
   */
  readonly channel?: 'standard' | 'experimental';
  /**
   * How a route with both valid and invalid rules (a RegularExpression RE2
   * cannot compile) is treated: `reject-route` rejects the whole route
   * (Accepted=False, UnsupportedValue); `drop-rule` drops the invalid rules,
   * serves the valid ones and sets `PartiallyInvalid=True` with a message
   * starting "Dropped Rule". `explain()` says which applied.
   * @default 'reject-route'
   */
  readonly partiallyInvalid?: PartiallyInvalidApproach;
  /**
   * The implementation the plane stands for: a conformance report's project
   * (`envoy-gateway`; `project/mode` for another mode than `default`; see
   * docs/compatibility.md), or `{ supportedFeatures: [...] }` for one that
   * published no report. The GatewayClass `status.supportedFeatures` lists
   * what it claims, and objects using a feature it does not claim are
   * treated as the spec requires of an implementation that does not support
   * it (docs/status.md, "Implementation features"): a rule with such a
   * filter is rejected (IncompatibleFilters), one with such a value
   * (a 303 redirect, a method match) too (UnsupportedValue), a listener on
   * port 8080 is PortUnavailable, a route or policy of such a kind is not
   * reconciled.
   * @default - every feature the plane models ({@link SUPPORTED_FEATURES})
   */
  readonly implementation?: ImplementationOption;
}

/** An object the plane assumed because it was referenced but not defined (see {@link DataPlaneOptions.assumeMissing}). */
export interface AssumedObject {
  /** Kind: GatewayClass, Service, Secret, ConfigMap, or the kind a parametersRef names. */
  readonly kind: string;
  /** Namespace (absent for a GatewayClass). @default - absent for cluster-scoped kinds */
  readonly namespace?: string;
  /** Name. */
  readonly name: string;
}

/** A request for {@link DataPlane.distribution}. */
export type DistributionRequest =
  | ({ readonly protocol?: 'http' } & HttpRequest)
  | ({ readonly protocol: 'grpc' } & GrpcRequest)
  | ({ readonly protocol: 'tls' } & TlsRequest)
  | ({ readonly protocol: 'tcp' | 'udp' } & StreamRequest);

/** A GatewayClass status as the plane writes it (conditions always present). */
export type ReconciledGatewayClassStatus = GatewayClassStatus & Required<Pick<GatewayClassStatus, 'conditions' | 'supportedFeatures'>>;
/** A Gateway status as the plane writes it (addresses, conditions and listeners always present). */
export type ReconciledGatewayStatus = GatewayStatus & Required<Pick<GatewayStatus, 'addresses' | 'conditions' | 'listeners'>>;
/** A ListenerSet status as the plane writes it (conditions and listeners always present). */
export type ReconciledListenerSetStatus = ListenerSetStatus & Required<Pick<ListenerSetStatus, 'conditions' | 'listeners'>>;

/** Kinds that carry a status in the plane. */
/** The status {@link DataPlane.status} returns for an object of a kind known only at run time: the fields of every kind's status, each optional. */
export type ReconciledStatus = Partial<GatewayClassStatus & GatewayStatus & ListenerSetStatus & PolicyStatus & RouteStatus>;

/** An object as {@link DataPlane.objects} returns it: as loaded (CRD defaults applied), with the status the plane computes. */
export interface LoadedObject {
  /** apiVersion. */
  readonly apiVersion: string;
  /** Kind. */
  readonly kind: string;
  /** Metadata. */
  readonly metadata: StoredMetadata;
  /** The status the plane computes. @default - none (the plane does not reconcile objects of this kind) */
  readonly status?: ReconciledStatus;
  /** Every other field (spec, data, ...), as loaded. */
  readonly [key: string]: unknown;
}

/** Everything the engines and analyses read from a plane: the reconciled state, cached route tables and the random sequence. */
interface PlaneContext extends LoadedRoutes, HttpContext, GrpcContext, StreamContext {}

/** The kinds the plane writes a status on (`DataPlane.status`, the `toHaveCondition` matcher). */
export type StatusKind = 'GatewayClass' | 'Gateway' | 'ListenerSet' | RouteKindName | 'BackendTLSPolicy';

/** Every {@link StatusKind}, in the order the plane reconciles them. */
export const STATUS_KINDS: readonly StatusKind[] = ['GatewayClass', 'Gateway', 'ListenerSet', ...ROUTE_KINDS, 'BackendTLSPolicy'];

/**
 * An in-memory model of a conformant Gateway API implementation: it loads
 * manifests, computes the status a controller would write, and evaluates
 * HTTP, gRPC, TLS, TCP and UDP traffic with the spec's precedence rules.
 *
 * Ages: where two routes tie on every other precedence rule the older one
 * wins. Objects are ordered by `metadata.creationTimestamp` when they have
 * one; objects without one count as created after every object with one, in
 * the order they were loaded (document order). Results say when a decision
 * fell back to document order (`dependsOnDocumentOrder`).
 *
 * @example
 * const plane = DataPlane.fromChart(chart);
 * plane.http({ gateway: 'infra/main', host: 'api.example.com', path: '/v2' }).backend; // { namespace: 'apps', name: 'api-v2', port: 80 }
 */
export class DataPlane {
  /** Loads the objects a cdk8s Chart synthesizes. */
  public static fromChart(chart: Chart, options: DataPlaneOptions = {}): DataPlane {
    return new DataPlane(chartDocuments(chart, options.validate ?? true).map((doc, index) => ({ doc, source: 'chart', index })), withAppChannel(chart, options));
  }

  /** Loads the objects of every Chart of a cdk8s App. */
  public static fromApp(app: App, options: DataPlaneOptions = {}): DataPlane {
    const docs: SourcedDocument[] = [];
    for (const chart of app.charts) {
      chartDocuments(chart, options.validate ?? true).forEach((doc, index) => docs.push({ doc, source: `chart ${chart.node.path}`, index }));
    }
    return new DataPlane(docs, withAppChannel(app, options));
  }

  /** Loads plain manifest objects (as parsed from YAML or JSON). */
  public static fromManifests(objects: readonly unknown[], options: DataPlaneOptions = {}): DataPlane {
    return new DataPlane(objects.map((doc, index) => ({ doc, source: 'manifests', index })), options);
  }

  /** Loads multi-document YAML text. `source` names it in diagnostics. */
  public static fromYaml(text: string, options: DataPlaneOptions & { readonly source?: string } = {}): DataPlane {
    const diagnostics: Diagnostic[] = [];
    const docs = parseYamlDocuments(text, options.source ?? 'yaml', diagnostics);
    return new DataPlane(docs, options, diagnostics);
  }

  /** Loads YAML or JSON files, in order. */
  public static fromFiles(paths: readonly string[], options: DataPlaneOptions = {}): DataPlane {
    const diagnostics: Diagnostic[] = [];
    const docs = readFiles(paths, diagnostics);
    return new DataPlane(docs, options, diagnostics);
  }

  /** @internal Builds a plane from an already-loaded store (used by the conformance runner after apply/delete). */
  public static _fromStore(store: ObjectStore, options: DataPlaneOptions = {}): DataPlane {
    return new DataPlane(store, options);
  }

  /** @internal Builds a plane from documents that carry their own file and document index (the command line's input). */
  public static _fromDocuments(docs: readonly SourcedDocument[], options: DataPlaneOptions = {}): DataPlane {
    return new DataPlane(docs, options);
  }

  /** @internal The reconciled state and route tables, for the command line's analyses (graph, lint). */
  public _loadedRoutes(): LoadedRoutes {
    return this.ctx;
  }

  /**
   * Problems found while loading, as the validation engine reports them
   * (`validateManifests` gives the same code, object, field and message;
   * `source` is `file#document`): each object named was left out, except
   * for `object/duplicate`, where the later document replaced the earlier one.
   */
  public readonly diagnostics: readonly Diagnostic[];
  /** The objects `assumeMissing` stood in for, in load order (empty without it). */
  public readonly assumed: readonly AssumedObject[];
  private readonly store: ObjectStore;
  private readonly controller: ControllerState;
  private readonly rng: SeededRandom;
  private readonly httpTables = new Map<ListenerState, HostnameTable<HttpEntry>>();
  private readonly grpcTables = new Map<ListenerState, HostnameTable<GrpcEntry>>();
  private readonly tlsTables = new Map<ListenerState, HostnameTable<RouteState>>();
  private readonly httpCompiled = new Map<RouteState, HttpEntry[]>();
  private readonly grpcCompiled = new Map<RouteState, GrpcEntry[]>();
  private readonly ctx: PlaneContext;
  private readonly claims?: PlaneClaims;

  private constructor(input: readonly SourcedDocument[] | ObjectStore, options: DataPlaneOptions, diagnostics: Diagnostic[] = []) {
    // Checked first: a bad implementation is an error about the option, whatever the objects.
    this.claims = options.implementation !== undefined ? planeClaims(options.implementation) : undefined;
    this.store = input instanceof ObjectStore ? input : new ObjectStore(input, diagnostics, options.channel ?? 'experimental');
    const assumed: AssumedObject[] = [];
    const kinds = options.assumeMissing === true ? ASSUMABLE_KINDS : options.assumeMissing || [];
    if (kinds.length > 0) {
      for (const d of assumedObjects(this.store.all(), kinds)) {
        this.store.apply(d);
        // assumedObjects writes each document with a kind and metadata.name (and namespace when namespaced).
        const doc = d.doc as { kind: string; metadata: { name: string; namespace?: string } };
        const m = doc.metadata;
        assumed.push({ kind: doc.kind, ...(m.namespace ? { namespace: m.namespace } : {}), name: m.name });
      }
    }
    // Objects of kinds the plane does not model count for parametersRefs when they are among the inputs.
    const present = input instanceof ObjectStore ? new PresentObjects() : PresentObjects.of(input);
    if (kinds.includes('ParametersRef')) {
      for (const r of parametersRefs(this.store.all())) {
        if (present.has(r)) continue;
        present.add(r);
        assumed.push({ kind: r.kind, ...(r.namespace ? { namespace: r.namespace } : {}), name: r.name });
      }
    }
    this.assumed = assumed;
    this.diagnostics = this.store.diagnostics;
    if (options.strict && this.diagnostics.length > 0) {
      throw new Error(`malformed objects:\n${this.diagnostics.map(formatDiagnostic).join('\n')}`);
    }
    this.controller = new ControllerState(this.store, {
      controllerNames: options.controllerNames,
      parametersPresent: (r) => present.has(r),
      partiallyInvalid: options.partiallyInvalid,
      ...(this.claims ? { claims: this.claims } : {}),
    });
    this.rng = new SeededRandom(options.seed ?? 1);
    this.ctx = {
      controller: this.controller,
      assumed: this.assumed,
      httpTable: (l: ListenerState) => this.table(this.httpTables, l, () => buildHttpTable(l, (r) => this.compiled(this.httpCompiled, r, compileHttpRoute))),
      grpcTable: (l: ListenerState) => this.table(this.grpcTables, l, () => buildGrpcTable(l, (r) => this.compiled(this.grpcCompiled, r, compileGrpcRoute))),
      tlsTable: (l: ListenerState) => this.table(this.tlsTables, l, () => buildTlsTable(l)),
      random: (seed: number | undefined) => (seed === undefined ? this.rng.next() : new SeededRandom(seed).next()),
    };
  }

  private table<T>(cache: Map<ListenerState, T>, l: ListenerState, build: () => T): T {
    let t = cache.get(l);
    if (!t) {
      t = build();
      cache.set(l, t);
    }
    return t;
  }

  private compiled<T>(cache: Map<RouteState, T[]>, r: RouteState, build: (r: RouteState) => T[]): T[] {
    let c = cache.get(r);
    if (!c) {
      c = build(r);
      cache.set(r, c);
    }
    return c;
  }

  /**
   * Evaluates an HTTP(S) request, given as a URL (`'https://shop.example.com/cart?x=1'`,
   * `'POST http://api.example.com/v2'`), a {@link UrlRequest} or an {@link HttpRequest}.
   * @throws Error when the Gateway cannot be determined or the URL does not parse
   */
  public http(request: HttpRequestInput): HttpResult {
    return evaluateHttp(this.ctx, toHttpRequest(request), false);
  }

  /** Evaluates a gRPC call, given as a URL (`'grpcs://api.example.com/echo.Echo/Say'`), a {@link UrlRequest} or a {@link GrpcRequest}. */
  public grpc(request: GrpcRequest | string | UrlRequest): GrpcResult {
    return evaluateGrpc(this.ctx, requestOf(request, 'grpc'), false);
  }

  /** Evaluates a TLS connection (TLSRoute), given as a URL (`'tls://db.example.com:8443'`: the host is the SNI) or a {@link TlsRequest}. */
  public tls(request: TlsRequest | string | UrlRequest): StreamResult {
    return evaluateTls(this.ctx, requestOf(request, 'tls'));
  }

  /** Evaluates a TCP connection (TCPRoute), given as a URL (`'tcp://db:5432'`) or a {@link StreamRequest}. */
  public tcp(request: StreamRequest | string | UrlRequest): StreamResult {
    return evaluateStream(this.ctx, 'TCP', requestOf(request, 'tcp'));
  }

  /** Evaluates a UDP datagram (UDPRoute), given as a URL (`'udp://dns:53'`) or a {@link StreamRequest}. */
  public udp(request: StreamRequest | string | UrlRequest): StreamResult {
    return evaluateStream(this.ctx, 'UDP', requestOf(request, 'udp'));
  }

  /**
   * Explains an HTTP request (or a gRPC call when `service` is given): the
   * listener chosen and every candidate match considered, with why it won or
   * lost. One line per step.
   */
  public explain(request: HttpRequestInput | GrpcRequest): string {
    const parsed = toParsedRequest(request);
    if (parsed.protocol !== 'http' && parsed.protocol !== 'grpc') throw new Error(`explain takes HTTP and gRPC requests; '${describeRequest(request)}' is ${parsed.protocol}`);
    const r = parsed.protocol === 'grpc' ? evaluateGrpc(this.ctx, parsed.request, true) : evaluateHttp(this.ctx, parsed.request, true);
    return r.explanation.join('\n');
  }

  /**
   * The exact distribution of identical requests over backends, from the
   * weights (no sampling). Keys are `namespace/name`; requests that get no
   * backend count under `(<status>)`, e.g. `(500)` for an invalid backend,
   * `(404)` for no route, `(redirect)`, `(refused)`.
   */
  public distribution(input: DistributionRequest | string | UrlRequest): Distribution {
    const d = this.distributionByPort(input);
    return { backends: d.backends, mirrored: d.mirrored };
  }

  /**
   * @internal `distribution` with the fractions also per Service port
   * (`byPort`: `namespace/name:port`, or `namespace/name` for a backend
   * without a port; outcomes as in `backends`): two backendRefs to one
   * Service on different ports are two entries there and one in `backends`.
   * The matchers and the routing spec compare splits on it.
   */
  public distributionByPort(input: DistributionRequest | string | UrlRequest): Distribution & { readonly byPort: { readonly [target: string]: number } } {
    const parsed = toParsedRequest(input);
    const protocol = parsed.protocol;
    const request = parsed.request;
    const mirrored: Record<string, number> = {};
    let decision: { route?: { kind: string; namespace: string; name: string; rule: number }; outcome: string; status?: number; code?: number };
    if (protocol === 'http') decision = evaluateHttp(this.ctx, request as HttpRequest, false);
    else if (protocol === 'grpc') decision = evaluateGrpc(this.ctx, request as GrpcRequest, false);
    else if (protocol === 'tls') decision = evaluateTls(this.ctx, request as TlsRequest);
    else decision = evaluateStream(this.ctx, protocol === 'tcp' ? 'TCP' : 'UDP', request as StreamRequest);
    const route = decision.route ? this.controller.routes.get(`${decision.route.kind}/${decision.route.namespace}/${decision.route.name}`) : undefined;
    const usesBackends = decision.outcome === 'forwarded' || (decision.outcome === 'direct-response' && (decision.status === 500 || decision.code === 14) && route !== undefined) || (decision.outcome === 'refused' && route !== undefined);
    if (!route || !usesBackends) {
      const key = decision.outcome === 'redirect' ? '(redirect)' : decision.outcome === 'refused' ? '(refused)' : `(${decision.status ?? decision.code ?? decision.outcome})`;
      return { backends: { [key]: 1 }, byPort: { [key]: 1 }, mirrored };
    }
    const l4 = isConnectionRoute(route.kind);
    const rules = routeSpec(route.obj.obj).rules ?? [];
    const backends = l4 ? rules.flatMap((r) => r.backendRefs ?? []) : (rules[decision.route!.rule].backendRefs ?? []);
    const shares = backendShares(backends);
    const failed = l4 ? '(refused)' : route.kind === 'GRPCRoute' ? '(14)' : '(500)';
    const out: Record<string, number> = {};
    const byPort: Record<string, number> = {};
    if (shares.every((s) => s === 0)) return { backends: { [failed]: 1 }, byPort: { [failed]: 1 }, mirrored };
    const addMirrors = (filters: readonly AnyRouteFilter[] | undefined, share: number) => {
      for (const f of filters ?? []) {
        if (f.type !== 'RequestMirror') continue;
        const mirror = f.requestMirror;
        const r = mirror ? route.backends.get(mirror.backendRef) : undefined;
        if (r?.ok) mirrored[`${r.namespace}/${r.name}`] = (mirrored[`${r.namespace}/${r.name}`] ?? 0) + share * mirrorFraction(mirror!);
      }
    };
    if (!l4) addMirrors(rules[decision.route!.rule].filters, 1);
    backends.forEach((b, i) => {
      const share = shares[i];
      if (share === 0) return;
      const r = route.backends.get(b);
      const key = r && r.ok ? `${r.namespace}/${r.name}` : failed;
      const portKey = r && r.ok && r.port !== undefined ? `${key}:${r.port}` : key;
      out[key] = (out[key] ?? 0) + share;
      byPort[portKey] = (byPort[portKey] ?? 0) + share;
      if (r && r.ok) addMirrors(b.filters, share);
    });
    return { backends: out, byPort, mirrored };
  }

  /**
   * The status the controller writes on an object, or undefined when the
   * plane does not reconcile it (unknown object, or a class it does not handle).
   * Cluster-scoped kinds (GatewayClass) take `undefined` as namespace.
   */
  public status(kind: 'GatewayClass', namespace: undefined, name: string): ReconciledGatewayClassStatus | undefined;
  public status(kind: 'Gateway', namespace: string, name: string): ReconciledGatewayStatus | undefined;
  public status(kind: 'ListenerSet', namespace: string, name: string): ReconciledListenerSetStatus | undefined;
  public status(kind: 'BackendTLSPolicy', namespace: string, name: string): PolicyStatus | undefined;
  public status(kind: 'HTTPRoute' | 'GRPCRoute' | 'TLSRoute' | 'TCPRoute' | 'UDPRoute', namespace: string, name: string): RouteStatus | undefined;
  public status(kind: string, namespace: string | undefined, name: string): ReconciledStatus | undefined;
  public status(kind: string, namespace: string | undefined, name: string): ReconciledStatus | undefined {
    const ns = namespace ?? '';
    switch (kind) {
      case 'GatewayClass': {
        const gc = this.controller.gatewayClasses.get(name);
        return gc ? { conditions: gc.conditions.list(), supportedFeatures: (this.claims?.names ?? SORTED_FEATURES).map((f) => ({ name: f })) } : undefined;
      }
      case 'Gateway': {
        const gw = this.controller.gateways.get(`${ns}/${name}`);
        if (!gw) return undefined;
        return {
          addresses: gw.addresses,
          conditions: gw.conditions.list(),
          listeners: this.controller.listenerStatuses(gw.listeners),
          ...(gw.attachedListenerSets > 0 ? { attachedListenerSets: gw.attachedListenerSets } : {}),
        };
      }
      case 'ListenerSet': {
        const ls = this.controller.listenerSets.get(`${ns}/${name}`);
        return ls ? { conditions: ls.conditions.list(), listeners: this.controller.listenerStatuses(ls.listeners) } : undefined;
      }
      case 'BackendTLSPolicy': {
        const p = this.controller.policies.get(`${ns}/${name}`);
        return p ? { ancestors: p.ancestors } : undefined;
      }
      default: {
        const r = this.controller.routes.get(`${kind}/${ns}/${name}`);
        return r ? { parents: r.parents } : undefined;
      }
    }
  }

  /**
   * The routing table: every Gateway, listener (port, protocol, hostname),
   * hostname, and route rule in precedence order with its matches, filters,
   * backends (weights and shares) or redirect; rules that can never win
   * marked SHADOWED with what wins instead; routes not attached, with why.
   * Text (the default) is stable and sorted, made for `toMatchSnapshot()`
   * and code review; `{ format: 'json' }` gives the same content as data.
   * The same objects give the same table whatever their order, except where
   * document order decides precedence (marked `(document order)`).
   */
  public routingTable(options?: RoutingTableOptions & { readonly format?: 'text' }): string;
  public routingTable(options: RoutingTableOptions & { readonly format: 'json' }): RoutingTable;
  public routingTable(options: RoutingTableOptions = {}): string | RoutingTable {
    const table = buildRoutingTable(this.ctx);
    if (options.format === 'json') return table;
    if (options.format !== undefined && options.format !== 'text') throw new Error(`routingTable format '${options.format}' is not understood; use 'text' or 'json'`);
    return renderRoutingTable(table);
  }

  /**
   * Route rules (matches) that can never win, each with what takes its
   * traffic (a rule ahead of it that matches everything it matches, or a more
   * specific listener) and why. Empty when every rule can win.
   */
  public shadowedRules(): ShadowedRule[] {
    return findShadowedRules(this.ctx);
  }

  /** Every loaded object, in load order, with `status` where the plane reconciles it. */
  public objects(): LoadedObject[] {
    return this.store.all().map((o) => {
      const status = this.status(o.kind, o.namespace || undefined, o.name);
      return JSON.parse(JSON.stringify(status ? { ...o.obj, status } : o.obj));
    });
  }
}

/** The request of `protocol` a method takes: a URL of that scheme is parsed; a request object passes through. */
function requestOf(input: unknown, protocol: 'grpc'): GrpcRequest;
function requestOf(input: unknown, protocol: 'tls'): TlsRequest;
function requestOf(input: unknown, protocol: 'tcp' | 'udp'): StreamRequest;
function requestOf(input: unknown, protocol: 'grpc' | 'tls' | 'tcp' | 'udp'): ParsedRequest['request'] {
  type Wanted = ParsedRequest['request'];
  // A request object is the caller's, typed by the method's signature.
  if (typeof input !== 'string' && !isUrlRequest(input)) return input as Wanted;
  const parsed = parseUrlRequest(input);
  if (parsed.protocol !== protocol) throw new Error(`request '${describeRequest(input)}' is ${parsed.protocol}, not ${protocol}; use the plane's ${parsed.protocol}() or distribution()`);
  return parsed.request as Wanted;
}

/** Gateway API features the in-memory data plane implements (used in GatewayClass status and by the conformance runner). */
export const SUPPORTED_FEATURES: readonly string[] = [
  'Gateway', 'GatewayPort8080', 'GatewayHTTPListenerIsolation', 'GatewayInfrastructurePropagation', 'GatewayAddressEmpty', 'GatewayStaticAddresses',
  'GatewayHTTPSListenerDetectMisdirectedRequests', 'GatewayFrontendClientCertificateValidation', 'GatewayFrontendClientCertificateValidationInsecureFallback',
  'GatewayBackendClientCertificate',
  'HTTPRoute', 'HTTPRouteQueryParamMatching', 'HTTPRouteMethodMatching', 'HTTPRouteResponseHeaderModification', 'HTTPRoutePortRedirect',
  'HTTPRouteSchemeRedirect', 'HTTPRoutePathRedirect', 'HTTPRouteHostRewrite', 'HTTPRoutePathRewrite', 'HTTPRouteRequestMirror',
  'HTTPRouteRequestMultipleMirrors', 'HTTPRouteRequestPercentageMirror', 'HTTPRouteBackendRequestHeaderModification', 'HTTPRouteParentRefPort',
  'HTTPRoute303RedirectStatusCode', 'HTTPRoute307RedirectStatusCode', 'HTTPRoute308RedirectStatusCode', 'HTTPRouteNamedRouteRule', 'HTTPRouteCORS',
  'HTTPRouteDestinationPortMatching', 'HTTPRouteRequestTimeout', 'HTTPRouteBackendTimeout', 'HTTPRouteRetry',
  'HTTPRouteBackendProtocolH2C', 'HTTPRouteBackendProtocolWebSocket',
  'GRPCRoute', 'GRPCRouteNamedRouteRule',
  'TLSRoute', 'TLSRouteModeTerminate', 'TLSRouteModeMixed', 'TCPRoute', 'UDPRoute',
  'ReferenceGrant', 'ListenerSet', 'BackendTLSPolicy', 'BackendTLSPolicySANValidation',
];

/** {@link SUPPORTED_FEATURES} in ascending order, as `status.supportedFeatures` must list them (by name). */
const SORTED_FEATURES: readonly string[] = [...SUPPORTED_FEATURES].sort();

/** `options` with, when it names no channel, the channel the construct tree of `scope` is validated against. */
function withAppChannel(scope: Chart | App, options: DataPlaneOptions): DataPlaneOptions {
  return options.channel !== undefined ? options : { ...options, channel: SynthValidation.channelOf(scope) };
}
