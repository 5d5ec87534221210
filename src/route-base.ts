import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import type * as l1 from '../generated';
import type { Backend } from './backend';
import { Filter, FilterType } from './filter';
import { GATEWAY_API_GROUP } from './model';
import { IParentRef } from './parent';
import { addConstructValidation, constructProblem } from './private/construct-validation';
import { constructError, Where } from './private/error-scope';
import { checkDnsLabel, checkGroup, checkHostname, checkKind, checkMaxItems, checkObjectName, checkPort, checkSectionName } from './private/field-checks';
import { isGrantPolicy } from './private/grant-policy';
import { appended } from './private/lists';
import { ReferenceGrantPolicy } from './reference-grant';
import { IResource, Resource, ResourceProps } from './resource';
import { SynthValidation } from './synth-validation';

export { GATEWAY_API_GROUP };

/** An IPv4 address: route hostnames must be DNS names, and this one passes the DNS pattern. */
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * A route of any kind, defined in this app or imported by name.
 */
export interface IRoute extends IResource {}

/**
 * One rule of an HTTPRoute or GRPCRoute, as its route's `addRule()` returns
 * it: the part patterns such as a canary release need from either kind.
 */
export interface IRouteRule {
  /** The rule's name, if it has one. @default - unnamed */
  readonly name?: string;
  /** Position of the rule in the route's `spec.rules`. */
  readonly index: number;
  /** The backends, with their weights and filters. */
  readonly backends: Backend[];
  /** Replaces the rule's backends (checked as `addRule()` checks them). */
  replaceBackends(...backends: Backend[]): void;
}

/** Options every route kind takes. */
export interface RouteBaseProps extends ResourceProps {
  /**
   * Gateways, listeners or ListenerSets this route attaches to (add more with
   * `attachTo()`). A parent in the route's namespace is written without
   * `namespace`; a listener parent writes its `sectionName` (and `port`).
   *
   * @default - none; call `attachTo()` before synthesis
   */
  readonly parents?: IParentRef[];
  /**
   * What to do when a backend (or mirror backend) is in another namespace:
   * `AUTO` creates the ReferenceGrant it needs in that namespace; `NONE`
   * creates nothing and fails synthesis, naming the grant needed, unless a
   * ReferenceGrant in the app already permits the reference.
   *
   * @default ReferenceGrantPolicy.AUTO
   */
  readonly referenceGrants?: ReferenceGrantPolicy;
}

/** The one rule of a TCPRoute, TLSRoute or UDPRoute: its backends. */
export interface BackendRuleOptions {
  /**
   * Name of the rule.
   *
   * @default - unnamed
   */
  readonly name?: string;
  /** Where connections go, split by weight: 1 to 16 backends, without filters. */
  readonly backends: Backend[];
}

/** Options for importing a route defined outside this app. */
export interface RouteImportOptions {
  /**
   * Namespace of the route.
   *
   * @default - the namespace of whatever refers to it
   */
  readonly namespace?: string;
}

/** The spec type every route L1 accepts (the lazily rendered spec is passed to whichever class the route uses). */
type AnyL1RouteSpec = l1.HTTPRouteSpec & l1.GRPCRouteSpec & l1.TCPRouteSpec & l1.TLSRouteSpec & l1.UDPRouteSpec;

/** The constructor signature shared by the generated route L1 classes. */
type L1RouteClass = new (scope: Construct, id: string, props: { metadata?: ApiObjectMetadata; spec: AnyL1RouteSpec }) => ApiObject;

/**
 * Machinery shared by HttpRoute, GrpcRoute, TcpRoute, TlsRoute and UdpRoute:
 * parents, hostnames, backend binding (with ReferenceGrants) and lazy
 * rendering into one L1 child named `'Resource'`.
 */
export abstract class RouteBase extends Resource implements IRoute {
  /** The ReferenceGrant policy for this route's cross-namespace backends. */
  public readonly referenceGrants: ReferenceGrantPolicy;
  protected readonly apiObject: ApiObject;
  private parentList: readonly IParentRef[] = [];
  private hostnameList: readonly string[] = [];
  /**
   * The backend each field holds now, for the backends that leave a grant entry or a port check behind (a replaced
   * rule's backends replace the old entries; the checks of replaced ones are skipped). Made on the first such backend.
   */
  private appServiceBackends?: Map<string, Backend>;

