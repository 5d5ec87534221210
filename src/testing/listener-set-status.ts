/**
 * ListenerSet status: whether its Gateway allows it (`allowedListeners`),
 * how its listeners merge into the Gateway's (a listener yields to every
 * listener accepted before it), and its Accepted and Programmed conditions.
 */
import { GATEWAY_API_GROUP, ListenerConflictReason, listenerConflict, listenerSetRefusal } from '../model';
import { ConditionSet } from './conditions';
import type { ControllerState, GatewayState, ListenerSetState, ListenerState } from './controller';
import { finishListener, makeListener } from './listener-status';
import { StoredObject, ageDependsOnDocumentOrder } from './object-store';
import type { StoredKinds } from './stored-kinds';

type ListenerSetObject = StoredObject<StoredKinds['ListenerSet']>;

/** The accepted listeners of a Gateway so far, by port. */
type TakenPorts = Map<number, ListenerState[]>;

/** Reconciles every ListenerSet whose parent is a reconciled Gateway, oldest first per Gateway. */
export function reconcileListenerSets(ctl: ControllerState): void {
  for (const [key, sets] of listenerSetsByGateway(ctl)) {
    const gw = ctl.gateways.get(key)!;
    const taken: TakenPorts = new Map();
    for (const l of gw.listeners) if (l.conditions.isTrue('Accepted')) take(taken, l);
    for (const ls of sets) reconcileListenerSet(ctl, gw, key, ls, taken);
  }
}

/** The ListenerSets of each reconciled Gateway (`namespace/name`), in store order (oldest first). */
function listenerSetsByGateway(ctl: ControllerState): Map<string, ListenerSetObject[]> {
  const byGateway = new Map<string, ListenerSetObject[]>();
  for (const ls of ctl.store.list('ListenerSet')) {
    const ref = ls.obj.spec.parentRef;
    const key = `${ref.namespace ?? ls.namespace}/${ref.name}`;
    const gw = ctl.gateways.get(key);
    if (!gw || (ref.kind ?? 'Gateway') !== 'Gateway' || (ref.group ?? GATEWAY_API_GROUP) !== GATEWAY_API_GROUP) continue;
    const list = byGateway.get(key) ?? [];
    list.push(ls);
    byGateway.set(key, list);
  }
  return byGateway;
}

function take(taken: TakenPorts, l: ListenerState): void {
  const list = taken.get(l.port);
  if (list) list.push(l);
  else taken.set(l.port, [l]);
}

function reconcileListenerSet(ctl: ControllerState, gw: GatewayState, key: string, ls: ListenerSetObject, taken: TakenPorts): void {
  const conditions = new ConditionSet(ls.obj.metadata.generation);
  const state: ListenerSetState = { obj: ls, gateway: gw, conditions, listeners: [] };
  ctl.listenerSets.set(`${ls.namespace}/${ls.name}`, state);
  const refusal = listenerSetRefusal(gw.obj.obj.spec.allowedListeners, gw.obj.namespace, { namespace: ls.namespace, namespaceLabels: ctl.namespaceLabels(ls.namespace) });
  if (refusal !== undefined) {
    conditions.set('Accepted', false, 'NotAllowed', `Gateway ${key} ${refusal === 'unknown' ? 'does not allow ListenerSets from this namespace' : refusal.detail}`);
    conditions.set('Programmed', false, 'NotAllowed', 'the ListenerSet is not allowed by its Gateway');
    return;
  }
  const pending = (ls.obj.spec.listeners ?? []).map((l) => makeListener(ctl.store, gw, ls, l, ctl.claims));
  state.listeners.push(...pending.map((p) => p.listener));
  for (const p of pending) {
    const { conflict, detail } = precedenceConflict(p.listener, ls, taken);
    finishListener(p, conflict, detail);
    if (p.listener.conditions.isTrue('Accepted')) take(taken, p.listener);
  }
  setListenerSetConditions(gw, key, state);
}

/**
 * In the merged list, a ListenerSet's listener yields to every listener
 * accepted before it: the Gateway's own, those of ListenerSets that come
 * first (older, then alphabetical by namespace/name), and the earlier ones of
 * its own ListenerSet.
 */
function precedenceConflict(l: ListenerState, ls: ListenerSetObject, taken: TakenPorts): { conflict?: ListenerConflictReason; detail?: string } {
  const reasons = new Set<ListenerConflictReason>();
  const details: string[] = [];
  for (const other of taken.get(l.port) ?? []) {
    const r = listenerConflict(l, other);
    if (!r) continue;
    reasons.add(r);
    details.push(`${r} with listener ${other.name} of ${other.owner.kind} ${other.owner.namespace}/${other.owner.name} on port ${l.port}, which takes precedence: ${precedenceReason(other, ls)}`);
  }
  // The listeners before it are conflict-free among themselves, so they all share one protocol family
  // on this port: a protocol and a hostname conflict (the spec's ListenerConflict) never occur together.
  const conflict = reasons.has('ProtocolConflict') ? 'ProtocolConflict' : [...reasons][0];
  return conflict ? { conflict, detail: `listener conflicts: ${details.join('; ')}` } : {};
}

/** Why `other` (already accepted) comes before the listeners of `ls`. */
function precedenceReason(other: ListenerState, ls: ListenerSetObject): string {
  if (other.owner.kind === 'Gateway') return 'the Gateway\'s own listeners come first';
  if (other.owner === ls) return 'it comes earlier in this ListenerSet';
  return ageDependsOnDocumentOrder(other.owner, ls)
    ? 'that ListenerSet is older (by document order: neither has a creationTimestamp)'
    : 'that ListenerSet comes first (older, or alphabetically first at the same age)';
}

/** Accepted and Programmed of an allowed ListenerSet; an accepted one adds its listeners to those its Gateway serves. */
function setListenerSetConditions(gw: GatewayState, key: string, state: ListenerSetState): void {
  const { conditions } = state;
  const valid = state.listeners.filter((l) => l.ready);
  if (!gw.conditions.isTrue('Accepted')) {
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
