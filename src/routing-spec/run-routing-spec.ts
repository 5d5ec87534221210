/** Runs routing test specs against a data plane and reports each test. */
import type { DataPlane, HttpRequest, HttpResult } from '../testing';
import type { RoutingSpec, RoutingTest } from './routing-spec';
import { toHttpRequest } from '../testing/request-url';
import { compareSplit, describeSplit, fmt, isSplit, splitEntries } from '../testing/weights';

/** The outcome of one routing test. */
export interface RoutingTestResult {
  /** The test's name. */
  readonly name: string;
  /** True when every expectation held. */
  readonly passed: boolean;
  /** One line per expectation that did not hold (or why the request could not be sent). */
  readonly failures: string[];
  /**
   * What happened: outcome, status, backend (the one the fixed seed picks) and redirect location, and `split` (the
   * fractions per backend) when the rule splits the traffic. @default - absent when the request could not be sent
   */
  readonly actual?: {
    readonly outcome: string;
    readonly status?: number;
    readonly backend?: string;
    readonly location?: string;
    readonly split?: { readonly [target: string]: number };
  };
  /** The data plane's explanation of the decision (failed tests only). */
  readonly explain: string[];
}

/** The results of a spec. */
export interface RoutingSpecReport {
  readonly passed: number;
  readonly failed: number;
  readonly tests: RoutingTestResult[];
}

function backendText(b: HttpResult['backend']): string | undefined {
  return b ? `${b.namespace}/${b.name}${b.port !== undefined ? `:${b.port}` : ''}` : undefined;
}

function whatHappened(r: HttpResult): string {
  if (r.outcome === 'forwarded') return `it was forwarded to ${backendText(r.backend)} (status ${r.status})`;
  if (r.outcome === 'redirect') return `it was redirected to ${r.location} (status ${r.status})`;
  if (r.outcome === 'refused') return 'the connection was refused';
  return `it got status ${r.status} (${r.outcome})`;
}

function checkHeaders(kind: string, want: { readonly [name: string]: string | null } | undefined, got: Record<string, string> | undefined, failures: string[]): void {
  for (const [name, value] of Object.entries(want ?? {})) {
    const actual = got?.[name.toLowerCase()];
    if (value === null) {
      if (actual !== undefined) failures.push(`${kind} '${name}' should be absent, got '${actual}'`);
    } else if (actual !== value) {
      failures.push(`${kind} '${name}' should be '${value}', got ${actual === undefined ? 'none' : `'${actual}'`}`);
    }
  }
}

/** Runs one test. */
export function runRoutingTest(plane: DataPlane, test: RoutingTest): RoutingTestResult {
  let r: HttpResult;
  let request: HttpRequest;
  try {
    // A fixed seed: a test of a weighted rule gets the same backend on every run.
    request = toHttpRequest({ ...test.request, seed: 1 });
    r = plane.http(request);
  } catch (err) {
    return { name: test.name, passed: false, failures: [`the request could not be sent: ${String((err as Error | undefined)?.message ?? err)}`], explain: [] };
  }
  const failures: string[] = [];
  const e = test.expect;
  const byPort = plane.distributionByPort({ ...request, protocol: 'http' }).byPort;
  const split = isSplit(byPort);
  if (e.backend !== undefined) {
    const m = /^([^/]+)\/([^:]+)(?::(\d+))?$/.exec(e.backend)!;
    const b = r.backend;
    // Every request, not the one the fixed seed picks: the share of the backend (of that port, when one is given) is 1.
    const share = Object.entries(byPort)
      .filter(([k]) => (m[3] === undefined ? k === `${m[1]}/${m[2]}` || k.startsWith(`${m[1]}/${m[2]}:`) : k === e.backend))
      .reduce((sum, [, v]) => sum + v, 0);
    const ok = r.outcome === 'forwarded' && Math.abs(share - 1) < 1e-9 && b !== undefined && b.namespace === m[1] && b.name === m[2] && (m[3] === undefined || b.port === Number(m[3]));
    if (!ok) failures.push(split ? `should reach ${e.backend}, but the rule splits the traffic: ${describeSplit(byPort)} (expect a split with split:)` : `should reach ${e.backend}, but ${whatHappened(r)}`);
  }
  if (e.split !== undefined) {
    const c = compareSplit(byPort, e.split);
    const want = Object.keys(e.split).sort().map((k) => `${k}: ${fmt(e.split![k])}`).join(', ');
    if (!c.pass) failures.push(`should split { ${want} }, but the traffic goes: ${describeSplit(byPort)}; ${c.problems.join('; ')}`);
  }
  if (e.status !== undefined && r.status !== e.status) failures.push(`status should be ${e.status}, but ${whatHappened(r)}`);
  if (e.redirect !== undefined && (r.outcome !== 'redirect' || r.location !== e.redirect)) failures.push(`should redirect to ${e.redirect}, but ${whatHappened(r)}`);
  if (e.headers) {
    if (r.outcome !== 'forwarded') failures.push(`headers at the backend cannot be checked: ${whatHappened(r)}`);
    else checkHeaders('backend request header', e.headers, r.request?.headers, failures);
  }
  checkHeaders('response header', e.responseHeaders, r.responseHeaders, failures);
  return {
    name: test.name,
    passed: failures.length === 0,
    failures,
    actual: {
      outcome: r.outcome,
      ...(r.status !== undefined ? { status: r.status } : {}),
      ...(r.backend ? { backend: backendText(r.backend) } : {}),
      ...(r.location ? { location: r.location } : {}),
      ...(split ? { split: Object.fromEntries(splitEntries(byPort).map((x) => [x.target, x.share])) } : {}),
    },
    explain: failures.length > 0 ? plane.explain(request).split('\n') : [],
  };
}

/** Runs every test of a spec, in order. */
export function runRoutingSpec(plane: DataPlane, spec: RoutingSpec): RoutingSpecReport {
  const tests = spec.tests.map((t) => runRoutingTest(plane, t));
  const passed = tests.filter((t) => t.passed).length;
  return { passed, failed: tests.length - passed, tests };
}
