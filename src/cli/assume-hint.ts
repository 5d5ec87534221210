/**
 * The hint of the routing commands when an answer is empty only because the
 * objects name a GatewayClass or Service they do not define: pass
 * `--assume-missing`. "Only because" is checked, not guessed: the same
 * objects are loaded again with stand-ins for absent GatewayClasses and
 * Services, and the hint is given only when that changes the answer.
 */
import { GATEWAY_API_GROUP } from '../model';
import type { AssumableKind, AssumedObject, DataPlane } from '../testing';
import type { SourcedObject } from '../validation';
import { loadPlane, type Channel } from './input';

/** The kinds whose absence the hint is about. */
const HINT_KINDS: readonly AssumableKind[] = ['GatewayClass', 'Service'];

/** The objects loaded again with stand-ins for the GatewayClasses and Services they name but do not define. */
export function planeWithStandIns(items: readonly SourcedObject[], channel: Channel): DataPlane {
  return loadPlane(items, { assumeMissing: HINT_KINDS, channel });
}

/** The hint naming what is absent, e.g. `GatewayClass gc and Service apps/web are named but not among the objects; ...`. */
export function assumeMissingHint(absent: readonly AssumedObject[]): string {
  const names = absent.map((a) => `${a.kind} ${a.namespace ? `${a.namespace}/` : ''}${a.name}`);
  const shown = names.length > 4 ? [...names.slice(0, 4), `${names.length - 4} more`] : names;
  const list = shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown[0];
  return `${list} ${absent.length > 1 ? 'are' : 'is'} named but not among the objects; ` +
    'if the cluster has them, pass --assume-missing to stand in for them';
}

/** Kind and group of a manifest object, and its namespace and name (as the plane names them). */
function idOf(o: unknown): { group: string; kind: string; namespace: string; name: string } | undefined {
  const obj = o as { apiVersion?: unknown; kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null;
  if (!obj || typeof obj !== 'object' || typeof obj.kind !== 'string' || typeof obj.apiVersion !== 'string') return undefined;
  const slash = obj.apiVersion.lastIndexOf('/');
  const namespace = typeof obj.metadata?.namespace === 'string' && obj.metadata.namespace ? obj.metadata.namespace : 'default';
  return { group: slash < 0 ? '' : obj.apiVersion.slice(0, slash), kind: obj.kind, namespace, name: String(obj.metadata?.name ?? '') };
}

/** Whether any Gateway among `items` is reconciled by `plane`. */
export function anyGatewayReconciled(plane: DataPlane, items: readonly SourcedObject[]): boolean {
  return items.some((i) => {
    const id = idOf(i.object);
    return id?.group === GATEWAY_API_GROUP && id.kind === 'Gateway' && plane.status('Gateway', id.namespace, id.name) !== undefined;
  });
}

/**
 * For `table`, `status` and `graph`: the hint when nothing is reconciled
 * (no Gateway, or no route reaches a backend Service) only because
 * GatewayClasses or Services are absent; undefined otherwise.
 * `gatewayReconciled` says whether any Gateway of the objects is.
 */
export function nothingReconciledHint(items: readonly SourcedObject[], channel: Channel, gatewayReconciled: boolean): string | undefined {
  const ids = items.map((i) => idOf(i.object));
  if (!ids.some((id) => id?.group === GATEWAY_API_GROUP && id.kind === 'Gateway')) return undefined;
  const noService = !ids.some((id) => id?.group === '' && id.kind === 'Service');
  if (gatewayReconciled && !noService) return undefined;
  const standIns = planeWithStandIns(items, channel);
  const classes = !gatewayReconciled && anyGatewayReconciled(standIns, items) ? standIns.assumed.filter((a) => a.kind === 'GatewayClass') : [];
  const services = noService ? standIns.assumed.filter((a) => a.kind === 'Service') : [];
  if (classes.length === 0 && services.length === 0) return undefined;
  const what = [classes.length > 0 ? 'no Gateway is reconciled' : '', services.length > 0 ? 'no route reaches a backend Service' : ''].filter((x) => x).join(' and ');
  return `${what}: ${assumeMissingHint([...classes, ...services])}`;
}
