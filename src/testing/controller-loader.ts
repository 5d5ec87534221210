/**
 * The controller's view of a set of documents, for analyses that need more
 * than the public status (which listener a route attached to, how each
 * backendRef resolved): the command line's graph and lint.
 */
import { assumedObjects } from './assumed-objects';
import { ControllerState } from './controller';
import { ObjectStore, type SourcedDocument } from './object-store';

/** Options of {@link loadController}. */
export interface LoadControllerOptions {
  /** Stand-ins for absent GatewayClasses and backend Services, as `DataPlaneOptions.assumeMissing`. @default false */
  readonly assumeMissing?: boolean;
}

/** Admits `docs` (as the data plane does) and reconciles them. Load problems are in `store.diagnostics`. */
export function loadController(docs: readonly SourcedDocument[], options: LoadControllerOptions = {}): ControllerState {
  const store = new ObjectStore(docs);
  if (options.assumeMissing) {
    for (const d of assumedObjects(store.all())) store.apply(d);
  }
  return new ControllerState(store);
}

/**
 * The documents of objects read with their source (`file#3`, or
 * `file#3.items[1]` inside a List), split back into file, document index
 * and item so that load diagnostics name them.
 */
export function documentsOf(items: readonly { readonly object: unknown; readonly source?: string }[]): SourcedDocument[] {
  return items.map((item, i) => {
    const m = /^(.*)#(\d+)(?:\.(items\[\d+\]))?$/.exec(item.source ?? '');
    if (!m) return { doc: item.object, source: item.source ?? 'input', index: i };
    return { doc: item.object, source: m[1], index: Number(m[2]), ...(m[3] ? { item: m[3] } : {}) };
  });
}
