/**
 * One listener's status as the controller decides it: the route kinds it
 * supports, whether its references resolve (route kinds, certificates,
 * frontend CA bundles), and, once its conflicts with the other listeners are
 * known, Accepted, Conflicted and Programmed; then `status.listeners`.
 */
import { unclaimedPortProblem, type PlaneClaims } from './implementation-features';
import type { ListenerStatus } from '../../generated';
import type { Listener, ListenerEntry } from '../../generated/experimental';
import { ListenerConflictReason, listenerRouteKinds } from '../model';
import { ConditionSet, Verdict } from './conditions';
import type { GatewayState, ListenerState } from './controller';
import type { ObjectStore } from './object-store';
import { checkObjectRef, isValidCaBundle, tlsSecretProblem } from './references';

/** The protocols the plane serves. */
const SUPPORTED_PROTOCOLS = ['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP'];

const RESOLVED: Verdict = [true, 'ResolvedRefs', 'all references resolved'];

/**
 * A listener whose Accepted condition waits until its conflicts are known,
 * with why its frontend CA certificate refs do not resolve, if they do not.
 */
interface PendingListener {
  /** The listener, with ResolvedRefs set. */
  readonly listener: ListenerState;
  /** Why the frontend CA certificate refs do not resolve (the listener is then not Accepted). @default - they resolve */
  readonly caProblem?: string;
  /** Why the port is unavailable: 8080 when the implementation does not claim GatewayPort8080. @default - it is available */
  readonly portProblem?: string;
}

/** A listener of `gateway` declared by `owner` (the Gateway or a ListenerSet), with ResolvedRefs decided. */
export function makeListener(store: ObjectStore, gateway: GatewayState, owner: ListenerState['owner'], l: Listener | ListenerEntry, claims?: PlaneClaims): PendingListener {
  const kinds = listenerRouteKinds(l.protocol, l.allowedRoutes);
  const supported = SUPPORTED_PROTOCOLS.includes(l.protocol);
  const listener: ListenerState = {
    gateway,
    owner,
    name: l.name,
    port: l.port,
    protocol: l.protocol,
    hostname: l.hostname,
    tlsMode: l.protocol === 'HTTPS' || l.protocol === 'TLS' ? (l.tls?.mode ?? 'Terminate') : undefined,
    spec: l,
    supportedKinds: supported ? kinds.supported : [],
    conditions: new ConditionSet(owner.obj.metadata.generation),
    ready: false,
    attachments: [],
  };
  const { resolved, caProblem } = supported ? resolvedRefs(store, listener, kinds.invalid.map((k) => k.kind)) : { resolved: RESOLVED, caProblem: undefined };
  listener.conditions.set('ResolvedRefs', ...resolved);
  const portProblem = claims ? unclaimedPortProblem(l.port, claims) : undefined;
  return { listener, ...(caProblem !== undefined ? { caProblem } : {}), ...(portProblem !== undefined ? { portProblem } : {}) };
}

/**
 * ResolvedRefs of a listener of a supported protocol: route kinds, then
 * certificates, then frontend CA bundles (when none of them resolves, the
 * listener is also not Accepted).
 */
function resolvedRefs(store: ObjectStore, l: ListenerState, invalidKinds: readonly string[]): { resolved: Verdict; caProblem?: string } {
  if (invalidKinds.length > 0) return { resolved: [false, 'InvalidRouteKinds', `route kinds not supported on a ${l.protocol} listener: ${invalidKinds.join(', ')}`] };
  const certificates = l.tlsMode === 'Terminate' ? certificateRefsProblem(store, l) : undefined;
  if (certificates) return { resolved: certificates };
  const ca = caCertificateRefsProblem(store, l);
  if (!ca) return { resolved: RESOLVED };
  return ca.noneValid ? { resolved: ca.verdict, caProblem: ca.verdict[2] } : { resolved: ca.verdict };
}

/** Why a terminating listener's `tls.certificateRefs` do not resolve (none, or the first that does not). */
function certificateRefsProblem(store: ObjectStore, l: ListenerState): Verdict | undefined {
  const refs = l.spec.tls?.certificateRefs ?? [];
  if (refs.length === 0) return [false, 'InvalidCertificateRef', 'a terminating TLS listener needs tls.certificateRefs'];
  for (const ref of refs) {
    const r = checkObjectRef(store, l.owner, ref, ['Secret'], tlsSecretProblem);
    if (!r.ok) return [false, r.problem === 'grant' ? 'RefNotPermitted' : 'InvalidCertificateRef', r.message];
  }
  return undefined;
}

