/**
 * Live heap of the data plane per HTTPRoute, stage by stage, on the plane
 * scenario with assumeMissing (what `measure.ts plane <routes> 1` loads):
 * heap bytes after a forced collection do not depend on the machine's load,
 * so they are the figure to compare changes by.
 *
 *   node --expose-gc -r ts-node/register/transpile-only bench/plane-heap.ts [routes=20000]
 *
 * Prints one JSON line, KB per route: `input` (the objects the caller keeps),
 * `plane` (store and controller, after load and status), `tables` (the routing
 * tables the first requests build), `requests` (2,000 decisions: regular
 * expressions compiled on first use), `total`, and the process's `heapMb` and
 * `peakRssMb`. Run with `--trace-gc-nvp` as well to see what the load
 * promotes to V8's old generation (the garbage that sets the peak RSS).
 */
import { DataPlane } from '../src/testing';
import { listenerTouches, requests, scenario } from './scenario';

const gc: (() => void) | undefined = (global as any).gc;
if (!gc) throw new Error('run with node --expose-gc');
const routes = Number(process.argv[2] ?? 20000);

function heap(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

const kb = (bytes: number) => Number((bytes / routes / 1024).toFixed(2));
const withoutServices = (n: number) => scenario(n).filter((o: any) => o.kind !== 'Service' && o.kind !== 'GatewayClass');

// Warm-up on a small configuration (schemas, CEL programs, JIT), as measure.ts does.
const warm = DataPlane.fromManifests(withoutServices(100), { assumeMissing: true });
for (const r of requests(100, 200, 7)) warm.http(r);

const h0 = heap();
const objs = withoutServices(routes);
const h1 = heap();
const plane = DataPlane.fromManifests(objs, { assumeMissing: true });
// Kept reachable to the end, as measure.ts keeps them: optimized code may drop a local it no longer reads.
(global as any).planeHeapKeep = { objs, plane, warm };
for (const o of objs as any[]) {
  if (o.kind === 'Gateway' || o.kind === 'HTTPRoute') plane.status(o.kind, o.metadata.namespace, o.metadata.name);
}
const h2 = heap();
for (const r of listenerTouches()) plane.http(r);
const h3 = heap();
for (const r of requests(routes, 2000, 42 + routes)) plane.http(r);
const h4 = heap();
console.log(JSON.stringify({
  routes,
  input: kb(h1 - h0),
  plane: kb(h2 - h1),
  tables: kb(h3 - h2),
  requests: kb(h4 - h3),
  total: kb(h4 - h0),
  heapMb: Math.round(h4 / 1048576),
  peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
}));
