/**
 * GatewayClass and Gateway status: whether a class is accepted (its
 * parametersRef resolves), and a Gateway's own listeners, addresses
 * (stand-ins where the spec names none) and its Accepted, Programmed,
 * ResolvedRefs and InsecureFrontendValidationMode conditions.
 */
import { isIP } from 'net';
import { findListenerConflicts, normalizeGroup } from '../model';
import { ConditionSet, Verdict } from './conditions';
import type { ControllerOptions, ControllerState, GatewayClassState, GatewayState } from './controller';
import type { PlaneClaims } from './implementation-features';
import { finishListener, makeListener } from './listener-status';
import type { ObjectStore, StoredObject } from './object-store';
import { checkObjectRef, tlsSecretProblem } from './references';
import type { StoredKinds } from './stored-kinds';

/** Whether an object a `parametersRef` names is there: a ConfigMap among the objects, or one `parametersPresent` counts. */
function parametersRefResolves(
  store: ObjectStore,
  present: ControllerOptions['parametersPresent'],
  ref: { group?: string; kind: string; name: string },
  namespace: string | undefined,
): boolean {
  const group = normalizeGroup(ref.group);
  if (group === '' && ref.kind === 'ConfigMap' && namespace && store.get('ConfigMap', namespace, ref.name)) return true;
  return !!present?.({ group, kind: ref.kind, namespace: namespace ?? '', name: ref.name });
}

/** Status of the GatewayClasses of the controllers the plane stands for. */
export function reconcileGatewayClasses(ctl: ControllerState, options: ControllerOptions): void {
  for (const gc of ctl.store.list('GatewayClass')) {
    const name = gc.obj.spec?.controllerName;
    if (options.controllerNames && !options.controllerNames.includes(name)) continue;
    const conditions = new ConditionSet(gc.obj.metadata.generation);
    const ref = gc.obj.spec?.parametersRef;
    if (ref && !parametersRefResolves(ctl.store, options.parametersPresent, ref, ref.namespace)) {
      conditions.set('Accepted', false, 'InvalidParameters', `parametersRef ${ref.group || 'core'}/${ref.kind} ${ref.name} does not resolve: no such object among the loaded objects (load it, or use assumeMissing)`);
    } else {
      conditions.set('Accepted', true, 'Accepted', `controller ${name} accepts this class`);
    }
    conditions.set('SupportedVersion', true, 'SupportedVersion', 'the Gateway API v1.6.1 CRDs are supported');
    ctl.gatewayClasses.set(gc.name, { obj: gc, conditions });
  }
}

/** Reconciles a Gateway of a reconciled class (another controller's Gateway gets no status). */
export function reconcileGateway(ctl: ControllerState, gw: StoredObject<StoredKinds['Gateway']>, options: ControllerOptions): void {
  const cls = ctl.gatewayClasses.get(gw.obj.spec.gatewayClassName);
  if (!cls) return;
  const state: GatewayState = { obj: gw, conditions: new ConditionSet(gw.obj.metadata.generation), listeners: [], serving: [], addresses: [], attachedListenerSets: 0 };
  ctl.gateways.set(`${gw.namespace}/${gw.name}`, state);
  addOwnListeners(ctl.store, state, ctl.claims);
  const accepted = gatewayAccepted(ctl.store, state, cls, options);
  state.conditions.set('Accepted', ...accepted);
  setProgrammed(state, accepted[0]);
  setResolvedRefs(ctl.store, state);
  const frontend = gw.obj.spec.tls?.frontend;
  const modes = frontend ? [frontend.default?.validation?.mode, ...(frontend.perPort ?? []).map((p) => p.tls?.validation?.mode)] : [];
  if (modes.includes('AllowInsecureFallback')) {
    state.conditions.set('InsecureFrontendValidationMode', true, 'ConfigurationChanged', 'client certificate validation allows insecure fallback');
  }
}

