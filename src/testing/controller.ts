import { isIP } from 'net';
import { RE2JS } from 're2js';
import type { Condition, ListenerStatus, ParentReference, RouteGroupKind, RouteParentStatus } from '../../generated';
import type { GRPCRouteRule, HTTPRouteRule, Listener, ListenerEntry } from '../../generated/experimental';
import {
  GATEWAY_API_GROUP, ListenerConflictReason, Labels, NormalizedParentRef, intersectHostnames, listenerAllowsRoute, listenerConflict,
  listenerRouteKinds, listenerSetRefusal, namespaceLabels, normalizeParentRef, parentRefSelectsListener, findListenerConflicts, ROUTE_KINDS,
} from '../model';
import { ConditionSet } from './conditions';
import { ObjectStore, StoredObject, ageDependsOnDocumentOrder, compareAge } from './object-store';
import { hostnamesOverlap, markOverlappingTls } from './overlapping-tls';
import { BackendResolution, checkObjectRef, isValidCaBundle, resolveBackendRef, tlsSecretProblem } from './references';
import { AnyBackendRef, AnyRouteRule, RouteDocument, routeSpec, StoredKinds } from './stored-kinds';

/** The protocols the plane serves. */
export const SUPPORTED_PROTOCOLS = ['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP'];

/** The route kinds the controller reconciles. */

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
  /** Rules dropped under the `drop-rule` approach to partially invalid routes, by index, with why. */
  readonly droppedRules: ReadonlyMap<number, string>;
  /** Listeners the route is attached to. */
  readonly attachments: RouteAttachment[];
  /**
   * Per entry of `parents`: its conditions and the listeners it attached to (for decisions made after every route is attached).
   * @default - absent until the route's parents are reconciled
   * @internal
   */
  readonly parentStates?: { conditions: ConditionSet; listeners: ListenerState[] }[];
}

/** A BackendTLSPolicy reconciled by the plane. */
export interface PolicyState {
  /** The policy object. */
  readonly obj: StoredObject<StoredKinds['BackendTLSPolicy']>;
  /** `status.ancestors`. */
  readonly ancestors: { ancestorRef: ParentReference; conditions: Condition[]; controllerName: string }[];
  /** Accepted (not conflicted, valid) for at least one ancestor. */
  readonly accepted: boolean;
}

/** What the plane needs to know about the controller it stands for. */
export interface ControllerOptions {
  /** GatewayClass controllerNames to reconcile; undefined = every GatewayClass. @default - every GatewayClass */
  readonly controllerNames?: readonly string[];
  /** Whether a `parametersRef` target of a kind the plane does not model (e.g. an EnvoyProxy) is among the inputs (or assumed). @default - no such object counts as present (their parametersRefs do not resolve) */
  readonly parametersPresent?: (ref: { group: string; kind: string; namespace: string; name: string }) => boolean;
  /** How a route with some invalid rules is treated; see `DataPlaneOptions.partiallyInvalid`. @default 'reject-route' */
  readonly partiallyInvalid?: PartiallyInvalidApproach;
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
  public readonly gatewayClasses = new Map<string, { obj: StoredObject<StoredKinds['GatewayClass']>; conditions: ConditionSet }>();
  public readonly gateways = new Map<string, GatewayState>();
  public readonly listenerSets = new Map<string, ListenerSetState>();
  public readonly routes = new Map<string, RouteState>();
  public readonly policies = new Map<string, PolicyState>();
  private readonly nsLabelCache = new Map<string, Labels>();
  /** Why a listener's frontend CA certificate refs do not resolve, from makeListener to finishListener. */
  private readonly caProblems = new Map<ListenerState, string>();
  /** BackendTLSPolicy verification outcome per policy and Service (`''` = verified or unknown). */
  public readonly backendTlsProblems = new Map<string, string>();

