/**
 * Benchmark of the in-memory data plane (`npm run bench`): load + status for
 * 100, 1,000 and 10,000 HTTPRoutes, the first-request routing-table build,
 * and HTTP decisions per second against each table. Prints the figures with
 * the machine and writes them to bench/results.md.
 *
 * Goals (ratios measured in the same run, so the machine cancels out):
 * - load at 10,000 routes <= 12 x load at 1,000 (no quadratic attachment);
 * - decisions/s at 10,000 routes >= 0.5 x decisions/s at 100 routes.
 *
 * Sizes are measured interleaved (one repetition of every size per round) and
 * each figure is the median of the rounds, so a burst of load from other
 * processes on a shared machine skews one sample, not one size.
 *
 * Options: `--rounds N` (default 5), `--sizes 100,1000,10000`, `--no-write`.
 */

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { DataPlane, HttpRequest, HttpResult } from '../src/testing';
import { listenerTouches, requests, scenario, teamCount } from './scenario';

interface Args {
  rounds: number;
  sizes: number[];
  write: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { rounds: 5, sizes: [100, 1000, 10000], write: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rounds') args.rounds = positiveInt(a, argv[++i]);
    else if (a === '--sizes') args.sizes = (argv[++i] ?? '').split(',').map((s) => positiveInt(a, s));
    else if (a === '--no-write') args.write = false;
    else throw new Error(`unknown option ${JSON.stringify(a)} (known: --rounds N, --sizes 100,1000,10000, --no-write)`);
  }
  for (const required of [100, 1000, 10000]) {
    if (!args.sizes.includes(required)) throw new Error(`--sizes must include ${required}: the goals compare 100, 1,000 and 10,000 routes`);
  }
  return args;
}

