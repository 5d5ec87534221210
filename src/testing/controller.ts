/**
 * The controller's state: what it reconciled (GatewayClasses, Gateways and
 * their listeners, ListenerSets, routes and their attachments,
 * BackendTLSPolicies) and the lookups the data path makes on it. The
 * reconciling itself is done, in this order, by gateway-status (classes,
 * Gateways and their own listeners), listener-set-status, overlapping-tls,
 * route-attachment (with route-rules) and policy-status.
 */
import { kindNotClaimed, type PlaneClaims } from './implementation-features';
import type { Condition, ListenerStatus, ParentReference, RouteGroupKind, RouteParentStatus } from '../../generated';
import type { Listener, ListenerEntry } from '../../generated/experimental';
import { Labels, namespaceLabels, ROUTE_KINDS } from '../model';
import { ConditionSet } from './conditions';
import { reconcileGateway, reconcileGatewayClasses } from './gateway-status';
import { reconcileListenerSets } from './listener-set-status';
import { listenerStatuses } from './listener-status';
import { ObjectStore, StoredObject } from './object-store';
import { markOverlappingTls } from './overlapping-tls';
import { backendTlsPolicy, policiesByService, reconcilePolicies } from './policy-status';
import { BackendResolution } from './references';
import { reconcileRoute, resolveHttpGrpcHostnameConflicts } from './route-attachment';
import { RouteDocument, StoredKinds } from './stored-kinds';

/** A GatewayClass of a controller the plane stands for. */
export interface GatewayClassState {
  /** The GatewayClass object. */
  readonly obj: StoredObject<StoredKinds['GatewayClass']>;
  /** GatewayClass conditions. */
  readonly conditions: ConditionSet;
}

/** One listener of a Gateway or ListenerSet, as the controller sees it. */
export interface ListenerState {
  /** The Gateway that serves this listener. */
  readonly gateway: GatewayState;
  /** The object that declares it (the Gateway, or a ListenerSet). */
  readonly owner: StoredObject<StoredKinds['Gateway'] | StoredKinds['ListenerSet']>;
  /** Listener name. */
  readonly name: string;
  /** Listener port. */
  readonly port: number;
  /** Listener protocol. */
  readonly protocol: string;
  /** Listener hostname; absent means every host. @default - every hostname */
  readonly hostname?: string;
  /** TLS mode for HTTPS / TLS listeners. @default - absent for HTTP, TCP and UDP listeners */
  readonly tlsMode?: 'Terminate' | 'Passthrough';
  /** The listener as written (with CRD defaults). */
  readonly spec: Listener | ListenerEntry;
  /** Route kinds the listener accepts (`status.supportedKinds`). */
  readonly supportedKinds: RouteGroupKind[];
  /** Listener conditions. */
  readonly conditions: ConditionSet;
  /** Accepted and able to carry traffic. */
  ready: boolean;
  /** Routes attached (Accepted) through this listener, in attachment order. */
  readonly attachments: RouteAttachment[];
}

/** A Gateway reconciled by the plane. */
export interface GatewayState {
  /** The Gateway object. */
  readonly obj: StoredObject<StoredKinds['Gateway']>;
  /** Gateway conditions. */
  readonly conditions: ConditionSet;
  /** The Gateway's own listeners (its `status.listeners`). */
  readonly listeners: ListenerState[];
  /** Every listener it serves: its own, then those of accepted ListenerSets. */
  readonly serving: ListenerState[];
  /** `status.addresses` (stand-ins in 10.0.0.0/8 where the spec names none). */
  readonly addresses: { type: string; value: string }[];
  /** Accepted ListenerSets attached to this Gateway. */
  attachedListenerSets: number;
}

/** A ListenerSet reconciled by the plane. */
export interface ListenerSetState {
  /** The ListenerSet object. */
  readonly obj: StoredObject<StoredKinds['ListenerSet']>;
  /** Its parent Gateway. @default - absent when the parent Gateway is not reconciled */
  readonly gateway?: GatewayState;
  /** ListenerSet conditions. */
  readonly conditions: ConditionSet;
  /** Its listeners (its `status.listeners`). */
  readonly listeners: ListenerState[];
}

