/**
 * Cross-object check of listener conflicts: the listeners of a Gateway and of
 * every ListenerSet attached to it share the Gateway's ports, so two of them
 * on one port must be told apart (compatible protocols, distinct hostnames).
 * Exact duplicates inside one object are already a CEL rule of the CRD and
 * are not reported twice.
 */
import { GATEWAY_API_GROUP, listenerConflict, listenerConflictAdvice } from '../model';
import { formatFieldPath } from './field-path';
import { uncheckedSpec, type IndexedObject, type ManifestIndex, type PlacedDiagnostic } from './manifest-index';
import type { GatewaySpec, ListenerSetSpec } from '../../generated/experimental';

interface OwnedListener {
  readonly owner: IndexedObject;
  readonly position: number;
  readonly name: string;
  readonly port: number;
  readonly protocol: string;
  readonly hostname?: string;
}

function ownedListeners(owner: IndexedObject): OwnedListener[] {
  const ls = uncheckedSpec<GatewaySpec | ListenerSetSpec>(owner)?.listeners;
  if (!Array.isArray(ls)) return [];
  return ls.flatMap((l, position) => (l && typeof l.name === 'string' && typeof l.port === 'number' && typeof l.protocol === 'string'
    ? [{ owner, position, name: l.name, port: l.port, protocol: l.protocol, ...(typeof l.hostname === 'string' ? { hostname: l.hostname } : {}) }]
    : []));
}

function label(l: OwnedListener): string {
  return `listener '${l.name}' of ${l.owner.id.kind} ${l.owner.namespace}/${l.owner.name} (port ${l.port}, ${l.protocol}` +
    `${l.hostname ? `, hostname ${l.hostname}` : ', no hostname'})`;
}

/** Listener conflicts of every Gateway in the set, including its ListenerSets. */
export function checkListenerConflicts(index: ManifestIndex): PlacedDiagnostic[] {
  const out: PlacedDiagnostic[] = [];
  const sets = index.ofKind(GATEWAY_API_GROUP, 'ListenerSet');
  for (const gw of index.ofKind(GATEWAY_API_GROUP, 'Gateway')) {
    const attached = sets.filter((s) => {
      const p = uncheckedSpec<ListenerSetSpec>(s)?.parentRef;
      return p && (p.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP && (p.kind ?? 'Gateway') === 'Gateway' &&
        p.name === gw.name && (p.namespace ?? s.namespace) === gw.namespace;
    });
    const all = [gw, ...attached].flatMap(ownedListeners);
    for (let j = 0; j < all.length; j++) {
      for (let i = 0; i < j; i++) {
        const a = all[i];
        const b = all[j];
        const reason = listenerConflict(a, b);
        if (!reason) continue;
        if (a.owner === b.owner && a.protocol === b.protocol && (a.hostname ?? '') === (b.hostname ?? '')) continue;
        const why = listenerConflictAdvice(a, b, reason);
        out.push({
          index: b.owner.index,
          diagnostic: {
            code: 'xref/listener-conflict',
            severity: 'error',
            message: `${label(b)} conflicts with ${label(a)} (${reason}): ${why}`,
            object: b.owner.id,
            field: formatFieldPath(['spec', 'listeners', b.position]),
          },
        });
      }
    }
  }
  return out;
}