/** The Gateway's own listeners, their conflicts with each other decided. */
function addOwnListeners(store: ObjectStore, state: GatewayState, claims: PlaneClaims | undefined): void {
  const pending = (state.obj.obj.spec.listeners ?? []).map((l) => makeListener(store, state, state.obj, l, claims));
  state.listeners.push(...pending.map((p) => p.listener));
  const conflicts = findListenerConflicts(state.listeners.map((l) => ({ name: l.name, port: l.port, protocol: l.protocol, hostname: l.hostname })));
  for (const p of pending) finishListener(p, conflicts.get(p.listener.name));
  state.serving.push(...state.listeners);
}

/** The Gateway's Accepted condition (its addresses are written on the way, whatever the outcome). */
function gatewayAccepted(store: ObjectStore, state: GatewayState, cls: GatewayClassState, options: ControllerOptions): Verdict {
  const gw = state.obj;
  const addrProblem = gatewayAddresses(state);
  if (!cls.conditions.isTrue('Accepted')) return [false, 'InvalidParameters', `GatewayClass ${cls.obj.name} is not accepted`];
  if (addrProblem) return [false, 'UnsupportedAddress', addrProblem];
  const infraRef = gw.obj.spec.infrastructure?.parametersRef;
  if (infraRef && !parametersRefResolves(store, options.parametersPresent, infraRef, gw.namespace)) {
    return [false, 'InvalidParameters', `infrastructure.parametersRef ${infraRef.group || 'core'}/${infraRef.kind} ${infraRef.name} does not name an object in ${gw.namespace} among the loaded objects (load it, or use assumeMissing)`];
  }
  const invalid = state.listeners.filter((l) => !l.conditions.isTrue('Accepted')).map((l) => l.name);
  if (state.listeners.length > 0 && invalid.length === state.listeners.length) return [false, 'ListenersNotValid', `no listener is valid: ${invalid.join(', ')}`];
  if (invalid.length > 0) return [true, 'ListenersNotValid', `listeners not valid: ${invalid.join(', ')}`];
  return [true, 'Accepted', 'the Gateway is accepted'];
}

/** Programmed follows Accepted; a Gateway that is not accepted programs none of its listeners. */
function setProgrammed(state: GatewayState, accepted: boolean): void {
  if (accepted) {
    state.conditions.set('Programmed', true, 'Programmed', 'the Gateway is programmed in the in-memory data plane');
    return;
  }
  state.conditions.set('Programmed', false, 'Invalid', 'the Gateway is not accepted');
  for (const l of state.listeners) {
    l.ready = false;
    l.conditions.set('Programmed', false, 'Invalid', 'the Gateway is not accepted');
  }
}

/** ResolvedRefs: the backend client certificate, then the listeners' references. */
function setResolvedRefs(store: ObjectStore, state: GatewayState): void {
  const { conditions } = state;
  const clientRef = state.obj.obj.spec.tls?.backend?.clientCertificateRef;
  if (clientRef) {
    const c = checkObjectRef(store, state.obj, clientRef, ['Secret'], tlsSecretProblem);
    if (c.ok) conditions.set('ResolvedRefs', true, 'ResolvedRefs', 'tls.backend.clientCertificateRef resolved');
    else conditions.set('ResolvedRefs', false, c.problem === 'grant' ? 'RefNotPermitted' : 'InvalidClientCertificateRef', c.message);
  }
  const unresolved = state.listeners.filter((l) => l.conditions.get('ResolvedRefs')?.status === 'False');
  if (unresolved.length > 0 && conditions.get('ResolvedRefs')?.status !== 'False') {
    conditions.set('ResolvedRefs', false, 'ListenersNotResolved', `references of listener(s) ${unresolved.map((l) => l.name).join(', ')} do not resolve`);
  }
}

/** Writes `status.addresses`; returns why an address is not supported, if one is not. */
function gatewayAddresses(state: GatewayState): string | undefined {
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

/** A deterministic stand-in address in 10.0.0.0/8, derived from the Gateway's namespace/name. */
function standInAddress(gw: StoredObject): string {
  let h = 2166136261;
  for (const ch of `${gw.namespace}/${gw.name}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return `10.${(h >>> 16) & 255}.${(h >>> 8) & 255}.${(h & 254) + 1}`;
}
