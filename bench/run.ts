/**
 * The benchmark (`npm run bench`): runs every measurement of bench/measure.ts
 * in its own child process, in interleaved rounds (one child per task and size
 * per round), takes medians, judges the goals of issue 12 on CPU time, and
 * writes bench/results/latest.json and bench/results.md.
 *
 * Options:
 *   --rounds N          rounds (default 4: the synth children alternate which program runs first, and an even
 *                       number gives the median as many pairs of each order)
 *   --no-100k           skip the data plane at 100,000 routes (its goals are then reported as not measured)
 *   --rounds-100k N     rounds that include the data plane at 100,000 routes (default 1: each takes minutes;
 *                       its ratios then compare one 100,000 sample with the 10,000 median)
 *   --only a,b          run only these task groups: synth, validate, plane, small, diff, cold, cli-cold, jest-suite
 *   --cold-pairs N      library / floor pairs per round in the cold-start groups (default 3)
 *   --no-write          print only
 *   --save-baseline     also write bench/results/baseline.json (the small-chart figures later runs compare with)
 *   --from-log FILE     do not run: report the samples a run printed to FILE (one interrupted by a deadline, say)
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cliCold, coldPath, jestSuite } from './cold';

interface Args {
  rounds: number;
  with100k: boolean;
  rounds100k: number;
  only?: Set<string>;
  write: boolean;
  saveBaseline: boolean;
  /** Report the samples printed in this log instead of running. */
  fromLog?: string;
  /** Library / floor pairs per round of a cold-start group. */
  coldPairs: number;
}

const GROUPS = ['synth', 'validate', 'plane', 'small', 'diff', 'cold', 'cli-cold', 'jest-suite'];
/** Groups that run fresh processes on the compiled lib/ (bench/cold.ts): lib/ is compiled first. */
const COLD_GROUPS = ['cold', 'cli-cold', 'jest-suite'];

function parseArgs(argv: string[]): Args {
  const args: Args = { rounds: 4, with100k: true, rounds100k: 1, write: true, saveBaseline: false, coldPairs: 3 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--rounds') {
      args.rounds = Number(argv[++i]);
      if (!Number.isInteger(args.rounds) || args.rounds <= 0) throw new Error(`--rounds needs a positive integer, got ${JSON.stringify(argv[i])}`);
    } else if (a === '--no-100k') args.with100k = false;
    else if (a === '--rounds-100k') {
      args.rounds100k = Number(argv[++i]);
      if (!Number.isInteger(args.rounds100k) || args.rounds100k <= 0) throw new Error(`--rounds-100k needs a positive integer, got ${JSON.stringify(argv[i])}`);
    }
    else if (a === '--only') {
      args.only = new Set((argv[++i] ?? '').split(','));
      for (const g of args.only) if (!GROUPS.includes(g)) throw new Error(`--only takes ${GROUPS.join(', ')}; got ${JSON.stringify(g)}`);
    } else if (a === '--no-write') args.write = false;
    else if (a === '--save-baseline') args.saveBaseline = true;
    else if (a === '--from-log') args.fromLog = argv[++i];
    else if (a === '--cold-pairs') {
      args.coldPairs = Number(argv[++i]);
      if (!Number.isInteger(args.coldPairs) || args.coldPairs <= 0) throw new Error(`--cold-pairs needs a positive integer, got ${JSON.stringify(argv[i])}`);
    }
    else throw new Error(`unknown option ${JSON.stringify(a)} (known: --rounds N, --no-100k, --rounds-100k N, --only ${GROUPS.join(',')}, --no-write, --save-baseline, --cold-pairs N)`);
  }
  return args;
}

interface Task {
  group: string;
  key: string;
  /** Only in the first N rounds. */
  maxRounds?: number;
  argv: (round: number) => string[];
  /** Run here instead of in a measure.ts child (the cold-start groups spawn their own fresh processes). */
  inProcess?: () => any;
}

