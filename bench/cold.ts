/**
 * The cold-start scenarios of issue 18, each a fresh Node process on the
 * compiled lib/ (what a user's program, CLI call or jest test file pays),
 * measured against a floor run the same way:
 *
 * - **cold path**: require the package, build a 20-route chart with the L2
 *   constructs, `validateApp`, `DataPlane.fromChart(assumeMissing)` and one
 *   decision (bench/cold/cold-path.js `package`), against requiring cdk8s and
 *   the generated L1 classes and synthesizing the same objects (`floor`);
 * - **CLI**: `cdk8s-gateway validate` and `cdk8s-gateway route` (through
 *   bin/cdk8s-gateway.js) on a 40-object YAML file, against
 *   `node -e "require('yaml').parseAllDocuments(...)"` of the same file;
 * - **a user's jest suite**: 10 test files, each building a chart and asserting
 *   5 routing matchers, against the same files asserting only
 *   `Testing.synth` + `toMatchSnapshot()` (jest in band, plain JavaScript
 *   tests so that no transformer is timed; snapshots written before timing).
 *
 * CPU time of a child is its whole `process.cpuUsage()` at exit, Node's
 * start-up included (bench/cold/report-cpu.js, preloaded into library and
 * floor alike); wall time is taken around the spawn. Each sample runs the
 * library and its floor back to back, alternating which goes first, and the
 * ratio is taken per pair.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..');
const COLD = path.join(__dirname, 'cold');
const WORK = path.join(ROOT, '.tmp', 'bench-cold');
const REPORT = path.join(COLD, 'report-cpu.js');

/** CPU and wall milliseconds of one child, and its peak RSS. */
export interface ColdRun {
  cpu: number;
  wall: number;
  peakRssMb: number;
}

/** Runs `node -r report-cpu.js ...args` in a fresh process; throws with its stderr when it fails. */
export function coldRun(args: readonly string[], what: string): ColdRun {
  fs.mkdirSync(WORK, { recursive: true });
  const out = path.join(WORK, `cpu-${process.pid}.json`);
  fs.rmSync(out, { force: true });
  const t0 = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-r', REPORT, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, BENCH_COLD_OUT: out, NODE_NO_WARNINGS: '1', FORCE_COLOR: '0' },
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e6;
  if (child.status !== 0 || !fs.existsSync(out)) {
    throw new Error(`${what} failed (status ${child.status}, signal ${child.signal}):\n${(child.stdout ?? '').slice(-2000)}\n${(child.stderr ?? '').slice(-4000)}`);
  }
  const r = JSON.parse(fs.readFileSync(out, 'utf8'));
  return { cpu: r.cpu, wall, peakRssMb: r.peakRssMb };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** `pairs` library / floor pairs (alternating order); medians of each side and of the per-pair ratios. */
function pairs(n: number, lib: () => ColdRun, floor: () => ColdRun): object {
  const libs: ColdRun[] = [];
  const floors: ColdRun[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 2 === 0) {
      libs.push(lib());
      floors.push(floor());
    } else {
      floors.push(floor());
      libs.push(lib());
    }
  }
  const med = (rs: ColdRun[]) => ({ cpu: median(rs.map((r) => r.cpu)), wall: median(rs.map((r) => r.wall)), peakRssMb: median(rs.map((r) => r.peakRssMb)) });
  return {
    lib: med(libs),
    floor: med(floors),
    ratio: { cpu: median(libs.map((r, i) => r.cpu / floors[i].cpu)), wall: median(libs.map((r, i) => r.wall / floors[i].wall)) },
  };
}

/** Routes of the cold-path chart (with a GatewayClass, a Gateway and 10 Services: 32 objects). */
export const COLD_ROUTES = 20;
/** Routes of the CLI file: 28 routes + GatewayClass + Gateway + 10 Services = 40 objects. */
export const CLI_ROUTES = 28;

/** Writes (not timed) the chart's objects as JSON or YAML under .tmp/bench-cold and returns the file. */
function scenarioFile(format: 'objects' | 'yaml', routes: number): string {
  fs.mkdirSync(WORK, { recursive: true });
  const file = path.join(WORK, `chart-${routes}.${format === 'yaml' ? 'yaml' : 'json'}`);
  coldRun([path.join(COLD, 'cold-path.js'), format, String(routes), file], `writing ${file}`);
  return file;
}

/** The cold path and its floor, `n` pairs. */
export function coldPath(n: number): object {
  const objects = scenarioFile('objects', COLD_ROUTES);
  const outdir = path.join(WORK, 'dist');
  const script = path.join(COLD, 'cold-path.js');
  return {
    routes: COLD_ROUTES,
    objects: JSON.parse(fs.readFileSync(objects, 'utf8')).length,
    ...pairs(n,
      () => coldRun([script, 'package', String(COLD_ROUTES), outdir], 'the cold path (package)'),
      () => coldRun([script, 'floor', objects, outdir], 'the cold path (floor)')),
  };
}

