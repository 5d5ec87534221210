/**
 * The controller's view of a set of documents, for analyses that need more
 * than the public status (which listener a route attached to, how each
 * backendRef resolved): the command line's graph and lint.
 */
import { assumedObjects } from './assumed-objects';
import { ControllerState, type ListenerState, type RouteState } from './controller';
import { type GrpcEntry, buildGrpcTable, compileGrpcRoute } from './grpc-engine';
import { type HttpEntry, buildHttpTable, compileHttpRoute } from './http-engine';
import { ObjectStore, type SourcedDocument } from './object-store';
import type { LoadedRoutes } from './shadowing';
import { buildTlsTable } from './stream-engine';

/** Options of {@link loadController}. */
export interface LoadControllerOptions {
  /** Stand in for what the objects name but do not define, as `DataPlaneOptions.assumeMissing`. @default false */
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

/**
 * The route tables of a controller's listeners, built as the data plane
 * builds them (cached per listener), for the analyses of shadowing.ts.
 */
export function loadedRoutes(controller: ControllerState): LoadedRoutes {
  const cache = <T>(build: (l: ListenerState) => T) => {
    const m = new Map<ListenerState, T>();
    return (l: ListenerState): T => {
      let t = m.get(l);
      if (t === undefined) {
        t = build(l);
        m.set(l, t);
      }
      return t;
    };
  };
  const http = new Map<RouteState, HttpEntry[]>();
  const grpc = new Map<RouteState, GrpcEntry[]>();
  const compiled = <E>(m: Map<RouteState, E[]>, compile: (r: RouteState) => E[]) => (r: RouteState): E[] => {
    let c = m.get(r);
    if (!c) {
      c = compile(r);
      m.set(r, c);
    }
    return c;
  };
  return {
    controller,
    httpTable: cache((l) => buildHttpTable(l, compiled(http, compileHttpRoute))),
    grpcTable: cache((l) => buildGrpcTable(l, compiled(grpc, compileGrpcRoute))),
    tlsTable: cache((l) => buildTlsTable(l)),
  };
}