  protected constructor(scope: Construct, id: string, props: RouteBaseProps, l1Class: L1RouteClass) {
    super(scope, id);
    this.referenceGrants = props.referenceGrants ?? ReferenceGrantPolicy.AUTO;
    if (!isGrantPolicy(this.referenceGrants)) {
      throw constructError(this.where, 'invalid-value', `referenceGrants '${this.referenceGrants}' must be ReferenceGrantPolicy.AUTO or ReferenceGrantPolicy.NONE`);
    }
    if (props.metadata?.namespace !== undefined) checkDnsLabel(props.metadata.namespace, this.where, 'metadata.namespace');
    this.apiObject = new l1Class(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this._renderSpec() }),
    });
    this.attachTo(...props.parents ?? []);
    addConstructValidation(this, () => this.parentList.length === 0
      ? [constructProblem('missing', 'the route is not attached to any parent; pass `parents` or call `attachTo()` with a Gateway, a listener or a ListenerSet', 'parents')]
      : []);
  }

  /** The parents this route attaches to, in order. */
  public get parents(): IParentRef[] {
    return [...this.parentList];
  }

  /**
   * Attaches the route to more Gateways, listeners (`gateway.listener('https')`)
   * or ListenerSets. Throws on a parent that is already attached, and when one
   * parent is referred to both as a whole and by listener (the API requires
   * every reference to the same parent to name a distinct listener).
   */
  public attachTo(...parents: IParentRef[]): void {
    for (const p of parents) {
      const r = p.parentRef;
      const field = `parents[${this.parentList.length}]`;
      checkGroup(r.group, this.where, `${field}.group`);
      checkKind(r.kind, this.where, `${field}.kind`);
      checkObjectName(r.name, this.where, `${field}.name`);
      if (r.port !== undefined) checkPort(r.port, this.where, `${field}.port`);
      if (r.namespace !== undefined) checkDnsLabel(r.namespace, this.where, `${field}.namespace`);
      if (r.sectionName !== undefined) checkSectionName(r.sectionName, this.where, `${field}.sectionName`);
      // Compared only with the parents already attached (most routes attach one), and described only to throw.
      const same = this.parentList.length === 0 ? [] : this.parentList.filter(q => sameParent(q.parentRef, r, this.namespace));
      for (const q of same) {
        const desc = describeParent(r);
        const qs = q.parentRef.sectionName;
        if (qs === r.sectionName) {
          throw constructError(this.where, 'duplicate', r.sectionName === undefined
            ? `${desc} is already a parent of this route; one parent can be referred to only once without a listener (sectionName), whatever the port`
            : `${desc} is already a parent of this route`, 'parents');
        }
        if ((qs === undefined) !== (r.sectionName === undefined)) {
          throw constructError(this.where, 'conflict', `${desc} cannot be attached both as a whole and by listener; attach to each listener with \`${r.kind.charAt(0).toLowerCase()}${r.kind.slice(1)}.listener(name)\` instead`);
        }
      }
      checkMaxItems(this.parentList.length + 1, 32, this.where, 'parents');
      this.parentList = appended(this.parentList, p);
    }
  }

  /** The hostnames this route matches, in order. */
  protected get hostnameEntries(): string[] {
    return [...this.hostnameList];
  }

  /** Validates and records hostnames; subclasses expose it as `addHostnames`. */
  protected addHostnameEntries(hostnames: readonly string[], max: number): void {
    for (const h of hostnames) {
      const field = `hostnames[${this.hostnameList.length}]`;
      checkHostname(h, this.where, field);
      if (IPV4.test(h)) {
        throw constructError(this.where, 'invalid-value', `${field} "${h}" is an IP address; route hostnames must be DNS names such as 'api.example.com'`, field);
      }
      if (this.hostnameList.includes(h)) {
        throw constructError(this.where, 'duplicate', `hostname '${h}' is already listed`);
      }
      checkMaxItems(this.hostnameList.length + 1, max, this.where, 'hostnames');
      this.hostnameList = appended(this.hostnameList, h);
    }
  }

  /**
   * Makes sure the route may refer to `backend` (and to a filter's mirror
   * backends): creates or requires the ReferenceGrant when it is in another
   * namespace, per `referenceGrants`.
   */
  protected bindBackend(backend: Backend, field: string): void {
    this.bindTarget(backend, field);
    backend.filters.forEach((f, i) => this.bindFilter(f, `${field}.filters[${i}]`));
  }

  /**
   * Forgets the Service checks of the backends bound under `field` (their
   * rule's backends are being replaced). ReferenceGrants already created
   * stay.
   */
  protected unbindBackends(field: string): void {
    const bound = this.appServiceBackends;
    if (!bound) return;
    for (const key of [...bound.keys()]) {
      if (key.startsWith(`${field}.backends[`)) bound.delete(key);
    }
  }

  /** Binds the mirror backend of a filter, if it has one. */
  protected bindFilter(filter: Filter, field: string): void {
    if (filter.mirrorBackend) this.bindTarget(filter.mirrorBackend, `${field} (RequestMirror backend)`);
  }

  /**
   * The checks every HTTP and gRPC rule starts with: at most 16 rules, a
   * valid rule name no other rule of this route uses, and the experimental
   * opt-in (which validates the app against the experimental CRDs).
   * Returns how messages name the new rule (`rules[2] ('api')`).
   */
  protected checkNewRule(rule: { readonly name?: string; readonly experimental?: unknown }, existingNames: readonly (string | undefined)[]): string {
    const index = existingNames.length;
    const where = this.where;
    const field = rule.name !== undefined ? `rules[${index}] ('${rule.name}')` : `rules[${index}]`;
    checkMaxItems(index + 1, 16, where, 'rules');
    if (rule.experimental !== undefined) SynthValidation.of(this).useExperimentalChannel();
    if (rule.name !== undefined) {
      checkSectionName(rule.name, where, `${field}.name`);
      if (existingNames.includes(rule.name)) {
        throw constructError(where, 'duplicate', `rule name '${rule.name}' is already used by another rule of this route`);
      }
    }
    return field;
  }

  /**
   * Checks and binds the one rule of a TCPRoute, TLSRoute or UDPRoute: at
   * most one rule, 1 to 16 backends without filters, a unique name.
   */
  protected addBackendOnlyRule(rules: BackendRuleOptions[], rule: BackendRuleOptions): void {
    const where = this.where;
    const field = `rules[${rules.length}]`;
    if (rules.length >= 1) {
      throw constructError(where, 'unsupported', `a ${this.kind} has exactly one rule; put every backend in that rule (weights split the traffic)`);
    }
    if (rule.name !== undefined) checkSectionName(rule.name, where, `${field}.name`);
    const backends = rule.backends ?? [];
    if (backends.length === 0) {
      throw constructError(where, 'missing', `${field} needs at least one backend`, field);
    }
    checkMaxItems(backends.length, 16, where, `${field}.backends`);
    backends.forEach((b, i) => {
      if (b.filters.length > 0) {
        throw constructError(where, 'unsupported', `${field}.backends[${i}] ('${b.name}') has filters; ${this.kind} backends take none`, `${field}.backends[${i}]`);
      }
      this.bindBackend(b, `${field}.backends[${i}] (${b.kind} '${b.name}')`);
    });
    rules.push({ name: rule.name, backends: [...backends] });
  }

  /** Renders the rules of a TCPRoute, TLSRoute or UDPRoute. */
  protected renderBackendOnlyRules(rules: readonly BackendRuleOptions[]): l1.TCPRouteRule[] {
    const ns = this.namespace;
    return rules.map(r => ({
      ...(r.name !== undefined ? { name: r.name } : {}),
      backendRefs: r.backends.map(b => {
        const { filters, ...ref } = b._render(ns);
        return ref;
      }),
    }));
  }

  /** Renders `spec.parentRefs`, or undefined when there is none. */
  protected renderParentRefs(): l1.ParentReference[] | undefined {
    if (this.parentList.length === 0) return undefined;
    const ns = this.namespace;
    return this.parentList.map(p => {
      const r = p.parentRef;
      // Fields assigned in the order they are written (no spread of a temporary object per optional field).
      const out = {} as { -readonly [K in keyof l1.ParentReference]: l1.ParentReference[K] };
      if (r.group !== GATEWAY_API_GROUP) out.group = r.group;
      if (r.kind !== 'Gateway' || r.group !== GATEWAY_API_GROUP) out.kind = r.kind;
      out.name = r.name;
      if (r.namespace !== undefined && r.namespace !== ns) out.namespace = r.namespace;
      if (r.sectionName !== undefined) out.sectionName = r.sectionName;
      if (r.port !== undefined) out.port = r.port;
      return out;
    });
  }

  /** Renders `spec.hostnames`, or undefined when there is none. */
  protected renderHostnames(): string[] | undefined {
    return this.hostnameList.length ? [...this.hostnameList] : undefined;
  }

  /** Renders the whole spec (called lazily at synthesis; must not throw). @internal */
  protected abstract _renderSpec(): object;

  private bindTarget(backend: Backend, field: string): void {
    // Only a backend that leaves something behind asks later whether its rule still uses it; the others (most
    // backends of a large app) get no entry and no question to ask.
    const tracked = backend._keepsInUseCheck;
    if (tracked) (this.appServiceBackends ??= new Map()).set(field, backend);
    if (backend._isAppService && backend.port !== undefined) {
      // The route's own check names the backend in construct terms; the engine's duplicate is dropped.
      SynthValidation.of(this).reportsItself(this, 'xref/service-port-not-exposed',
        `port ${backend.port} of Service ${backend.namespace ?? this.namespace ?? 'default'}/${backend.name},`);
    }
    backend._bind(this, field, tracked ? () => this.appServiceBackends!.get(field) === backend : undefined);
  }
}