  public constructor(public readonly store: ObjectStore, private readonly options: ControllerOptions = {}) {
    this.reconcileClasses();
    for (const gw of store.list('Gateway')) this.reconcileGateway(gw);
    this.reconcileListenerSets();
    for (const gw of this.gateways.values()) markOverlappingTls(gw);
    for (const kind of ROUTE_KINDS) for (const r of store.list(kind)) this.reconcileRoute(r);
    this.resolveHttpGrpcHostnameConflicts();
    this.reconcilePolicies();
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

  private reconcileClasses(): void {
    for (const gc of this.store.list('GatewayClass')) {
      const name = gc.obj.spec?.controllerName;
      if (this.options.controllerNames && !this.options.controllerNames.includes(name)) continue;
      const conditions = new ConditionSet(gc.obj.metadata.generation);
      const ref = gc.obj.spec?.parametersRef;
      if (ref && !(normalize(ref.group) === '' && ref.kind === 'ConfigMap' && ref.namespace && this.store.get('ConfigMap', ref.namespace, ref.name))
        && !this.options.parametersPresent?.({ group: normalize(ref.group), kind: ref.kind, namespace: ref.namespace ?? '', name: ref.name })) {
        conditions.set('Accepted', false, 'InvalidParameters', `parametersRef ${ref.group || 'core'}/${ref.kind} ${ref.name} does not resolve: no such object among the loaded objects (load it, or use assumeMissing)`);
      } else {
        conditions.set('Accepted', true, 'Accepted', `controller ${name} accepts this class`);
      }
      conditions.set('SupportedVersion', true, 'SupportedVersion', 'the Gateway API v1.6.1 CRDs are supported');
      this.gatewayClasses.set(gc.name, { obj: gc, conditions });
    }
  }

  private reconcileGateway(gw: StoredObject<StoredKinds['Gateway']>): void {
    const cls = this.gatewayClasses.get(gw.obj.spec.gatewayClassName);
    if (!cls) return; // another controller's Gateway, or an unknown class: no status is written
    const gen = gw.obj.metadata.generation;
    const conditions = new ConditionSet(gen);
    const state: GatewayState = { obj: gw, conditions, listeners: [], serving: [], addresses: [], attachedListenerSets: 0 };
    this.gateways.set(`${gw.namespace}/${gw.name}`, state);

    for (const l of gw.obj.spec.listeners ?? []) state.listeners.push(this.makeListener(state, gw, l));
    const conflicts = findListenerConflicts(state.listeners.map((l) => ({ name: l.name, port: l.port, protocol: l.protocol, hostname: l.hostname })));
    for (const l of state.listeners) this.finishListener(l, conflicts.get(l.name));
    state.serving.push(...state.listeners);

    // Gateway-level conditions.
    const invalidListeners = state.listeners.filter((l) => !l.conditions.isTrue('Accepted'));
    let accepted = true;
    if (!cls.conditions.isTrue('Accepted')) {
      accepted = false;
      conditions.set('Accepted', false, 'InvalidParameters', `GatewayClass ${cls.obj.name} is not accepted`);
    }
    const addrProblem = this.gatewayAddresses(state);
    const infraRef = gw.obj.spec.infrastructure?.parametersRef;
    if (!accepted) {
      // set above
    } else if (addrProblem) {
      accepted = false;
      conditions.set('Accepted', false, 'UnsupportedAddress', addrProblem);
    } else if (infraRef && !(normalize(infraRef.group) === '' && infraRef.kind === 'ConfigMap' && this.store.get('ConfigMap', gw.namespace, infraRef.name))
      && !this.options.parametersPresent?.({ group: normalize(infraRef.group), kind: infraRef.kind, namespace: gw.namespace, name: infraRef.name })) {
      accepted = false;
      conditions.set('Accepted', false, 'InvalidParameters', `infrastructure.parametersRef ${infraRef.group || 'core'}/${infraRef.kind} ${infraRef.name} does not name an object in ${gw.namespace} among the loaded objects (load it, or use assumeMissing)`);
    } else if (state.listeners.length > 0 && invalidListeners.length === state.listeners.length) {
      accepted = false;
      conditions.set('Accepted', false, 'ListenersNotValid', `no listener is valid: ${invalidListeners.map((l) => l.name).join(', ')}`);
    } else if (invalidListeners.length > 0) {
      conditions.set('Accepted', true, 'ListenersNotValid', `listeners not valid: ${invalidListeners.map((l) => l.name).join(', ')}`);
    } else {
      conditions.set('Accepted', true, 'Accepted', 'the Gateway is accepted');
    }
    if (accepted) {
      conditions.set('Programmed', true, 'Programmed', 'the Gateway is programmed in the in-memory data plane');
    } else {
      conditions.set('Programmed', false, 'Invalid', 'the Gateway is not accepted');
      for (const l of state.listeners) {
        l.ready = false;
        l.conditions.set('Programmed', false, 'Invalid', 'the Gateway is not accepted');
      }
    }
    // Backend client certificate.
    const clientRef = gw.obj.spec.tls?.backend?.clientCertificateRef;
    if (clientRef) {
      const c = checkObjectRef(this.store, gw, clientRef, ['Secret'], tlsSecretProblem);
      if (c.ok) conditions.set('ResolvedRefs', true, 'ResolvedRefs', 'tls.backend.clientCertificateRef resolved');
      else conditions.set('ResolvedRefs', false, c.problem === 'grant' ? 'RefNotPermitted' : 'InvalidClientCertificateRef', c.message);
    }
    const unresolved = state.listeners.filter((l) => l.conditions.get('ResolvedRefs')?.status === 'False');
    if (unresolved.length > 0 && conditions.get('ResolvedRefs')?.status !== 'False') {
      conditions.set('ResolvedRefs', false, 'ListenersNotResolved', `references of listener(s) ${unresolved.map((l) => l.name).join(', ')} do not resolve`);
    }
    const frontend = gw.obj.spec.tls?.frontend;
    if (frontend) {
      const modes = [frontend.default?.validation?.mode, ...(frontend.perPort ?? []).map((p) => p.tls?.validation?.mode)];
      if (modes.includes('AllowInsecureFallback')) {
        conditions.set('InsecureFrontendValidationMode', true, 'ConfigurationChanged', 'client certificate validation allows insecure fallback');
      }
    }
  }

  private gatewayAddresses(state: GatewayState): string | undefined {
    const spec = state.obj.obj.spec.addresses;
    if (!spec || spec.length === 0) {
      state.addresses.push({ type: 'IPAddress', value: standInAddress(state.obj) });
      return undefined;
    }
    for (const a of spec) {
      const type = a.type ?? 'IPAddress';
      if (type === 'IPAddress') {
        if (a.value === undefined || a.value === '') state.addresses.push({ type, value: standInAddress(state.obj) });
        else if (isIP(a.value)) state.addresses.push({ type, value: a.value });
        else return `address ${JSON.stringify(a.value)} is not an IP address`;
      } else if (type === 'Hostname') {
        if (!a.value) state.addresses.push({ type: 'IPAddress', value: standInAddress(state.obj) });
        else state.addresses.push({ type, value: a.value });
      } else {
        return `address type ${JSON.stringify(type)} is not supported (supported: IPAddress, Hostname)`;
      }
    }
    return undefined;
  }

  private makeListener(gateway: GatewayState, owner: ListenerState['owner'], l: Listener | ListenerEntry): ListenerState {
    const gen = owner.obj.metadata.generation;
    const tlsMode = l.protocol === 'HTTPS' || l.protocol === 'TLS' ? (l.tls?.mode ?? 'Terminate') : undefined;
    const kinds = listenerRouteKinds(l.protocol, l.allowedRoutes);
    const supported = SUPPORTED_PROTOCOLS.includes(l.protocol);
    const listener: ListenerState = {
      gateway,
      owner,
      name: l.name,
      port: l.port,
      protocol: l.protocol,
      hostname: l.hostname,
      tlsMode,
      spec: l,
      supportedKinds: supported ? kinds.supported : [],
      conditions: new ConditionSet(gen),
      ready: false,
      attachments: [],
    };
    const c = listener.conditions;
    // ResolvedRefs first (kinds and certificates), Accepted decided in finishListener.
    let resolved: [boolean, string, string] = [true, 'ResolvedRefs', 'all references resolved'];
    if (supported && kinds.invalid.length > 0) {
      resolved = [false, 'InvalidRouteKinds', `route kinds not supported on a ${l.protocol} listener: ${kinds.invalid.map((k) => k.kind).join(', ')}`];
    }
    if (resolved[0] && tlsMode === 'Terminate' && supported) {
      const refs = l.tls?.certificateRefs ?? [];
      if (refs.length === 0) {
        resolved = [false, 'InvalidCertificateRef', 'a terminating TLS listener needs tls.certificateRefs'];
      }
      for (const ref of refs) {
        const r = checkObjectRef(this.store, owner, ref, ['Secret'], tlsSecretProblem);
        if (!r.ok) {
          resolved = [false, r.problem === 'grant' ? 'RefNotPermitted' : 'InvalidCertificateRef', r.message];
          break;
        }
      }
    }
    if (resolved[0] && supported && l.protocol === 'HTTPS' && owner.kind === 'Gateway') {
      const fe = gateway.obj.obj.spec.tls?.frontend;
      const cfg = fe ? ((fe.perPort ?? []).find((p) => p.port === l.port)?.tls ?? fe.default) : undefined;
      for (const ref of cfg?.validation?.caCertificateRefs ?? []) {
        const r = checkObjectRef(this.store, owner, ref, ['ConfigMap', 'Secret'], isValidCaBundle);
        if (!r.ok) {
          const reason = r.problem === 'grant' ? 'RefNotPermitted' : r.problem === 'kind' ? 'InvalidCACertificateKind' : 'InvalidCACertificateRef';
          resolved = [false, reason, r.message];
          this.caProblems.set(listener, r.message);
          break;
        }
      }
    }
    c.set('ResolvedRefs', ...resolved);
    return listener;
  }

  /** Sets Accepted / Programmed / Conflicted once conflicts are known. */
  private finishListener(l: ListenerState, conflict: ListenerConflictReason | undefined, conflictDetail?: string): void {
    const c = l.conditions;
    const caProblem = this.caProblems.get(l);
    this.caProblems.delete(l);
    let accepted: [boolean, string, string];
    if (!SUPPORTED_PROTOCOLS.includes(l.protocol)) {
      accepted = [false, 'UnsupportedProtocol', `protocol ${l.protocol} is not supported (supported: ${SUPPORTED_PROTOCOLS.join(', ')})`];
    } else if (conflict) {
      accepted = [false, conflict, conflictDetail ?? `listener conflicts with another listener of the same Gateway on port ${l.port}`];
    } else if (caProblem) {
      accepted = [false, 'NoValidCACertificate', caProblem];
    } else {
      accepted = [true, 'Accepted', 'the listener is accepted'];
    }
    c.set('Accepted', ...accepted);
    if (conflict) c.set('Conflicted', true, conflict, conflictDetail ?? `listener conflicts with another listener of the same Gateway on port ${l.port}`);
    else c.set('Conflicted', false, 'NoConflicts', 'no conflicts');
    const resolved = c.isTrue('ResolvedRefs');
    if (accepted[0] && resolved) {
      c.set('Programmed', true, 'Programmed', 'the listener is programmed');
      l.ready = true;
    } else {
      // A listener that is not Accepted repeats its Accepted reason (as the conformance suite expects for conflicts).
      c.set('Programmed', false, accepted[0] ? 'Invalid' : accepted[1], accepted[0] ? `references do not resolve: ${c.get('ResolvedRefs')!.message}` : accepted[2]);
      // A listener with an unresolved certificate still accepts routes but serves no traffic;
      // one with invalid route kinds still serves the valid ones.
      l.ready = accepted[0] && c.get('ResolvedRefs')!.reason === 'InvalidRouteKinds';
      if (l.ready) c.set('Programmed', true, 'Programmed', 'the listener is programmed for its valid route kinds');
    }
  }

  private reconcileListenerSets(): void {
    const byGateway = new Map<string, StoredObject<StoredKinds['ListenerSet']>[]>();
    for (const ls of this.store.list('ListenerSet')) {
      const ref = ls.obj.spec.parentRef;
      const key = `${ref.namespace ?? ls.namespace}/${ref.name}`;
      const gw = this.gateways.get(key);
      if (!gw || (ref.kind ?? 'Gateway') !== 'Gateway' || (ref.group ?? GATEWAY_API_GROUP) !== GATEWAY_API_GROUP) continue;
      const list = byGateway.get(key) ?? [];
      list.push(ls);
      byGateway.set(key, list);
    }
    for (const [key, sets] of byGateway) {
      const gw = this.gateways.get(key)!;
      const gwAccepted = gw.conditions.isTrue('Accepted');
      const taken = new Map<number, ListenerState[]>();
      for (const l of gw.listeners) if (l.conditions.isTrue('Accepted')) (taken.get(l.port) ?? taken.set(l.port, []).get(l.port)!).push(l);
      for (const ls of sets) { // oldest first
        const conditions = new ConditionSet(ls.obj.metadata.generation);
        const state: ListenerSetState = { obj: ls, gateway: gw, conditions, listeners: [] };
        this.listenerSets.set(`${ls.namespace}/${ls.name}`, state);
        const refusal = listenerSetRefusal(gw.obj.obj.spec.allowedListeners, gw.obj.namespace, { namespace: ls.namespace, namespaceLabels: this.namespaceLabels(ls.namespace) });
        if (refusal !== undefined) {
          conditions.set('Accepted', false, 'NotAllowed', `Gateway ${key} ${refusal === 'unknown' ? 'does not allow ListenerSets from this namespace' : refusal.detail}`);
          conditions.set('Programmed', false, 'NotAllowed', 'the ListenerSet is not allowed by its Gateway');
          continue;
        }
        for (const l of ls.obj.spec.listeners ?? []) state.listeners.push(this.makeListener(gw, ls, l));
        // In the merged list, a ListenerSet's listener yields to every listener accepted before it: the
        // Gateway's own, those of ListenerSets that come first (older, then alphabetical by namespace/name),
        // and the earlier ones of its own ListenerSet.
        for (const l of state.listeners) {
          const reasons = new Set<ListenerConflictReason>();
          const details: string[] = [];
          for (const other of taken.get(l.port) ?? []) {
            const r = listenerConflict(l, other);
            if (!r) continue;
            reasons.add(r);
            const owner = `${other.owner.kind} ${other.owner.namespace}/${other.owner.name}`;
            const why = other.owner.kind === 'Gateway' ? 'the Gateway\'s own listeners come first'
              : other.owner === ls ? 'it comes earlier in this ListenerSet'
                : ageDependsOnDocumentOrder(other.owner, ls) ? 'that ListenerSet is older (by document order: neither has a creationTimestamp)' : 'that ListenerSet comes first (older, or alphabetically first at the same age)';
            details.push(`${r} with listener ${other.name} of ${owner} on port ${l.port}, which takes precedence: ${why}`);
          }
          // The listeners before it are conflict-free among themselves, so they all share one protocol family
          // on this port: a protocol and a hostname conflict (the spec's ListenerConflict) never occur together.
          const conflict = reasons.has('ProtocolConflict') ? 'ProtocolConflict' : [...reasons][0];
          this.finishListener(l, conflict, conflict ? `listener conflicts: ${details.join('; ')}` : undefined);
          if (l.conditions.isTrue('Accepted')) (taken.get(l.port) ?? taken.set(l.port, []).get(l.port)!).push(l);
        }
        const valid = state.listeners.filter((l) => l.ready);
        if (!gwAccepted) {
          conditions.set('Accepted', false, 'ParentNotAccepted', `Gateway ${key} is not accepted`);
          conditions.set('Programmed', false, 'ParentNotAccepted', `Gateway ${key} is not accepted`);
          for (const l of state.listeners) l.ready = false;
        } else if (valid.length === 0) {
          conditions.set('Accepted', false, 'ListenersNotValid', 'no listener of this ListenerSet is valid');
          conditions.set('Programmed', false, 'ListenersNotValid', 'no listener of this ListenerSet is valid');
        } else {
          conditions.set('Accepted', true, valid.length === state.listeners.length ? 'Accepted' : 'ListenersNotValid', 'the ListenerSet is accepted');
          conditions.set('Programmed', true, 'Programmed', 'the ListenerSet is programmed');
          gw.attachedListenerSets++;
          gw.serving.push(...state.listeners);
        }
      }
    }
  }

  private reconcileRoute(r: StoredObject<RouteDocument>): void {
    const backends = new Map<object, BackendResolution>();
    const refs: { ref: AnyBackendRef }[] = [];
    const rules = routeSpec(r.obj).rules ?? [];
    const invalidRules = new Map<number, string>();
    rules.forEach((rule, ri) => {
      for (const b of rule.backendRefs ?? []) {
        refs.push({ ref: b });
        for (const f of b.filters ?? []) if (f.type === 'RequestMirror' && f.requestMirror?.backendRef) refs.push({ ref: f.requestMirror.backendRef });
      }
      for (const f of rule.filters ?? []) if (f.type === 'RequestMirror' && f.requestMirror?.backendRef) refs.push({ ref: f.requestMirror.backendRef });
      const problem = checkRuleValues(r.kind, rule, ri);
      if (problem) invalidRules.set(ri, problem);
    });
    const dropRules = this.options.partiallyInvalid === 'drop-rule' && invalidRules.size > 0 && invalidRules.size < rules.length;
    const invalid = invalidRules.size > 0 && !dropRules
      ? `${[...invalidRules.values()][0]}${invalidRules.size < rules.length ? ' (the whole route is rejected; the option partiallyInvalid: \'drop-rule\' would drop only the invalid rules)' : ''}`
      : undefined;
    const droppedRules: ReadonlyMap<number, string> = dropRules ? invalidRules : new Map();
    for (const { ref } of refs) backends.set(ref, resolveBackendRef(this.store, r, ref));
    const firstBad = refs.map((x) => backends.get(x.ref)!).find((b) => !b.ok);
    const parentStates: { conditions: ConditionSet; listeners: ListenerState[] }[] = [];
    const route: RouteState = { obj: r, kind: r.kind, parents: [], backends, invalid, droppedRules, attachments: [], parentStates };
    this.routes.set(`${r.kind}/${r.namespace}/${r.name}`, route);

    const gen = r.obj.metadata.generation;
    for (const ref of routeSpec(r.obj).parentRefs ?? []) {
      const n = normalizeParentRef(ref, r.namespace);
      if (n.group !== GATEWAY_API_GROUP) continue;
      let listeners: ListenerState[];
      let controllerName: string;
      let parentAccepted: boolean;
      if (n.kind === 'Gateway') {
        const gw = this.gateways.get(`${n.namespace}/${n.name}`);
        if (!gw) continue;
        listeners = gw.listeners;
        controllerName = this.controllerNameOf(gw);
        parentAccepted = gw.conditions.isTrue('Accepted');
      } else if (n.kind === 'ListenerSet') {
        const ls = this.listenerSets.get(`${n.namespace}/${n.name}`);
        if (!ls || !ls.gateway) continue;
        listeners = ls.listeners;
        controllerName = this.controllerNameOf(ls.gateway);
        parentAccepted = ls.conditions.isTrue('Accepted');
      } else {
        continue;
      }
      const conditions = new ConditionSet(gen);
      const attached = parentAccepted && !invalid ? this.attach(route, n, listeners) : undefined;
      if (invalid) {
        conditions.set('Accepted', false, 'UnsupportedValue', invalid);
      } else if (!parentAccepted) {
        conditions.set('Accepted', false, 'NoMatchingParent', `parent ${n.kind} ${n.namespace}/${n.name} is not accepted`);
      } else if (attached!.ok) {
        conditions.set('Accepted', true, 'Accepted', `attached to listener(s) ${attached!.names.join(', ')}`);
      } else {
        conditions.set('Accepted', false, attached!.reason!, attached!.message!);
      }
      if (droppedRules.size > 0 && conditions.isTrue('Accepted')) {
        conditions.set('PartiallyInvalid', true, 'UnsupportedValue', `Dropped Rule(s) ${[...droppedRules.keys()].join(', ')}: ${[...droppedRules.values()].join('; ')}`);
      }
      if (firstBad) conditions.set('ResolvedRefs', false, firstBad.reason!, firstBad.message!);
      else conditions.set('ResolvedRefs', true, 'ResolvedRefs', 'all backend references resolved');
      route.parents.push({ parentRef: stripParentRef(ref), controllerName, conditions: conditions.list() });
      parentStates.push({ conditions, listeners: attached?.ok ? attached.listeners : [] });
    }
  }

  /**
   * An HTTPRoute and a GRPCRoute attached to one listener with intersecting
   * hostnames: exactly one of them is accepted there, the oldest (then the
   * first by namespace/name). The other is detached from that listener, and
   * its parent's Accepted turns False when no listener of the parentRef is
   * left.
   */
  private resolveHttpGrpcHostnameConflicts(): void {
    const lost = new Map<RouteState, Map<ListenerState, RouteState>>();
    const listeners = new Set<ListenerState>();
    for (const route of this.routes.values()) for (const a of route.attachments) listeners.add(a.listener);
    for (const l of listeners) {
      const web = l.attachments.filter((a) => a.route.kind === 'HTTPRoute' || a.route.kind === 'GRPCRoute');
      if (!web.some((a) => a.route.kind === 'HTTPRoute') || !web.some((a) => a.route.kind === 'GRPCRoute')) continue;
      web.sort((a, b) => compareAge(a.route.obj, b.route.obj));
      const kept: RouteAttachment[] = [];
      for (const a of web) {
        const winner = kept.find((k) => k.route.kind !== a.route.kind && routeHostnamesIntersect(k.hostnames, a.hostnames));
        if (!winner) {
          kept.push(a);
          continue;
        }
        l.attachments.splice(l.attachments.indexOf(a), 1);
        a.route.attachments.splice(a.route.attachments.indexOf(a), 1);
        (lost.get(a.route) ?? lost.set(a.route, new Map()).get(a.route)!).set(l, winner.route);
      }
    }
    for (const [route, where] of lost) {
      route.parentStates!.forEach((p, i) => {
        const dropped = p.listeners.filter((l) => where.has(l));
        if (dropped.length === 0) return;
        p.listeners = p.listeners.filter((l) => !where.has(l));
        const why = dropped.map((l) => {
          const w = where.get(l)!;
          const order = ageDependsOnDocumentOrder(w.obj, route.obj) ? 'older by document order' : 'older, or first by namespace/name at the same age';
          return `listener ${l.name}: ${w.kind} ${w.obj.namespace}/${w.obj.name} (${order}) claims an intersecting hostname there`;
        });
        if (p.listeners.length === 0) {
          p.conditions.set('Accepted', false, 'NotAllowedByListeners', `an HTTPRoute and a GRPCRoute cannot share a hostname on one listener, and this route is not the one accepted: ${why.join('; ')}`);
        } else {
          p.conditions.set('Accepted', true, 'Accepted', `attached to listener(s) ${p.listeners.map((l) => l.name).join(', ')}; not to ${why.join('; ')}`);
        }
        route.parents[i] = { ...route.parents[i], conditions: p.conditions.list() };
      });
    }
  }

  /** Attaches a route to the listeners its parentRef selects; returns the outcome for the Accepted condition. */
  private attach(route: RouteState, ref: NormalizedParentRef, listeners: ListenerState[]): { ok: boolean; names: string[]; listeners: ListenerState[]; reason?: string; message?: string } {
    const selected = listeners.filter((l) => parentRefSelectsListener(ref, l));
    if (selected.length === 0) {
      const what = [ref.sectionName !== undefined ? `sectionName ${ref.sectionName}` : '', ref.port !== undefined ? `port ${ref.port}` : ''].filter((x) => x).join(' and ');
      return { ok: false, names: [], listeners: [], reason: 'NoMatchingParent', message: `no listener of ${ref.kind} ${ref.namespace}/${ref.name} matches ${what || 'the parentRef'}` };
    }
    const labels = this.namespaceLabels(route.obj.namespace);
    // Attachment depends on parentRefs and allowedRoutes only: a listener that is not Accepted (conflicted, say)
    // still counts the route in attachedRoutes, though it carries no traffic.
    const allowed = selected.filter((l) => l.supportedKinds.length > 0 && listenerAllowsRoute(l.spec, l.owner.namespace, { kind: route.kind, namespace: route.obj.namespace }, labels) === undefined);
    if (allowed.length === 0) {
      return { ok: false, names: [], listeners: [], reason: 'NotAllowedByListeners', message: `no selected listener allows ${route.kind} from namespace ${route.obj.namespace}` };
    }
    const routeHosts = route.kind === 'TCPRoute' || route.kind === 'UDPRoute' ? undefined : routeSpec(route.obj.obj).hostnames;
    const names: string[] = [];
    const attached: ListenerState[] = [];
    for (const l of allowed) {
      const hosts = intersectHostnames(l.hostname, routeHosts);
      if (hosts !== undefined && hosts.length === 0) continue;
      names.push(l.name);
      attached.push(l);
      if (route.attachments.some((a) => a.listener === l)) continue;
      const a: RouteAttachment = { route, listener: l, hostnames: hosts };
      l.attachments.push(a);
      route.attachments.push(a);
    }
    if (names.length === 0) {
      return { ok: false, names, listeners: [], reason: 'NoMatchingListenerHostname', message: 'no hostname of the route intersects a selected listener\'s hostname' };
    }
    return { ok: true, names, listeners: attached };
  }

  private reconcilePolicies(): void {
    const policies = this.store.list('BackendTLSPolicy');
    const claimed = new Map<string, StoredObject<StoredKinds['BackendTLSPolicy']>>(); // service[/section] -> oldest policy
    for (const p of policies) {
      for (const t of p.obj.spec.targetRefs ?? []) {
        const k = `${p.namespace}/${t.name}/${t.sectionName ?? ''}`;
        if (!claimed.has(k)) claimed.set(k, p);
      }
    }
    for (const p of policies) {
      const gen = p.obj.metadata.generation;
      const targets = p.obj.spec.targetRefs ?? [];
      // Ancestors: the Gateways whose attached routes send traffic to a targeted Service.
      const ancestors = new Map<string, GatewayState>();
      for (const t of targets) {
        if (normalize(t.group) !== '' || t.kind !== 'Service') continue;
        for (const route of this.routesByService().get(`${p.namespace}/${t.name}`) ?? []) {
          for (const a of route.attachments) ancestors.set(`${a.listener.gateway.obj.namespace}/${a.listener.gateway.obj.name}`, a.listener.gateway);
        }
      }
      const conflicted = targets.some((t) => claimed.get(`${p.namespace}/${t.name}/${t.sectionName ?? ''}`) !== p);
      const badKind = targets.find((t) => !(normalize(t.group) === '' && t.kind === 'Service'));
      let resolved: [boolean, string, string] = [true, 'ResolvedRefs', 'all CA certificate references resolved'];
      let validCa = true;
      const caRefs = p.obj.spec.validation?.caCertificateRefs ?? [];
      for (const ref of caRefs) {
        const c = checkObjectRef(this.store, p, { ...ref, namespace: p.namespace }, ['ConfigMap', 'Secret'], isValidCaBundle);
        if (!c.ok) {
          resolved = [false, c.problem === 'kind' ? 'InvalidKind' : 'InvalidCACertificateRef', c.message];
          validCa = false;
          break;
        }
      }
      let accepted: [boolean, string, string];
      if (conflicted) accepted = [false, 'Conflicted', 'an older BackendTLSPolicy already targets the same Service (and section)'];
      else if (badKind) accepted = [false, 'TargetNotFound', `target ${badKind.kind} ${badKind.name} is not a core Service`];
      else if (!validCa) accepted = [false, 'NoValidCACertificate', resolved[2]];
      else accepted = [true, 'Accepted', 'the policy is accepted'];
      const list: PolicyState['ancestors'] = [];
      for (const gw of ancestors.values()) {
        const conditions = new ConditionSet(gen);
        conditions.set('Accepted', ...accepted);
        conditions.set('ResolvedRefs', ...resolved);
        list.push({ ancestorRef: { group: GATEWAY_API_GROUP, kind: 'Gateway', namespace: gw.obj.namespace, name: gw.obj.name }, conditions: conditions.list(), controllerName: this.controllerNameOf(gw) });
      }
      this.policies.set(`${p.namespace}/${p.name}`, { obj: p, ancestors: list, accepted: accepted[0] });
    }
  }

  private serviceIndex?: Map<string, Set<RouteState>>;

  /** Routes by the `namespace/name` of each Service they resolve a backend to. */
  private routesByService(): Map<string, Set<RouteState>> {
    if (!this.serviceIndex) {
      this.serviceIndex = new Map();
      for (const route of this.routes.values()) {
        for (const b of route.backends.values()) {
          if (!b.ok) continue;
          const k = `${b.namespace}/${b.name}`;
          (this.serviceIndex.get(k) ?? this.serviceIndex.set(k, new Set()).get(k)!).add(route);
        }
      }
    }
    return this.serviceIndex;
  }

  private policyIndex?: Map<string, PolicyState[]>;

  /**
   * The BackendTLSPolicy that applies to a Service port: the accepted one
   * (a policy naming the port's sectionName beats one for the whole Service),
   * or `invalid` when policies target the port but none is accepted (the
   * Gateway then cannot open a verified connection to the backend).
   */
  public backendTlsPolicyFor(namespace: string, service: StoredObject<StoredKinds['Service']>, port: number | undefined): { policy?: PolicyState; invalid: boolean } {
    const portName = (service.obj.spec?.ports ?? []).find((p) => p?.port === port)?.name;
    let best: PolicyState | undefined;
    let targeted = false;
    if (!this.policyIndex) {
      this.policyIndex = new Map();
      for (const p of this.policies.values()) {
        for (const t of p.obj.obj.spec.targetRefs ?? []) {
          const k = `${p.obj.namespace}/${t.name}`;
          const list = this.policyIndex.get(k) ?? this.policyIndex.set(k, []).get(k)!;
          if (!list.includes(p)) list.push(p);
        }
      }
    }
    for (const p of this.policyIndex.get(`${namespace}/${service.name}`) ?? []) {
      for (const t of p.obj.obj.spec.targetRefs ?? []) {
        if (normalize(t.group) !== '' || t.kind !== 'Service' || t.name !== service.name) continue;
        if (t.sectionName !== undefined && t.sectionName !== portName) continue;
        targeted = true;
        if (p.accepted && (!best || t.sectionName !== undefined)) best = p;
      }
    }
    return { policy: best, invalid: targeted && !best };
  }

  /** `status.listeners` of a Gateway or ListenerSet. */
  public listenerStatuses(listeners: ListenerState[]): ListenerStatus[] {
    return listeners.map((l) => ({
      name: l.name,
      supportedKinds: l.supportedKinds,
      attachedRoutes: new Set(l.attachments.map((a) => a.route)).size,
      conditions: l.conditions.list(),
    }));
  }
}

/** Whether two attachments' hostnames (undefined = every host) have a name in common. */
function routeHostnamesIntersect(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === undefined || b === undefined) return true;
  return a.some((x) => b.some((y) => hostnamesOverlap(x, y)));
}

