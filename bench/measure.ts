/**
 * One measurement of the benchmark, run in a child process of `bench/run.ts`
 * so that each size's peak RSS (`process.resourceUsage().maxRSS`) is its own
 * and sizes do not share a heap. Prints one line `RESULT <json>` on stdout.
 *
 *   measure.ts synth <routes> <l1-first 0|1>   L2 synth vs L1 synth of the same objects, and validation alone
 *   measure.ts validate-cli <routes>           `cdk8s-gateway validate` on a YAML file of the synth scenario's objects
 *   measure.ts plane <routes> <assume 0|1>     data plane load + status, routing tables, decisions/s
 *   measure.ts small                           a 20-object chart: DataPlane.fromChart + first decision
 *   measure.ts diff <routes>                   routing diff of the scenario and a changed copy, and the load of both planes
 *
 * Every time is given in CPU time of this process (user + system, `cpu`) and
 * wall-clock time (`wall`), in milliseconds. Garbage is collected (when the
 * process runs with --expose-gc) before each timed section, so one section
 * does not pay for the garbage of the one before.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App } from 'cdk8s';
import * as YAML from 'yaml';
import { main as cliMain } from '../src/cli/main';
import { DataPlane, HttpRequest } from '../src/testing';
import { validateSourcedManifests } from '../src/validation';
import { routingDiff } from '../src/testing/routing-diff';
import { changedScenario, listenerTouches, requests, scenario } from './scenario';
import { l1Chart, l2Chart } from './synth-scenario';

/** Wall and CPU milliseconds. */
export interface Timing {
  wall: number;
  cpu: number;
}

const gc: (() => void) | undefined = (global as any).gc;

function timed<T>(f: () => T): { value: T; ms: Timing } {
  gc?.();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, ms: { wall, cpu: (c.user + c.system) / 1000 } };
}

async function timedAsync<T>(f: () => Promise<T>): Promise<{ value: T; ms: Timing }> {
  gc?.();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, ms: { wall, cpu: (c.user + c.system) / 1000 } };
}

/** Peak resident set size of this process so far, in MB. */
function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