/**
 * A route defined outside this app, known by name.
 *
 * @internal
 */
export class ImportedRoute extends Construct implements IRoute {
  public readonly apiGroup = GATEWAY_API_GROUP;
  constructor(scope: Construct, id: string, where: Where, public readonly kind: string, public readonly name: string, public readonly namespace?: string) {
    super(scope, id);
    checkObjectName(name, where, 'name');
    if (namespace !== undefined) checkDnsLabel(namespace, where, 'namespace');
  }
}

/** Whether two parent references point at the same object (namespace undefined = the route's). */
function sameParent(a: { group: string; kind: string; name: string; namespace?: string }, b: typeof a, routeNs?: string): boolean {
  return a.group === b.group && a.kind === b.kind && a.name === b.name && (a.namespace ?? routeNs) === (b.namespace ?? routeNs);
}

function describeParent(r: { kind: string; name: string; namespace?: string; sectionName?: string }): string {
  return `${r.kind} '${r.namespace ? `${r.namespace}/` : ''}${r.name}'${r.sectionName ? ` listener '${r.sectionName}'` : ''}`;
}

/**
 * Formats a duration the way Gateway API timeouts are written (`1h30m`,
 * `500ms`): up to four unit groups, largest first.
 *
 * @internal
 */
export function formatGatewayDuration(ms: number): string {
  if (ms === 0) return '0s';
  const parts: string[] = [];
  let rest = ms;
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      parts.push(`${n}${unit}`);
      rest -= n * size;
    }
  }
  return parts.join('');
}