function positiveInt(option: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${option} needs a positive integer, got ${JSON.stringify(value)}`);
  return n;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Requests per table and the minimum time one decisions/s sample runs. */
const REQUESTS = 2000;
const SAMPLE_MS = 400;

/** One measurement, in wall-clock time and in CPU time of this process (user + system, all its threads). */
interface Timing {
  wall: number;
  cpu: number;
}

interface Sample {
  /** Milliseconds. */
  load: Timing;
  /** Milliseconds. */
  tables: Timing;
  /** Decisions per second. */
  decisions: Timing;
}

/** Runs `f` and returns its wall and CPU time in milliseconds. */
function timed<T>(f: () => T): { value: T; ms: Timing } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { value, ms: { wall, cpu: (c.user + c.system) / 1000 } };
}

/** Loads the manifests and reads the status of every Gateway and route (the controller's whole output). */
function loadWithStatus(objs: readonly object[]): { plane: DataPlane; ms: Timing } {
  const { value: plane, ms } = timed(() => {
    const p = DataPlane.fromManifests(objs);
    for (const o of objs as any[]) {
      if (o.kind === 'Gateway' || o.kind === 'HTTPRoute') {
        if (!p.status(o.kind, o.metadata.namespace, o.metadata.name)) throw new Error(`no status for ${o.kind} ${o.metadata.namespace}/${o.metadata.name}`);
      }
    }
    return p;
  });
  return { plane, ms };
}

/** Runs the requests in a loop for at least SAMPLE_MS of wall time; returns decisions per second (wall and CPU). */
function throughput(plane: DataPlane, reqs: readonly HttpRequest[]): Timing {
  let sink = 0;
  const { value: n, ms } = timed(() => {
    let count = 0;
    const t0 = performance.now();
    do {
      for (const r of reqs) sink += plane.http(r).status ?? 0;
      count += reqs.length;
    } while (performance.now() - t0 < SAMPLE_MS);
    return count;
  });
  if (sink === 0) throw new Error('no request got a status');
  return { wall: (n / ms.wall) * 1000, cpu: (n / ms.cpu) * 1000 };
}

function outcomes(plane: DataPlane, reqs: readonly HttpRequest[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of reqs) {
    const res: HttpResult = plane.http(r);
    const k = `${res.outcome} ${res.status ?? ''}`.trim();
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

/** Average of repeated runs of `f` until SAMPLE_MS of wall time has passed (at least once), with the last value. */
function repeated<T>(f: () => { value: T; ms: Timing }): { value: T; ms: Timing } {
  let runs = 0;
  let wall = 0;
  let cpu = 0;
  let last: T;
  do {
    const r = f();
    last = r.value;
    wall += r.ms.wall;
    cpu += r.ms.cpu;
    runs++;
  } while (wall < SAMPLE_MS);
  return { value: last, ms: { wall: wall / runs, cpu: cpu / runs } };
}

function sample(objs: readonly object[], reqs: readonly HttpRequest[]): Sample {
  const { value: plane, ms: load } = repeated(() => {
    const r = loadWithStatus(objs);
    return { value: r.plane, ms: r.ms };
  });
  // The routing tables are built on the first request to each listener: time one request per listener,
  // on fresh planes (loaded outside the timing) when repeated.
  const { ms: tables } = repeated(() => {
    const fresh = DataPlane.fromManifests(objs);
    return timed(() => {
      for (const r of listenerTouches()) fresh.http(r);
    });
  });
  for (const r of listenerTouches()) plane.http(r);
  for (const r of reqs) plane.http(r); // warm-up pass over this table
  return { load, tables, decisions: throughput(plane, reqs) };
}

function fmt(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const machine = `${cpu}, ${os.cpus().length} cores, ${os.platform()} ${os.release()}, Node ${process.version}`;
  console.log(`machine: ${machine}`);

  const inputs = new Map<number, { objs: object[]; reqs: HttpRequest[] }>();
  for (const n of args.sizes) inputs.set(n, { objs: scenario(n), reqs: requests(n, REQUESTS, 42 + n) });

  // Sanity check and outcome mix (also the JIT warm-up): the scenario must load clean and route most requests.
  for (const [n, { objs, reqs }] of inputs) {
    const { plane } = loadWithStatus(objs);
    if (plane.diagnostics.length > 0) throw new Error(`scenario with ${n} routes does not load clean: ${JSON.stringify(plane.diagnostics[0])}`);
    const accepted = (objs as any[]).filter((o) => o.kind === 'HTTPRoute').every((o) => {
      const s = plane.status('HTTPRoute', o.metadata.namespace, o.metadata.name);
      return s !== undefined && s.parents.every((p) => p.conditions.find((c) => c.type === 'Accepted')?.status === 'True');
    });
    if (!accepted) throw new Error(`scenario with ${n} routes has a route that is not accepted`);
    console.log(`${n} routes: ${objs.length} objects, ${teamCount(n)} team namespaces; outcomes of the ${reqs.length} requests: ${JSON.stringify(outcomes(plane, reqs))}`);
  }

  const samples = new Map<number, Sample[]>(args.sizes.map((n) => [n, []]));
  for (let round = 0; round < args.rounds; round++) {
    for (const n of args.sizes) {
      const { objs, reqs } = inputs.get(n)!;
      const s = sample(objs, reqs);
      samples.get(n)!.push(s);
      console.log(`round ${round + 1}/${args.rounds}, ${n} routes: load+status ${fmt(s.load.wall)} ms (cpu ${fmt(s.load.cpu)}), `
        + `tables ${fmt(s.tables.wall)} ms (cpu ${fmt(s.tables.cpu)}), ${fmt(s.decisions.wall, 0)} decisions/s (per cpu-second ${fmt(s.decisions.cpu, 0)})`);
    }
  }

  const medianOf = (ss: Sample[], f: (s: Sample) => Timing): Timing => ({ wall: median(ss.map((s) => f(s).wall)), cpu: median(ss.map((s) => f(s).cpu)) });
  const med = new Map<number, Sample>();
  for (const [n, ss] of samples) med.set(n, { load: medianOf(ss, (s) => s.load), tables: medianOf(ss, (s) => s.tables), decisions: medianOf(ss, (s) => s.decisions) });
  const ratio = (a: Timing, b: Timing): Timing => ({ wall: a.wall / b.wall, cpu: a.cpu / b.cpu });
  const loadRatio = ratio(med.get(10000)!.load, med.get(1000)!.load);
  const tablesRatio = ratio(med.get(10000)!.tables, med.get(1000)!.tables);
  const decisionRatio = ratio(med.get(10000)!.decisions, med.get(100)!.decisions);
  // The goals are judged on CPU time: on a machine shared with other processes wall time also measures
  // how long this process waited for a core. Wall-time ratios are printed beside them.
  const loadOk = loadRatio.cpu <= 12;
  const decisionOk = decisionRatio.cpu >= 0.5;

  const lines: string[] = [];
  lines.push('# Data plane benchmark results');
  lines.push('');
  lines.push('Written by `npm run bench` (bench/http-routes.ts); see bench/README.md for the scenario and method.');
  lines.push('');
  lines.push(`- Date: ${new Date().toISOString().slice(0, 10)}`);
  lines.push(`- Machine: ${machine}`);
  lines.push(`- Method: ${args.rounds} rounds, sizes interleaved within each round, medians; ${REQUESTS} requests per table, every sample repeated for >= ${SAMPLE_MS} ms (loads averaged per sample).`);
  lines.push('  Each figure in wall-clock time and, in parentheses, in CPU time of the benchmark process (user + system).');
  lines.push('');
  lines.push('| HTTPRoutes | objects | load + status, ms | routing tables (first requests), ms | decisions/s (per CPU-second) |');
  lines.push('|---:|---:|---:|---:|---:|');
  for (const n of args.sizes) {
    const m = med.get(n)!;
    lines.push(`| ${n.toLocaleString('en-US')} | ${inputs.get(n)!.objs.length.toLocaleString('en-US')} | ${fmt(m.load.wall)} (${fmt(m.load.cpu)}) | ${fmt(m.tables.wall)} (${fmt(m.tables.cpu)}) | ${fmt(m.decisions.wall, 0)} (${fmt(m.decisions.cpu, 0)}) |`);
  }
  lines.push('');
  lines.push('| Goal | CPU time | wall time | Result (CPU time) |');
  lines.push('|---|---:|---:|---|');
  lines.push(`| load + status at 10,000 <= 12 x at 1,000 | ${fmt(loadRatio.cpu, 2)} x | ${fmt(loadRatio.wall, 2)} x | ${loadOk ? 'met' : 'MISSED'} |`);
  lines.push(`| decisions/s at 10,000 >= 0.5 x at 100 | ${fmt(decisionRatio.cpu, 2)} x | ${fmt(decisionRatio.wall, 2)} x | ${decisionOk ? 'met' : 'MISSED'} |`);
  lines.push(`| (information) routing tables at 10,000 / at 1,000 | ${fmt(tablesRatio.cpu, 2)} x | ${fmt(tablesRatio.wall, 2)} x | - |`);
  lines.push('');
  const text = lines.join('\n');
  console.log(`\n${text}`);
  if (args.write) {
    const file = path.join(__dirname, 'results.md');
    fs.writeFileSync(file, text);
    console.log(`written to ${path.relative(process.cwd(), file)}`);
  }
  if (!loadOk || !decisionOk) process.exitCode = 1;
}

main();