function tmpDir(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cdk8s-gw-bench-${tag}-`));
}

/** Builds a chart with `build` in a fresh App writing to a temporary directory, and synthesizes it (YAML written). */
function synthOnce(build: (app: App) => void): Timing {
  const outdir = tmpDir('synth');
  try {
    const { ms } = timed(() => {
      const app = new App({ outdir });
      build(app);
      app.synth();
    });
    return ms;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function synth(routes: number, l1First: boolean): object {
  // The objects of the L1 chart are the L2 chart's output, so both charts hold the same objects.
  const objects = l2Chart(new App({ outdir: os.tmpdir() }), routes).toJson();
  // Warm-up on a small chart: compiles the CRD schemas and CEL rules (once per process) and the JIT.
  const small = l2Chart(new App({ outdir: os.tmpdir() }), 20).toJson();
  synthOnce((app) => l2Chart(app, 20));
  synthOnce((app) => l1Chart(app, small));
  let l1: Timing;
  let l2: Timing;
  if (l1First) {
    l1 = synthOnce((app) => l1Chart(app, objects));
    l2 = synthOnce((app) => l2Chart(app, routes));
  } else {
    l2 = synthOnce((app) => l2Chart(app, routes));
    l1 = synthOnce((app) => l1Chart(app, objects));
  }
  // Validation alone: the engine on the rendered objects, as the synth-time check runs it.
  const items = objects.map((object, i) => ({ object, source: `bench/o${i}` }));
  const { value: diagnostics, ms: validation } = timed(() => validateSourcedManifests(items, { channel: 'standard' }));
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`the synth scenario has validation errors: ${JSON.stringify(errors[0])}`);
  return { routes, objects: objects.length, l1, l2, validation, warnings: diagnostics.length, peakRssMb: peakRssMb() };
}

/**
 * The synth scenario's objects for `routes` as one multi-document YAML file,
 * written once into .tmp/bench (not timed): what a chart synthesizes is what
 * the command is run on.
 */
function scenarioFile(routes: number): string {
  const dir = path.join(__dirname, '..', '.tmp', 'bench');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `synth-routes-${routes}.yaml`);
  if (!fs.existsSync(file)) {
    const objects = l2Chart(new App({ outdir: os.tmpdir() }), routes).toJson();
    fs.writeFileSync(`${file}.part`, objects.map((o) => YAML.stringify(o)).join('---\n'));
    fs.renameSync(`${file}.part`, file);
  }
  return file;
}

async function validateCli(routes: number): Promise<object> {
  const file = scenarioFile(routes);
  const small = scenarioFile(100);
  let output = '';
  const run = async (f: string) => {
    const write = process.stdout.write;
    output = '';
    (process.stdout as any).write = (chunk: any) => {
      output += String(chunk);
      return true;
    };
    try {
      return await cliMain(['node', 'cdk8s-gateway', 'validate', f]);
    } finally {
      (process.stdout as any).write = write;
    }
  };
  await run(small); // warm-up: schema and rule compilation, JIT
  const { value: code, ms } = await timedAsync(() => run(file));
  const summary = output.trim().split('\n').pop();
  if (code !== 0) throw new Error(`validate exited with ${code}: ${summary}`);
  return { routes, bytes: fs.statSync(file).size, ms, summary, peakRssMb: peakRssMb() };
}

/** The plane scenario; with `assume`, without the GatewayClass and Services (the plane assumes them, as for a chart tested on its own). */
function planeObjects(routes: number, assume: boolean): object[] {
  const all = scenario(routes);
  return assume ? all.filter((o: any) => o.kind !== 'Service' && o.kind !== 'GatewayClass') : all;
}

function load(objs: readonly object[], assume: boolean): DataPlane {
  const p = DataPlane.fromManifests(objs, { assumeMissing: assume });
  for (const o of objs as any[]) {
    if (o.kind === 'Gateway' || o.kind === 'HTTPRoute') {
      if (!p.status(o.kind, o.metadata.namespace, o.metadata.name)) throw new Error(`no status for ${o.kind} ${o.metadata.namespace}/${o.metadata.name}`);
    }
  }
  return p;
}

/** Minimum time a repeated sample runs. */
const SAMPLE_MS = 400;

function repeated(f: () => Timing): Timing {
  let runs = 0;
  const sum = { wall: 0, cpu: 0 };
  do {
    const ms = f();
    sum.wall += ms.wall;
    sum.cpu += ms.cpu;
    runs++;
  } while (sum.wall < SAMPLE_MS);
  return { wall: sum.wall / runs, cpu: sum.cpu / runs };
}

/** CPU time a decisions/s sample runs for, at least (CPU, not wall: on a loaded machine a wall-clock sample is a sliver of CPU). */
const DECISIONS_CPU_MS = 2000;

/**
 * A forced collection, then 300 ms asleep so that V8's concurrent sweeper threads finish with the heap before a
 * sample starts: `process.cpuUsage()` counts every thread, and after a full collection of a 2 GB heap the
 * sweeping would otherwise be charged to the first few hundred ms of the sample.
 */
function settle(): void {
  gc?.();
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
}

function throughput(plane: DataPlane, reqs: readonly HttpRequest[]): Timing {
  let sink = 0;
  settle();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let count = 0;
  let cpu = 0;
  do {
    for (const r of reqs) sink += plane.http(r).status ?? 0;
    count += reqs.length;
    const c = process.cpuUsage(c0);
    cpu = (c.user + c.system) / 1000;
  } while (cpu < DECISIONS_CPU_MS);
  const wall = performance.now() - t0;
  if (sink === 0) throw new Error('no request got a status');
  return { wall: (count / wall) * 1000, cpu: (count / cpu) * 1000 };
}

function plane(routes: number, assume: boolean): object {
  // Warm-up on a small configuration (JIT, schema compilation).
  const warm = load(planeObjects(100, assume), assume);
  for (const r of requests(100, 200, 7)) warm.http(r);
  const objs = planeObjects(routes, assume);
  const reqs = requests(routes, 2000, 42 + routes);
  let last: DataPlane | undefined;
  const loadMs = repeated(() => {
    last = undefined;
    const { value, ms } = timed(() => load(objs, assume));
    last = value;
    return ms;
  });
  const p = last!;
  if (p.diagnostics.length > 0) throw new Error(`the scenario with ${routes} routes does not load clean: ${JSON.stringify(p.diagnostics[0])}`);
  for (const o of objs as any[]) {
    if (o.kind !== 'HTTPRoute') continue;
    const s = p.status('HTTPRoute', o.metadata.namespace, o.metadata.name)!;
    const bad = s.parents.find((x) => x.conditions.some((c) => (c.type === 'Accepted' || c.type === 'ResolvedRefs') && c.status !== 'True'));
    if (bad) throw new Error(`route ${o.metadata.namespace}/${o.metadata.name} is not accepted with resolved refs: ${JSON.stringify(bad)}`);
  }
  const { ms: tables } = timed(() => {
    for (const r of listenerTouches()) p.http(r);
  });
  for (const r of reqs) p.http(r); // warm-up pass
  const decisions = throughput(p, reqs);
  return { routes, assume, objects: objs.length, load: loadMs, tables, decisions, peakRssMb: peakRssMb() };
}

function small(): object {
  const objectsOf = (app: App) => l2Chart(app, 8);
  const req: HttpRequest = { gateway: 'infra/public', host: 'app-3.example.com', path: '/api/v0', headers: { 'x-tenant': 'tenant-3' } };
  const once = (): { ms: Timing; objects: number } => {
    const chart = objectsOf(new App({ outdir: os.tmpdir() }));
    const { value, ms } = timed(() => {
      const p = DataPlane.fromChart(chart);
      const r = p.http(req);
      if (r.outcome !== 'forwarded') throw new Error(`the small chart's request was not forwarded: ${JSON.stringify(r)}`);
      return chart.toJson().length;
    });
    return { ms, objects: value };
  };
  const first = once();
  const runs: Timing[] = [];
  for (let i = 0; i < 30; i++) runs.push(once().ms);
  const med = (f: (t: Timing) => number) => {
    const s = runs.map(f).sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)];
  };
  return { objects: first.objects, first: first.ms, steady: { wall: med((t) => t.wall), cpu: med((t) => t.cpu) }, peakRssMb: peakRssMb() };
}