/** `validate` and `route` through bin/ on a 40-object file, each against parsing the file with yaml; `n` pairs each. */
export function cliCold(n: number): object {
  const file = scenarioFile('yaml', CLI_ROUTES);
  const bin = path.join(ROOT, 'bin', 'cdk8s-gateway.js');
  const floor = () => coldRun(['-e', "require('yaml').parseAllDocuments(require('fs').readFileSync(process.argv[1], 'utf8'))", file], 'yaml parseAllDocuments');
  const text = fs.readFileSync(file, 'utf8');
  return {
    objects: text.split(/^---$/m).length,
    validate: pairs(n, () => coldRun([bin, 'validate', file], 'cdk8s-gateway validate'), floor),
    route: pairs(n, () => coldRun([bin, 'route', file, '--url', 'http://app-3.example.com/api/v0', '--header', 'x-tenant: tenant-3'], 'cdk8s-gateway route'), floor),
  };
}

/** Test files of the jest-suite scenario. */
export const JEST_FILES = 10;

/** Writes the two suites (matchers, snapshots) under .tmp/bench-cold/jest; returns their directories. */
function writeSuites(): { matchers: string; snapshots: string } {
  const base = path.join(WORK, 'jest');
  const dirs = { matchers: path.join(base, 'matchers'), snapshots: path.join(base, 'snapshots') };
  fs.rmSync(base, { recursive: true, force: true });
  const chartJs = JSON.stringify(path.join(COLD, 'chart.js'));
  const libJs = JSON.stringify(path.join(ROOT, 'lib', 'src', 'index.js'));
  for (let i = 0; i < JEST_FILES; i++) {
    // Route i of the chart: team-(i % 2), first rule split 90/10 over svc-s and svc-(s+1), the second to svc-(s+2).
    const s = i % 5;
    const team = `team-${i % 2}`;
    const head = [
      "'use strict';",
      "const cdk8s = require('cdk8s');",
      `const gw = require(${libJs});`,
      `const { l2Chart } = require(${chartJs});`,
      '',
    ];
    const matchers = [...head,
      `test('routes of chart ${i}', () => {`,
      `  const chart = l2Chart(cdk8s, gw, cdk8s.Testing.app(), 20);`,
      '  expect(chart).toHaveNoValidationErrors();',
      '  expect(chart).toBeAccepted();',
      `  expect(chart).toSplit({ host: 'app-${i}.example.com', path: '/api/v${i % 3}', headers: { 'x-tenant': 'tenant-${i % 7}' } }, { '${team}/svc-${s}': 0.9, '${team}/svc-${(s + 1) % 5}': 0.1 });`,
      `  expect(chart).toRoute({ host: 'app-${i}.example.com', path: '/healthz', method: 'GET' }, '${team}/svc-${(s + 2) % 5}');`,
      "  expect(chart).toRespond('http://unknown.example.com/', 404);",
      '});',
      ''];
    const snapshots = [...head,
      `test('synth of chart ${i}', () => {`,
      `  const chart = l2Chart(cdk8s, gw, cdk8s.Testing.app(), 20);`,
      '  expect(cdk8s.Testing.synth(chart)).toMatchSnapshot();',
      '});',
      ''];
    for (const [dir, lines] of [[dirs.matchers, matchers], [dirs.snapshots, snapshots]] as const) {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `chart-${i}.test.js`), lines.join('\n'));
    }
  }
  return dirs;
}

function jestArgs(dir: string, ci: boolean): string[] {
  const config = {
    rootDir: dir,
    testEnvironment: 'node',
    transform: {},
    testMatch: ['**/*.test.js'],
    cacheDirectory: path.join(dir, '.jest-cache'),
    setupFilesAfterEnv: [path.join(ROOT, 'lib', 'src', 'jest.js')],
  };
  return [path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'), '--config', JSON.stringify(config), '--runInBand', '--silent', ...(ci ? ['--ci'] : [])];
}

/** The jest suites, `n` pairs (after one untimed run of each that writes the snapshots and jest's cache). */
export function jestSuite(n: number): object {
  const dirs = writeSuites();
  coldRun(jestArgs(dirs.snapshots, false), 'the snapshot suite (writing its snapshots)');
  coldRun(jestArgs(dirs.matchers, false), 'the matcher suite (warming jest\'s cache)');
  return {
    files: JEST_FILES,
    ...pairs(n, () => coldRun(jestArgs(dirs.matchers, true), 'the matcher suite'), () => coldRun(jestArgs(dirs.snapshots, true), 'the snapshot suite')),
  };
}