function normalize(group: string | undefined): string {
  return group === undefined || group === 'core' ? '' : group;
}

function stripParentRef(ref: ParentReference): ParentReference {
  // Keys in this order: group, kind, namespace, name, sectionName, port (status output is compared as text).
  return {
    group: ref.group ?? GATEWAY_API_GROUP,
    kind: ref.kind ?? 'Gateway',
    ...(ref.namespace !== undefined ? { namespace: ref.namespace } : {}),
    name: ref.name,
    ...(ref.sectionName !== undefined ? { sectionName: ref.sectionName } : {}),
    ...(ref.port !== undefined ? { port: ref.port } : {}),
  };
}

/** A deterministic stand-in address in 10.0.0.0/8, derived from the Gateway's namespace/name. */
function standInAddress(gw: StoredObject): string {
  let h = 2166136261;
  for (const ch of `${gw.namespace}/${gw.name}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return `10.${(h >>> 16) & 255}.${(h >>> 8) & 255}.${(h & 254) + 1}`;
}

/** Checks rule values the plane cannot serve: regular expressions that are not valid RE2. */
function checkRuleValues(kind: string, rule: AnyRouteRule, ri: number): string | undefined {
  const bad = (what: string, pattern: string) => {
    try {
      RE2JS.compile(pattern);
      return undefined;
    } catch (e) {
      return `rules[${ri}]: ${what} ${JSON.stringify(pattern)} is not a valid RE2 regular expression (${(e as Error).message})`;
    }
  };
  if (kind === 'HTTPRoute') {
    for (const m of (rule as HTTPRouteRule).matches ?? []) {
      if (m.path?.type === 'RegularExpression') { const r = bad('path', m.path.value ?? ''); if (r) return r; }
      for (const h of m.headers ?? []) if (h.type === 'RegularExpression') { const r = bad(`header ${h.name}`, h.value); if (r) return r; }
      for (const q of m.queryParams ?? []) if (q.type === 'RegularExpression') { const r = bad(`query param ${q.name}`, q.value); if (r) return r; }
    }
  } else if (kind === 'GRPCRoute') {
    for (const m of (rule as GRPCRouteRule).matches ?? []) {
      if (m.method?.type === 'RegularExpression') {
        for (const f of ['service', 'method'] as const) if (m.method[f] !== undefined) { const r = bad(`method.${f}`, m.method[f]); if (r) return r; }
      }
      for (const h of m.headers ?? []) if (h.type === 'RegularExpression') { const r = bad(`header ${h.name}`, h.value); if (r) return r; }
    }
  }
  return undefined;
}
