/**
 * The controller's view of a set of documents, for analyses that need more
 * than the public status (which listener a route attached to, how each
 * backendRef resolved, the route tables): the command line's graph and lint.
 * It is the data plane's own state, loaded exactly as the plane loads it.
 */
import { DataPlane } from './data-plane';
import type { SourcedDocument } from './object-store';
import type { LoadedRoutes } from './shadowing';

/** Options of {@link loadRoutes}. */
interface LoadRoutesOptions {
  /** Stand in for what the objects name but do not define, as `DataPlaneOptions.assumeMissing`. @default false */
  readonly assumeMissing?: boolean;
  /** The release channel whose CRDs admit the objects, as `DataPlaneOptions.channel`. @default 'experimental' */
  readonly channel?: 'standard' | 'experimental';
}

/**
 * Admits and reconciles `docs` as the data plane does; the route tables are
 * built on demand. Load problems are in `controller.store.diagnostics`.
 */
export function loadRoutes(docs: readonly SourcedDocument[], options: LoadRoutesOptions = {}): LoadedRoutes {
  return DataPlane._fromDocuments(docs, { assumeMissing: options.assumeMissing, channel: options.channel })._loadedRoutes();
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
