/**
 * BackendTLSPolicy status and lookup: which policies are accepted (the oldest
 * per Service and section wins, targets must be core Services, CA bundles
 * must resolve), the Gateways each reports under (`status.ancestors`: those
 * whose routes send traffic to a targeted Service), and which policy applies
 * to a Service port when a request is forwarded.
 */
import type { PlaneClaims } from './implementation-features';
import { GATEWAY_API_GROUP, isStandardWellKnownCaSet, normalizeGroup } from '../model';
import { ConditionSet, Verdict } from './conditions';
import type { ControllerState, GatewayState, PolicyState, RouteState } from './controller';
import type { ObjectStore, StoredObject } from './object-store';
import { checkObjectRef, isValidCaBundle } from './references';
import type { StoredKinds } from './stored-kinds';

type PolicyObject = StoredObject<StoredKinds['BackendTLSPolicy']>;

/**
 * The most entries `status.ancestors` holds (the CRD's maximum). Gateways past
 * it (in `namespace/name` order) get no entry; the policy is unimplementable
 * for them.
 */
const MAX_ANCESTORS = 16;

/** Reconciles every BackendTLSPolicy (after the routes, whose backends decide the ancestors). */
export function reconcilePolicies(ctl: ControllerState, claims?: PlaneClaims): void {
  // An implementation that does not claim BackendTLSPolicy does not reconcile the kind: no status, no backend TLS.
  if (claims && !claims.claimed.has('BackendTLSPolicy')) return;
  const policies = ctl.store.list('BackendTLSPolicy');
  const claimed = claimedTargets(policies);
  let byService: Map<string, Set<RouteState>> | undefined;
  const routesTo = (service: string) => (byService ??= routesByService(ctl.routes.values())).get(service);
  for (const p of policies) {
    const targets = p.obj.spec.targetRefs ?? [];
    const conflicted = targets.some((t) => claimed.get(targetKey(p, t)) !== p);
    const badKind = targets.find((t) => !isServiceTarget(t));
    const { verdict: resolved, noneValid } = caRefsResolved(ctl.store, p);
    const wellKnown = p.obj.spec.validation?.wellKnownCACertificates;
    let accepted: Verdict;
    if (conflicted) accepted = [false, 'Conflicted', 'an older BackendTLSPolicy already targets the same Service (and section)'];
    else if (badKind) accepted = [false, 'TargetNotFound', `target ${badKind.kind} ${badKind.name} is not a core Service`];
    else if (wellKnown && !isStandardWellKnownCaSet(wellKnown)) accepted = [false, 'Invalid', `validation.wellKnownCACertificates '${wellKnown}' is not a set of CA certificates the implementation recognizes (only 'System')`];
    else if (noneValid) accepted = [false, 'NoValidCACertificate', `no caCertificateRef is valid: ${resolved[2]}`];
    else accepted = [true, 'Accepted', 'the policy is accepted'];
    const relevant = [...policyAncestors(p, routesTo).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const overflow = new Set(relevant.slice(MAX_ANCESTORS).map(([k]) => k));
    const ancestors = relevant.slice(0, MAX_ANCESTORS).map(([, gw]) => {
      const conditions = new ConditionSet(p.obj.metadata.generation);
      conditions.set('Accepted', ...accepted);
      conditions.set('ResolvedRefs', ...resolved);
      return { ancestorRef: { group: GATEWAY_API_GROUP, kind: 'Gateway', namespace: gw.obj.namespace, name: gw.obj.name }, conditions: conditions.list(), controllerName: ctl.controllerNameOf(gw) };
    });
    ctl.policies.set(`${p.namespace}/${p.name}`, { obj: p, ancestors, accepted: accepted[0], overflow });
  }
}

function isServiceTarget(t: { group?: string; kind: string }): boolean {
  return normalizeGroup(t.group) === '' && t.kind === 'Service';
}

function targetKey(p: PolicyObject, t: { name: string; sectionName?: string }): string {
  return `${p.namespace}/${t.name}/${t.sectionName ?? ''}`;
}

/** The oldest policy per targeted Service (and section). */
function claimedTargets(policies: readonly PolicyObject[]): Map<string, PolicyObject> {
  const claimed = new Map<string, PolicyObject>();
  for (const p of policies) {
    for (const t of p.obj.spec.targetRefs ?? []) {
      const k = targetKey(p, t);
      if (!claimed.has(k)) claimed.set(k, p);
    }
  }
  return claimed;
}

/**
 * ResolvedRefs of a policy's CA certificate refs (the first that does not
 * resolve decides), and whether every ref fails (there is at least one).
 */
function caRefsResolved(store: ObjectStore, p: PolicyObject): { verdict: Verdict; noneValid: boolean } {
  const refs = p.obj.spec.validation?.caCertificateRefs ?? [];
  let verdict: Verdict | undefined;
  let valid = 0;
  for (const ref of refs) {
    const c = checkObjectRef(store, p, { ...ref, namespace: p.namespace }, ['ConfigMap', 'Secret'], isValidCaBundle);
    if (c.ok) valid++;
    else verdict ??= [false, c.problem === 'kind' ? 'InvalidKind' : 'InvalidCACertificateRef', c.message];
  }
  return { verdict: verdict ?? [true, 'ResolvedRefs', 'all CA certificate references resolved'], noneValid: refs.length > 0 && valid === 0 };
}

/** The Gateways whose attached routes send traffic to a Service the policy targets, by `namespace/name`. */
function policyAncestors(p: PolicyObject, routesTo: (service: string) => Set<RouteState> | undefined): Map<string, GatewayState> {
  const ancestors = new Map<string, GatewayState>();
  for (const t of p.obj.spec.targetRefs ?? []) {
    if (!isServiceTarget(t)) continue;
    for (const route of routesTo(`${p.namespace}/${t.name}`) ?? []) {
      for (const a of route.attachments) ancestors.set(`${a.listener.gateway.obj.namespace}/${a.listener.gateway.obj.name}`, a.listener.gateway);
    }
  }
  return ancestors;
}

/** Routes by the `namespace/name` of each Service they resolve a backend to. */
function routesByService(routes: Iterable<RouteState>): Map<string, Set<RouteState>> {
  const index = new Map<string, Set<RouteState>>();
  for (const route of routes) {
    for (const b of route.backends.values()) {
      if (!b.ok) continue;
      const k = `${b.namespace}/${b.name}`;
      (index.get(k) ?? index.set(k, new Set()).get(k)!).add(route);
    }
  }
  return index;
}

/** The policies naming each Service (`namespace/name`) among their targets. */
export function policiesByService(policies: Iterable<PolicyState>): Map<string, PolicyState[]> {
  const index = new Map<string, PolicyState[]>();
  for (const p of policies) {
    for (const t of p.obj.obj.spec.targetRefs ?? []) {
      const k = `${p.obj.namespace}/${t.name}`;
      const list = index.get(k) ?? index.set(k, []).get(k)!;
      if (!list.includes(p)) list.push(p);
    }
  }
  return index;
}

/**
 * The BackendTLSPolicy that applies to a Service port: the accepted one (a
 * policy naming the port's sectionName beats one for the whole Service), or
 * `invalid` when policies target the port but none is accepted (the Gateway
 * then cannot open a verified connection to the backend).
 */
export function backendTlsPolicy(
  index: Map<string, PolicyState[]>,
  namespace: string,
  service: StoredObject<StoredKinds['Service']>,
  port: number | undefined,
): { policy?: PolicyState; invalid: boolean } {
  const portName = (service.obj.spec?.ports ?? []).find((p) => p?.port === port)?.name;
  let best: PolicyState | undefined;
  let targeted = false;
  for (const p of index.get(`${namespace}/${service.name}`) ?? []) {
    for (const t of p.obj.obj.spec.targetRefs ?? []) {
      if (!isServiceTarget(t) || t.name !== service.name) continue;
      if (t.sectionName !== undefined && t.sectionName !== portName) continue;
      targeted = true;
      if (p.accepted && (!best || t.sectionName !== undefined)) best = p;
    }
  }
  return { policy: best, invalid: targeted && !best };
}