/** A route attached to one listener. */
export interface RouteAttachment {
  /** The attached route. */
  readonly route: RouteState;
  /** The listener it is attached to. */
  readonly listener: ListenerState;
  /** The hostnames the route serves through the listener; undefined = every host. */
  readonly hostnames: string[] | undefined;
}

/** A route reconciled by the plane. */
export interface RouteState {
  /** The route object. */
  readonly obj: StoredObject<RouteDocument>;
  /** Route kind. */
  readonly kind: string;
  /** `status.parents`. */
  readonly parents: RouteParentStatus[];
  /** backendRef (object identity) to its resolution. */
  readonly backends: Map<object, BackendResolution>;
  /** Why the route as a whole is not usable (invalid regex, ...), if it is not. @default - absent when the route is usable */
  readonly invalid?: string;
  /** The reason of Accepted=False when the route is `invalid`. @default 'UnsupportedValue' */
  readonly invalidReason?: string;
  /** Rules dropped under the `drop-rule` approach to partially invalid routes, by index, with why. */
  readonly droppedRules: ReadonlyMap<number, string>;
  /** Listeners the route is attached to. */
  readonly attachments: RouteAttachment[];
  /**
   * Listeners the route was detached from because a route of the other kind (an HTTPRoute for a GRPCRoute, and the
   * reverse) holds an intersecting hostname there, each with that route.
   */
  lostListeners: ReadonlyMap<ListenerState, RouteState>;
  /**
   * Per entry of `parents`: its conditions and the listeners it attached to (for decisions made after every route is
   * attached). Held while the controller reconciles only: dropped (undefined) once every route is attached, so that a
   * plane keeps the status it reports, not the sets it was built from.
   * @default - absent until the route's parents are reconciled, and after the controller is built
   * @internal
   */
  parentStates?: { conditions: ConditionSet; listeners: ListenerState[] }[];
}

/** A BackendTLSPolicy reconciled by the plane. */
export interface PolicyState {
  /** The policy object. */
  readonly obj: StoredObject<StoredKinds['BackendTLSPolicy']>;
  /** `status.ancestors`. */
  readonly ancestors: { ancestorRef: ParentReference; conditions: Condition[]; controllerName: string }[];
  /** Accepted (not conflicted, valid) for at least one ancestor. */
  readonly accepted: boolean;
  /**
   * Gateways (`namespace/name`) the policy is relevant to beyond the 16
   * `status.ancestors` can hold: for them the policy is unimplementable, and
   * requests through them to its targets fail.
   */
  readonly overflow: ReadonlySet<string>;
}

/** What the plane needs to know about the controller it stands for. */
export interface ControllerOptions {
  /** GatewayClass controllerNames to reconcile; undefined = every GatewayClass. @default - every GatewayClass */
  readonly controllerNames?: readonly string[];
  /** Whether a `parametersRef` target of a kind the plane does not model (e.g. an EnvoyProxy) is among the inputs (or assumed). @default - no such object counts as present (their parametersRefs do not resolve) */
  readonly parametersPresent?: (ref: { group: string; kind: string; namespace: string; name: string }) => boolean;
  /** How a route with some invalid rules is treated; see `DataPlaneOptions.partiallyInvalid`. @default 'reject-route' */
  readonly partiallyInvalid?: PartiallyInvalidApproach;
  /** The features of the implementation the plane stands for; see `DataPlaneOptions.implementation`. @default - every feature the plane models */
  readonly claims?: PlaneClaims;
}

/**
 * How the plane treats a route that has both valid and invalid rules (the
 * spec's `PartiallyInvalid` condition):
 * - `reject-route`: the route is not Accepted (`UnsupportedValue`) and none
 *   of its rules serve traffic; `PartiallyInvalid` is not set;
 * - `drop-rule`: the spec's "Drop Rule(s)" approach: the invalid rules are
 *   dropped, the valid ones serve traffic, the route is Accepted and carries
 *   `PartiallyInvalid=True` (`UnsupportedValue`, message starting with
 *   "Dropped Rule").
 * The spec's other approach, "Fall Back" to the last good state, needs a
 * history of the route the plane does not keep. A route whose rules are all
 * invalid is not Accepted under either approach.
 */