/**
 * Checks one filter list (of a rule or of a backend) the way the CRD does:
 * at most 16, each kind at most once except RequestMirror and ExtensionRef,
 * not RequestRedirect together with URLRewrite, and only `allowed` kinds.
 *
 * @internal
 */
export function checkFilterList(filters: readonly Filter[], allowed: readonly FilterType[], routeKind: string, where: Where, field: string): void {
  // Most rules and backends have no filters: nothing to check, and no set to make (one per backend of every route).
  if (filters.length === 0) return;
  checkMaxItems(filters.length, 16, where, field);
  const seen = new Set<FilterType>();
  filters.forEach((f, i) => {
    if (!(f instanceof Filter)) {
      throw constructError(where, 'wrong-type', `${field}[${i}] is not a Filter; create filters with Filter.requestHeaders(), Filter.requestRedirect(), ...`);
    }
    if (!allowed.includes(f.type)) {
      throw constructError(where, 'unsupported', `${field}[${i}] is a ${f.type} filter, which ${routeKind} does not support; supported: ${allowed.join(', ')}`);
    }
    if (seen.has(f.type) && f.type !== FilterType.REQUEST_MIRROR && f.type !== FilterType.EXTENSION_REF) {
      throw constructError(where, 'duplicate', `${field} has more than one ${f.type} filter; combine them into one`, field);
    }
    seen.add(f.type);
  });
  if (seen.has(FilterType.REQUEST_REDIRECT) && seen.has(FilterType.URL_REWRITE)) {
    throw constructError(where, 'conflict', `${field} has both a RequestRedirect and a URLRewrite filter; a redirect answers the client, so a rewrite cannot apply`, field);
  }
}