function tasks(args: Args): Task[] {
  const out: Task[] = [];
  const want = (g: string) => !args.only || args.only.has(g);
  if (want('small')) out.push({ group: 'small', key: 'small', argv: () => ['small'] });
  if (want('synth')) {
    // L1 first in even rounds, L2 first in odd ones: neither always runs on a fresher heap.
    for (const n of SYNTH_SIZES) out.push({ group: 'synth', key: `synth/${n}`, argv: (r) => ['synth', String(n), r % 2 === 0 ? '1' : '0'] });
  }
  if (want('validate')) for (const n of CLI_SIZES) out.push({ group: 'validate', key: `validate-cli/${n}`, argv: () => ['validate-cli', String(n)] });
  if (want('plane')) {
    for (const n of PLANE_SIZES) {
      if (n === 100000 && !args.with100k) continue;
      for (const assume of [true, false]) {
        out.push({
          group: 'plane', key: `plane/${n}/${assume ? 'assume' : 'full'}`, argv: () => ['plane', String(n), assume ? '1' : '0'],
          ...(n === 100000 ? { maxRounds: args.rounds100k } : {}),
        });
      }
    }
  }
  if (want('diff')) for (const n of DIFF_SIZES) out.push({ group: 'diff', key: `diff/${n}`, argv: () => ['diff', String(n)] });
  if (want('cold')) out.push({ group: 'cold', key: 'cold', argv: () => [], inProcess: () => coldPath(args.coldPairs) });
  if (want('cli-cold')) out.push({ group: 'cli-cold', key: 'cli-cold', argv: () => [], inProcess: () => cliCold(args.coldPairs) });
  if (want('jest-suite')) out.push({ group: 'jest-suite', key: 'jest-suite', argv: () => [], inProcess: () => jestSuite(args.coldPairs) });
  return out;
}

/** Routes of the routing diff's scenario: the issue's 1,000, and 5,000 to see it grow linearly. */
const DIFF_SIZES = [1000, 5000];
const SYNTH_SIZES = [1000, 5000, 10000];
const CLI_SIZES = [1000, 10000];
const PLANE_SIZES = [1000, 10000, 100000];

function runChild(argv: string[]): any {
  const started = Date.now();
  const child = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=4096', '-r', 'ts-node/register/transpile-only', path.join(__dirname, 'measure.ts'), ...argv], {
    cwd: path.join(__dirname, '..'),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
  });
  const line = (child.stdout ?? '').split('\n').find((l) => l.startsWith('RESULT '));
  if (child.status !== 0 || !line) {
    throw new Error(`measure.ts ${argv.join(' ')} failed (status ${child.status}, signal ${child.signal}):\n${(child.stderr ?? '').slice(-4000)}`);
  }
  const result = JSON.parse(line.slice('RESULT '.length));
  result.childSeconds = (Date.now() - started) / 1000;
  return result;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median of every numeric leaf across samples (same shape). */
function medianOf(samples: any[]): any {
  const first = samples[0];
  if (typeof first === 'number') return median(samples);
  if (first && typeof first === 'object') {
    const out: any = {};
    for (const k of Object.keys(first)) out[k] = medianOf(samples.map((s) => s[k]));
    return out;
  }
  return first;
}

interface Goal {
  /** Stable id (bench/results/causes.json explains missed goals by id). */
  id: string;
  goal: string;
  /** Measured value (a ratio, or MB / ms where said). */
  value?: number;
  wallValue?: number;
  limit: string;
  result: 'met' | 'missed' | 'not measured';
  note?: string;
  /** For a missed goal: the measured cause and what it would take (from bench/results/causes.json). */
  cause?: string;
}