/** The frontend validation an HTTPS listener of a Gateway (not of a ListenerSet) uses: its port's, else the default. */
function frontendValidation(l: ListenerState) {
  if (l.protocol !== 'HTTPS' || l.owner.kind !== 'Gateway') return undefined;
  const fe = l.gateway.obj.obj.spec.tls?.frontend;
  const cfg = fe ? ((fe.perPort ?? []).find((p) => p.port === l.port)?.tls ?? fe.default) : undefined;
  return cfg?.validation;
}

/**
 * Why the first frontend CA certificate ref of the listener does not
 * resolve, and whether none does (only then is the listener not Accepted).
 */
function caCertificateRefsProblem(store: ObjectStore, l: ListenerState): { verdict: Verdict; noneValid: boolean } | undefined {
  let verdict: Verdict | undefined;
  let valid = 0;
  for (const ref of frontendValidation(l)?.caCertificateRefs ?? []) {
    const r = checkObjectRef(store, l.owner, ref, ['ConfigMap', 'Secret'], isValidCaBundle);
    if (r.ok) {
      valid++;
      continue;
    }
    const reason = r.problem === 'grant' ? 'RefNotPermitted' : r.problem === 'kind' ? 'InvalidCACertificateKind' : 'InvalidCACertificateRef';
    verdict ??= [false, reason, r.message];
  }
  return verdict ? { verdict, noneValid: valid === 0 } : undefined;
}

/** Sets Accepted, Conflicted and Programmed once the listener's conflict (if any) is known. */
export function finishListener(p: PendingListener, conflict: ListenerConflictReason | undefined, conflictDetail?: string): void {
  const l = p.listener;
  const detail = conflictDetail ?? `listener conflicts with another listener of the same Gateway on port ${l.port}`;
  const accepted = listenerAccepted(l, conflict, detail, p.caProblem, p.portProblem);
  l.conditions.set('Accepted', ...accepted);
  if (conflict) l.conditions.set('Conflicted', true, conflict, detail);
  else l.conditions.set('Conflicted', false, 'NoConflicts', 'no conflicts');
  setProgrammed(l, accepted);
}

function listenerAccepted(l: ListenerState, conflict: ListenerConflictReason | undefined, detail: string, caProblem: string | undefined, portProblem: string | undefined): Verdict {
  if (!SUPPORTED_PROTOCOLS.includes(l.protocol)) {
    return [false, 'UnsupportedProtocol', `protocol ${l.protocol} is not supported (supported: ${SUPPORTED_PROTOCOLS.join(', ')})`];
  }
  if (portProblem) return [false, 'PortUnavailable', portProblem];
  if (conflict) return [false, conflict, detail];
  if (caProblem) return [false, 'NoValidCACertificate', caProblem];
  return [true, 'Accepted', 'the listener is accepted'];
}

/** Programmed (and whether the listener carries traffic) from Accepted and ResolvedRefs. */
function setProgrammed(l: ListenerState, accepted: Verdict): void {
  const c = l.conditions;
  if (accepted[0] && c.isTrue('ResolvedRefs')) {
    c.set('Programmed', true, 'Programmed', 'the listener is programmed');
    l.ready = true;
    return;
  }
  // A listener that is not Accepted repeats its Accepted reason (as the conformance suite expects for conflicts).
  c.set('Programmed', false, accepted[0] ? 'Invalid' : accepted[1], accepted[0] ? `references do not resolve: ${c.get('ResolvedRefs')!.message}` : accepted[2]);
  // A listener with an unresolved certificate still accepts routes but serves no traffic;
  // one with invalid route kinds still serves the valid ones.
  l.ready = accepted[0] && c.get('ResolvedRefs')!.reason === 'InvalidRouteKinds';
  if (l.ready) c.set('Programmed', true, 'Programmed', 'the listener is programmed for its valid route kinds');
}

/** `status.listeners` of a Gateway or ListenerSet. */
export function listenerStatuses(listeners: readonly ListenerState[]): ListenerStatus[] {
  return listeners.map((l) => ({
    name: l.name,
    supportedKinds: l.supportedKinds,
    attachedRoutes: new Set(l.attachments.map((a) => a.route)).size,
    conditions: l.conditions.list(),
  }));
}