export type PartiallyInvalidApproach = 'reject-route' | 'drop-rule';

/** Every status the controller computes, plus the indexes the data path uses. */
export class ControllerState {
  public readonly gatewayClasses = new Map<string, GatewayClassState>();
  public readonly gateways = new Map<string, GatewayState>();
  public readonly listenerSets = new Map<string, ListenerSetState>();
  public readonly routes = new Map<string, RouteState>();
  public readonly policies = new Map<string, PolicyState>();
  /** BackendTLSPolicy verification outcome per policy and Service (`''` = verified or unknown). */
  public readonly backendTlsProblems = new Map<string, string>();
  private readonly nsLabelCache = new Map<string, Labels>();
  /**
   * Resolved backendRefs while the routes are reconciled, shared between routes (see `resolveRouteRules`); emptied
   * once the controller is built.
   * @internal
   */
  public readonly resolutions = new Map<string, BackendResolution>();
  private policyIndex?: Map<string, PolicyState[]>;

  /** The features of the implementation the plane stands for, when given. @default - every feature the plane models */
  public readonly claims?: PlaneClaims;

  public constructor(public readonly store: ObjectStore, options: ControllerOptions = {}) {
    this.claims = options.claims;
    reconcileGatewayClasses(this, options);
    for (const gw of store.list('Gateway')) reconcileGateway(this, gw, options);
    reconcileListenerSets(this);
    for (const gw of this.gateways.values()) markOverlappingTls(gw);
    // Only an HTTPRoute and a GRPCRoute can take a listener from each other (see resolveHttpGrpcHostnameConflicts):
    // without both kinds, no route keeps the sets its parents were built from.
    const bothWebKinds = store.list('HTTPRoute').length > 0 && store.list('GRPCRoute').length > 0;
    for (const kind of ROUTE_KINDS) {
      for (const r of store.list(kind)) {
        // A route of a kind the implementation does not claim is one its controller does not reconcile (no status, no traffic).
        if (options.claims && kindNotClaimed(r.obj, options.claims)) continue;
        reconcileRoute(this, r, options.partiallyInvalid, options.claims, bothWebKinds);
      }
    }
    if (bothWebKinds) {
      resolveHttpGrpcHostnameConflicts(this.routes.values());
      for (const r of this.routes.values()) r.parentStates = undefined;
    }
    this.resolutions.clear();
    reconcilePolicies(this, options.claims);
  }

  /** The controller name a status entry carries. */
  public controllerNameOf(gw: GatewayState): string {
    return this.gatewayClasses.get(gw.obj.obj.spec.gatewayClassName)?.obj.obj.spec.controllerName ?? 'unknown';
  }

  /** Labels of a namespace (from its Namespace object plus the metadata.name label). */
  public namespaceLabels(ns: string): Labels {
    let l = this.nsLabelCache.get(ns);
    if (!l) {
      const o = this.store.get('Namespace', '', ns);
      l = namespaceLabels(ns, o ? [o.obj] : []);
      this.nsLabelCache.set(ns, l);
    }
    return l;
  }

  /**
   * The BackendTLSPolicy that applies to a Service port: the accepted one
   * (a policy naming the port's sectionName beats one for the whole Service),
   * or `invalid` when policies target the port but none is accepted (the
   * Gateway then cannot open a verified connection to the backend).
   */
  public backendTlsPolicyFor(namespace: string, service: StoredObject<StoredKinds['Service']>, port: number | undefined): { policy?: PolicyState; invalid: boolean } {
    this.policyIndex ??= policiesByService(this.policies.values());
    return backendTlsPolicy(this.policyIndex, namespace, service, port);
  }

  /** `status.listeners` of a Gateway or ListenerSet. */
  public listenerStatuses(listeners: ListenerState[]): ListenerStatus[] {
    return listenerStatuses(listeners);
  }
}
