/**
 * The listeners of one Gateway or ListenerSet (internal to the library, not
 * re-exported from index.ts): keyed by name, checked for the conflicts the
 * API server rejects, rendered in insertion order.
 */
import { checkMaxItems, checkSectionName } from './field-checks';
import * as l1 from '../../generated';
import { Listener, ListenerOptions, ListenerOwner } from '../listener';
import { ListenerKey, listenerConflict, listenerConflictAdvice } from '../model';
import { IParentRef, ParentReferenceConfig } from '../parent';
import { constructError, Where } from './error-scope';

function listenerKey(l: Listener): ListenerKey {
  return { name: l.name, port: l.port, protocol: l.protocol.value, ...(l.hostname !== undefined ? { hostname: l.hostname } : {}) };
}

/** The schema's cap on listeners per Gateway or ListenerSet. */
const MAX_LISTENERS = 64;

export class ListenerList {
  private readonly items: Listener[] = [];

  public constructor(private readonly owner: ListenerOwner) {}

  /**
   * Adds a listener; throws on a taken name, on a listener it conflicts with (the Gateway API's rule:
   * protocols that cannot share a port, or the same hostname on one port; see model/listener-conflicts.ts),
   * and beyond 64.
   */
  public add(name: string, options: ListenerOptions): Listener {
    const where = this.owner._where;
    const taken = this.items.find(l => l.name === name);
    if (taken) {
      throw constructError(where, 'duplicate', `a listener named '${name}' already exists (port ${taken.port}, ${taken.protocol.value}); listener names must be unique`);
    }
    const listener = new Listener(this.owner, name, options);
    const key = listenerKey(listener);
    for (const other of this.items) {
      const reason = listenerConflict(listenerKey(other), key);
      if (reason) {
        throw constructError(where, 'conflict', `listener '${name}' (port ${listener.port}, ${listener.protocol.value}) conflicts with listener '${other.name}' `
          + `(port ${other.port}, ${other.protocol.value}) (${reason}): ${listenerConflictAdvice(listenerKey(other), key, reason)}`);
      }
    }
    checkMaxItems(this.items.length + 1, MAX_LISTENERS, where, 'listeners');
    // accepted: only now does the listener touch the app (ReferenceGrants, synthesis checks)
    listener._bind();
    this.items.push(listener);
    return listener;
  }

  /** The listener with this name; throws, listing the names there are, when there is none. */
  public get(name: string): Listener {
    const found = this.items.find(l => l.name === name);
    if (!found) {
      const known = this.items.map(l => `'${l.name}'`).join(', ');
      throw constructError(this.owner._where, 'not-found', `no listener named '${name}'; ${known ? `its listeners are ${known}` : 'it has no listeners yet'} (add listeners before referring to them)`);
    }
    return found;
  }

  /** Every listener, in insertion order. */
  public all(): Listener[] {
    return [...this.items];
  }

  public render(): l1.Listener[] {
    return this.items.map(l => l._render());
  }
}

/** A listener of an imported Gateway or ListenerSet, known only by name. */
export class ImportedSection implements IParentRef {
  public constructor(private readonly parent: ParentReferenceConfig, private readonly sectionName: string, where: Where) {
    checkSectionName(sectionName, where, 'listener name');
  }

  public get parentRef(): ParentReferenceConfig {
    return { ...this.parent, sectionName: this.sectionName };
  }
}