function fmt(n: number | undefined, digits = 1): string {
  if (n === undefined || Number.isNaN(n)) return '-';
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const cpus = os.cpus();
  const machine = {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    os: `${os.platform()} ${os.release()}`,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  };
  const loadBefore = os.loadavg();
  console.log(`machine: ${JSON.stringify(machine)}; load average ${loadBefore.map((x) => x.toFixed(2)).join(' ')}`);
  const list = tasks(args);
  const samples = new Map<string, any[]>(list.map((t) => [t.key, []]));
  const loadSamples: number[] = [];
  if (!args.fromLog && list.some((t) => COLD_GROUPS.includes(t.group))) {
    // The cold-start groups run the compiled lib/ (as a user's program does): compile it from the sources first.
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '--build', 'tsconfig.json'], { cwd: path.join(__dirname, '..'), encoding: 'utf8' });
    if (tsc.status !== 0) throw new Error(`tsc --build failed, the cold-start groups need lib/:\n${tsc.stdout}${tsc.stderr}`);
  }
  if (args.fromLog) {
    // Re-report the samples a run printed (e.g. a run that was interrupted): lines `round i/n key: {json}`.
    let lastRound = 0;
    for (const line of fs.readFileSync(args.fromLog, 'utf8').split('\n')) {
      const m = /^round (\d+)\/(\d+) (\S+): (\{.*\})$/.exec(line);
      if (!m || !samples.has(m[3])) continue;
      samples.get(m[3])!.push(JSON.parse(m[4]));
      lastRound = Math.max(lastRound, Number(m[1]));
    }
    args.rounds = lastRound;
    const logged = fs.readFileSync(args.fromLog, 'utf8');
    for (const m of logged.matchAll(/load average ([0-9.]+)/g)) loadSamples.push(Number(m[1]));
    for (const [k, ss] of [...samples]) if (ss.length === 0) samples.delete(k);
  } else {
    for (let round = 0; round < args.rounds; round++) {
      for (const t of list) {
        if (t.maxRounds !== undefined && round >= t.maxRounds) continue;
        const r = t.inProcess ? t.inProcess() : runChild(t.argv(round));
        loadSamples.push(os.loadavg()[0]);
        samples.get(t.key)!.push(r);
        console.log(`round ${round + 1}/${args.rounds} ${t.key}: ${JSON.stringify(r)} (load average ${loadSamples[loadSamples.length - 1].toFixed(2)})`);
      }
    }
  }
  const loadAfter = os.loadavg();
  const med = new Map<string, any>();
  for (const [k, ss] of samples) med.set(k, medianOf(ss));

  const goals: Goal[] = [];
  const causesFile = path.join(__dirname, 'results', 'causes.json');
  const causes: Record<string, string> = fs.existsSync(causesFile) ? JSON.parse(fs.readFileSync(causesFile, 'utf8')) : {};
  const judge = (id: string, goal: string, limit: string, ok: (v: number) => boolean, value: number | undefined, wallValue?: number, note?: string) => {
    const result = value === undefined ? 'not measured' : ok(value) ? 'met' : 'missed';
    const cause = result === 'missed' ? causes[id] ?? 'no analysis recorded in bench/results/causes.json' : undefined;
    goals.push({ id, goal, limit, value, wallValue, result, ...(note ? { note } : {}), ...(cause ? { cause } : {}) });
  };

  // Synth: L2 / L1 in each child (same process, side by side), median over rounds.
  const synthRatio = (n: number) => {
    const ss = samples.get(`synth/${n}`);
    if (!ss || ss.length === 0) return { cpu: undefined, wall: undefined };
    return { cpu: median(ss.map((s) => s.l2.cpu / s.l1.cpu)), wall: median(ss.map((s) => s.l2.wall / s.l1.wall)) };
  };
  for (const n of SYNTH_SIZES) {
    const r = synthRatio(n);
    const goal = n >= 5000;
    judge(`synth-${n}`, `L2 synth of ${n.toLocaleString('en-US')} routes (every check) / plain L1 synth of the same objects${goal ? '' : ' (information)'}`,
      goal ? '<= 1.5' : '-', (v) => !goal || v <= 1.5, r.cpu, r.wall);
  }
  // Validate CLI: linear.
  const cli = (n: number) => med.get(`validate-cli/${n}`);
  judge('validate-cli-linear', 'validate CLI on 10,000 routes / on 1,000 routes (linear)', '<= 12',
    (v) => v <= 12, cli(10000) && cli(1000) ? cli(10000).ms.cpu / cli(1000).ms.cpu : undefined,
    cli(10000) && cli(1000) ? cli(10000).ms.wall / cli(1000).ms.wall : undefined);
  // Data plane.
  for (const variant of ['assume', 'full']) {
    const at = (n: number) => med.get(`plane/${n}/${variant}`);
    const label = variant === 'assume' ? 'with assumeMissing (user path)' : 'all objects given, without assumeMissing';
    const a = at(10000);
    const b = at(100000);
    judge(`plane-load-${variant}`, `plane load + status at 100,000 routes / at 10,000, ${label}`, '<= 12', (v) => v <= 12,
      a && b ? b.load.cpu / a.load.cpu : undefined, a && b ? b.load.wall / a.load.wall : undefined);
    judge(`plane-decisions-${variant}`, `plane decisions/s at 100,000 routes / at 10,000, ${label}`, '>= 0.5', (v) => v >= 0.5,
      a && b ? b.decisions.cpu / a.decisions.cpu : undefined, a && b ? b.decisions.wall / a.decisions.wall : undefined);
    judge(`plane-rss-${variant}`, `plane peak RSS at 100,000 routes (MB), ${label}`, '<= 1024', (v) => v <= 1024, b ? b.peakRssMb : undefined);
    const c = at(1000);
    judge(`plane-load-10k-${variant}`, `(information) plane load + status at 10,000 routes / at 1,000, ${label}`, '-', () => true,
      a && c ? a.load.cpu / c.load.cpu : undefined, a && c ? a.load.wall / c.load.wall : undefined);
  }
  // Routing diff (issue 19): as a ratio to loading both planes, and linear in routes.
  const diffAt = (n: number) => med.get(`diff/${n}`);
  judge('diff-1k', '(information) routing diff of two 1,000-route scenarios / loading both planes', '-', () => true,
    diffAt(1000)?.ratio.cpu, diffAt(1000)?.ratio.wall,
    diffAt(1000) ? `${diffAt(1000).requests.toLocaleString('en-US')} witness requests, ${diffAt(1000).changes.toLocaleString('en-US')} changes` : undefined);
  judge('diff-linear', 'routing diff at 5,000 routes / at 1,000 (linear)', '<= 6', (v) => v <= 6,
    diffAt(5000) && diffAt(1000) ? diffAt(5000).diff.cpu / diffAt(1000).diff.cpu : undefined,
    diffAt(5000) && diffAt(1000) ? diffAt(5000).diff.wall / diffAt(1000).diff.wall : undefined);
  // Cold starts (issue 18): fresh processes on lib/, ratio to their floor taken per pair, median over rounds.
  const pairRatio = (key: string, pick: (s: any) => any = (s) => s) => {
    const ss = samples.get(key);
    if (!ss || ss.length === 0) return { cpu: undefined, wall: undefined };
    return { cpu: median(ss.map((s) => pick(s).ratio.cpu)), wall: median(ss.map((s) => pick(s).ratio.wall)) };
  };
  const cold = pairRatio('cold');
  const coldMed = med.get('cold');
  judge('cold-path', 'cold path in a fresh process (require, 20-route chart, validateApp, fromChart(assumeMissing), one decision) / floor (require cdk8s + the generated L1, synth of the same chart)',
    '<= 3', (v) => v <= 3, cold.cpu, cold.wall, coldMed ? `${fmt(coldMed.lib.cpu)} ms against ${fmt(coldMed.floor.cpu)} ms of CPU, Node's start-up included in both` : undefined);
  const cliMed = med.get('cli-cold');
  for (const command of ['validate', 'route']) {
    const r = pairRatio('cli-cold', (s) => s[command]);
    judge(`cli-cold-${command}`, `\`cdk8s-gateway ${command}\` on a 40-object file, fresh process / \`node -e "require('yaml').parseAllDocuments(...)"\` of the same file`,
      '<= 3', (v) => v <= 3, r.cpu, r.wall, cliMed ? `${fmt(cliMed[command].lib.cpu)} ms against ${fmt(cliMed[command].floor.cpu)} ms of CPU` : undefined);
  }
  const jestRatio = pairRatio('jest-suite');
  const jestMed = med.get('jest-suite');
  // The issue states this goal in wall time (what a user waits for): judged on wall, CPU beside it.
  judge('jest-suite', 'a user\'s jest suite: 10 files each asserting 5 routing matchers / the same files asserting Testing.synth + toMatchSnapshot() (wall time)',
    '<= 1.5', (v) => v <= 1.5, jestRatio.wall, jestRatio.cpu, jestMed ? `wall ${fmt(jestMed.lib.wall)} ms against ${fmt(jestMed.floor.wall)} ms (the second figure of this goal is the CPU ratio)` : undefined);
  // Small: compared with the committed baseline (figures of the run before the fixes).
  const baselineFile = path.join(__dirname, 'results', 'baseline.json');
  const baseline = fs.existsSync(baselineFile) ? JSON.parse(fs.readFileSync(baselineFile, 'utf8')) : undefined;
  const small = med.get('small');
  if (small && baseline?.small) {
    judge('small-steady', '20-object chart: fromChart + first decision, steady (ms CPU) / baseline', '<= 1.2', (v) => v <= 1.2,
      small.steady.cpu / baseline.small.steady.cpu, small.steady.wall / baseline.small.steady.wall,
      `now ${fmt(small.steady.cpu)} ms, baseline ${fmt(baseline.small.steady.cpu)} ms (the limit allows for the noise of a shared machine)`);
    judge('small-first', '20-object chart: first fromChart + decision in a fresh process (ms CPU) / baseline', '<= 1.2', (v) => v <= 1.2,
      small.first.cpu / baseline.small.first.cpu, small.first.wall / baseline.small.first.wall,
      `now ${fmt(small.first.cpu)} ms, baseline ${fmt(baseline.small.first.cpu)} ms`);
  }

  const underLoad = Math.max(...loadSamples, loadBefore[0]) > machine.cores * 0.75;
  const result = {
    date: new Date().toISOString(),
    machine,
    method: {
      rounds: args.rounds,
      description: 'each task and size in its own child process (peak RSS is that child\'s maxRSS), tasks interleaved within each round, medians over rounds; '
        + 'goals judged on CPU time of the child (user + system), wall time reported beside it; garbage collected before each timed section',
      loadAverage: { before: loadBefore, after: loadAfter, maxDuringRun: Math.max(...loadSamples) },
      underLoad,
      with100k: args.with100k,
      ...(args.fromLog ? { reportedFromLog: `the samples printed by a run (${path.basename(args.fromLog)}) that did not finish before the deadline; tasks not reached are absent` } : {}),
      rounds100k: args.with100k ? Math.min(args.rounds, args.rounds100k) : 0,
    },
    goals,
    figures: Object.fromEntries(med),
    samples: Object.fromEntries(samples),
  };

  const lines: string[] = [];
  lines.push('# Benchmark results');
  lines.push('');
  lines.push('Written by `npm run bench` (bench/run.ts); see bench/README.md for the scenarios, the method and the history of the fixes.');
  lines.push('Every figure of the run is in [results/latest.json](results/latest.json).');
  lines.push('');
  lines.push(`- Date: ${result.date.slice(0, 16).replace('T', ' ')} UTC`);
  lines.push(`- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, ${machine.os}, Node ${machine.node}`);
  lines.push(`- Load average (1 min) before / max during / after: ${fmt(loadBefore[0], 2)} / ${fmt(result.method.loadAverage.maxDuringRun, 2)} / ${fmt(loadAfter[0], 2)}`
    + `${underLoad ? ' — **the machine was under load from other processes**: wall times are inflated, goals are judged on CPU time' : ''}`);
  lines.push(`- Method: ${args.rounds} rounds (the data plane at 100,000 routes in ${result.method.rounds100k} of them), one child process per task and size, interleaved; medians. Times in ms of CPU (wall in parentheses).`);
  lines.push('');
  lines.push('## Goals');
  lines.push('');
  lines.push('| Goal | limit | CPU time | wall time | result |');
  lines.push('|---|---:|---:|---:|---|');
  for (const g of goals) lines.push(`| ${g.goal}${g.note ? ` (${g.note})` : ''} | ${g.limit} | ${fmt(g.value, 2)} | ${fmt(g.wallValue, 2)} | ${g.result} |`);
  lines.push('');
  const missed = goals.filter((g) => g.cause);
  if (missed.length > 0) {
    lines.push('### Missed goals: measured cause and what it would take');
    lines.push('');
    for (const g of missed) lines.push(`- **${g.goal}**: ${g.cause}`);
    lines.push('');
  }
  lines.push('## Synthesis (same objects; one process per size)');
  lines.push('');
  lines.push('| HTTPRoutes | objects | plain L1 synth | L2 synth, every check | validation alone | peak RSS, MB |');
  lines.push('|---:|---:|---:|---:|---:|---:|');
  for (const n of SYNTH_SIZES) {
    const m = med.get(`synth/${n}`);
    if (m) lines.push(`| ${n.toLocaleString('en-US')} | ${m.objects.toLocaleString('en-US')} | ${fmt(m.l1.cpu)} (${fmt(m.l1.wall)}) | ${fmt(m.l2.cpu)} (${fmt(m.l2.wall)}) | ${fmt(m.validation.cpu)} (${fmt(m.validation.wall)}) | ${fmt(m.peakRssMb, 0)} |`);
  }
  lines.push('');
  lines.push('## `cdk8s-gateway validate` on a YAML file');
  lines.push('');
  lines.push('| HTTPRoutes | file, MB | time | peak RSS, MB |');
  lines.push('|---:|---:|---:|---:|');
  for (const n of CLI_SIZES) {
    const m = cli(n);
    if (m) lines.push(`| ${n.toLocaleString('en-US')} | ${fmt(m.bytes / 2 ** 20)} | ${fmt(m.ms.cpu)} (${fmt(m.ms.wall)}) | ${fmt(m.peakRssMb, 0)} |`);
  }
  lines.push('');
  lines.push('## Data plane');
  lines.push('');
  lines.push('| HTTPRoutes | assumeMissing | objects | load + status | routing tables (first requests) | decisions/s per CPU-second (wall) | peak RSS, MB |');
  lines.push('|---:|---|---:|---:|---:|---:|---:|');
  for (const n of PLANE_SIZES) {
    for (const variant of ['assume', 'full']) {
      const m = med.get(`plane/${n}/${variant}`);
      if (m) lines.push(`| ${n.toLocaleString('en-US')} | ${variant === 'assume' ? 'yes' : 'no'} | ${m.objects.toLocaleString('en-US')} | ${fmt(m.load.cpu)} (${fmt(m.load.wall)}) | ${fmt(m.tables.cpu)} (${fmt(m.tables.wall)}) | ${fmt(m.decisions.cpu, 0)} (${fmt(m.decisions.wall, 0)}) | ${fmt(m.peakRssMb, 0)} |`);
    }
  }
  if (!args.with100k) lines.push('', '100,000 routes skipped (--no-100k).');
  lines.push('');
  if (DIFF_SIZES.some((n) => diffAt(n))) {
    lines.push('## Routing diff (the scenario and a changed copy, assumeMissing)');
    lines.push('');
    lines.push('| HTTPRoutes | load both planes | routingDiff | ratio | witness requests | changes | peak RSS, MB |');
    lines.push('|---:|---:|---:|---:|---:|---:|---:|');
    for (const n of DIFF_SIZES) {
      const m = diffAt(n);
      if (m) lines.push(`| ${n.toLocaleString('en-US')} | ${fmt(m.load.cpu)} (${fmt(m.load.wall)}) | ${fmt(m.diff.cpu)} (${fmt(m.diff.wall)}) | ${fmt(m.ratio.cpu, 2)} | ${m.requests.toLocaleString('en-US')} | ${m.changes.toLocaleString('en-US')} | ${fmt(m.peakRssMb, 0)} |`);
    }
    lines.push('');
  }
  if (coldMed || cliMed || jestMed) {
    lines.push('## Cold starts (fresh processes on the compiled lib/, bench/cold.ts)');
    lines.push('');
    lines.push('| scenario | package | floor | ratio (CPU) | ratio (wall) | peak RSS, MB (package / floor) |');
    lines.push('|---|---:|---:|---:|---:|---:|');
    const row = (what: string, m: any, r: { cpu?: number; wall?: number }) => lines.push(`| ${what} | ${fmt(m.lib.cpu)} (${fmt(m.lib.wall)}) | ${fmt(m.floor.cpu)} (${fmt(m.floor.wall)}) | ${fmt(r.cpu, 2)} | ${fmt(r.wall, 2)} | ${fmt(m.lib.peakRssMb, 0)} / ${fmt(m.floor.peakRssMb, 0)} |`);
    if (coldMed) row(`cold path, ${coldMed.objects} objects / L1 synth`, coldMed, cold);
    if (cliMed) {
      row('`validate`, 40-object file / yaml parse', cliMed.validate, pairRatio('cli-cold', (s) => s.validate));
      row('`route`, 40-object file / yaml parse', cliMed.route, pairRatio('cli-cold', (s) => s.route));
    }
    if (jestMed) row(`jest suite, ${jestMed.files} files: 5 matchers / snapshot`, jestMed, jestRatio);
    lines.push('');
    lines.push(`CPU of the whole child (Node's start-up included), ${args.coldPairs} library / floor pairs per round, ratio per pair; jest runs in band.`);
    lines.push('');
  }
  if (small) {
    lines.push('## Small chart (what each user test pays)');
    lines.push('');
    lines.push(`${small.objects} objects: \`DataPlane.fromChart\` + first decision ${fmt(small.steady.cpu, 2)} ms (${fmt(small.steady.wall, 2)}) once warm (median of 30), `
      + `${fmt(small.first.cpu)} ms (${fmt(small.first.wall)}) the first time in a process (compiles the CRD schemas). Peak RSS ${fmt(small.peakRssMb, 0)} MB.`);
    lines.push('');
  }
  const text = lines.join('\n');
  console.log(`\n${text}`);
  if (args.write) {
    fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    fs.writeFileSync(path.join(__dirname, 'results', 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
    fs.writeFileSync(path.join(__dirname, 'results.md'), text);
    console.log('written to bench/results/latest.json and bench/results.md');
  }
  if (args.saveBaseline) {
    fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    fs.writeFileSync(baselineFile, `${JSON.stringify({ date: result.date, machine, small, figures: result.figures }, null, 2)}\n`);
  }
  if (goals.some((g) => g.result === 'missed')) process.exitCode = 1;
}

main();