/**
 * The routing diff of the scenario (with assumeMissing, so that swapped
 * backends get stand-ins) and its changed copy: loading both planes, then
 * `routingDiff` on the loaded planes (routing tables, witness requests, every
 * witness evaluated on both), and the ratio of the two.
 */
function diff(routes: number): object {
  // Warm-up on a small configuration (JIT, schema compilation).
  const warmA = planeObjects(100, true);
  routingDiff(load(warmA, true), load(changedScenario(warmA), true));
  const before = planeObjects(routes, true);
  const after = changedScenario(before);
  const { value: planes, ms: loadBoth } = timed(() => [load(before, true), load(after, true)] as const);
  const { value: d, ms: diffMs } = timed(() => routingDiff(planes[0], planes[1]));
  if (d.changes.length === 0) throw new Error(`the changed scenario with ${routes} routes shows no change`);
  return {
    routes,
    load: loadBoth,
    diff: diffMs,
    ratio: { cpu: diffMs.cpu / loadBoth.cpu, wall: diffMs.wall / loadBoth.wall },
    requests: d.requests,
    changes: d.changes.length,
    statusChanges: d.statusChanges.length,
    peakRssMb: peakRssMb(),
  };
}

async function run(argv: string[]): Promise<object> {
  const [task, a, b] = argv;
  switch (task) {
    case 'synth': return synth(Number(a), b === '1');
    case 'validate-cli': return validateCli(Number(a));
    case 'plane': return plane(Number(a), b === '1');
    case 'small': return small();
    case 'diff': return diff(Number(a));
    default: throw new Error(`unknown task ${JSON.stringify(task)} (synth, validate-cli, plane, small, diff)`);
  }
}

run(process.argv.slice(2)).then(
  (result) => process.stdout.write(`RESULT ${JSON.stringify(result)}\n`),
  (err) => {
    process.stderr.write(`${err?.stack ?? err}\n`);
    process.exitCode = 1;
  },
);
