/** Runs routing test specs against a data plane and reports each test. */
import type { DataPlane, DistributionRequest, GrpcResult, HttpResult, StreamResult } from '../testing';
import { grpcCode, type RoutingSpec, type RoutingTest } from './routing-spec';
import { parseUrlRequest, type ParsedRequest } from '../testing/request-url';
import { compareSplit, describeSplit, fmt, grpcStatusText, isSplit, splitEntries } from '../testing/weights';

/** The outcome of one routing test. */
export interface RoutingTestResult {
  /** The test's name. */
  readonly name: string;
  /** True when every expectation held. */
  readonly passed: boolean;
  /** One line per expectation that did not hold (or why the request could not be sent). */
  readonly failures: string[];
  /**
   * What happened: outcome, status (HTTP status, or the gRPC status code for grpc and grpcs), backend (the one the
   * fixed seed picks) and redirect location, and `split` (the fractions per backend) when the rule splits the
   * traffic. @default - absent when the request could not be sent
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

/** One decision of any protocol, in the terms the expectations check. */
interface Decision {
  /** The engine that decided. */
  readonly protocol: ParsedRequest['protocol'];
  /** What happened (`forwarded`, `refused`, `no-route`, ...). */
  readonly outcome: string;
  /** HTTP status, or gRPC code. @default - absent when refused, and for tls, tcp and udp */
  readonly status?: number;
  /** The backend the seeded pick reached. @default - absent when no backend was chosen */
  readonly backend?: HttpResult['backend'];
  /** Location of a redirect. @default - absent unless redirected */
  readonly location?: string;
  /** Headers (metadata) the backend receives. @default - absent when nothing reached a backend, and for tls, tcp and udp */
  readonly backendHeaders?: Record<string, string>;
  /** Headers (metadata) the client gets. @default - absent for tls, tcp and udp */
  readonly responseHeaders?: Record<string, string>;
  /** The explain trace, computed only for a failed test. */
  readonly explain: () => string[];
}

function backendText(b: HttpResult['backend']): string | undefined {
  return b ? `${b.namespace}/${b.name}${b.port !== undefined ? `:${b.port}` : ''}` : undefined;
}

function whatHappened(r: Decision): string {
  const status = r.status === undefined ? '' : r.protocol === 'grpc' ? grpcStatusText(r.status) : `status ${r.status}`;
  if (r.outcome === 'forwarded') return `it was forwarded to ${backendText(r.backend)}${status ? ` (${status})` : ''}`;
  if (r.outcome === 'redirect') return `it was redirected to ${r.location} (${status})`;
  if (r.outcome === 'refused') return 'the connection was refused';
  return `it got ${status} (${r.outcome})`;
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

/** Sends the request of a test with the engine of its protocol (seed 1: a weighted rule gives the same pick on every run). */
function send(plane: DataPlane, parsed: ParsedRequest): Decision {
  switch (parsed.protocol) {
    case 'http': {
      const request = { ...parsed.request, seed: 1 };
      const r = plane.http(request);
      return {
        protocol: 'http',
        outcome: r.outcome,
        status: r.status,
        backend: r.backend,
        location: r.location,
        backendHeaders: r.request?.headers,
        responseHeaders: r.responseHeaders,
        explain: () => plane.explain(request).split('\n'),
      };
    }
    case 'grpc': {
      const request = { ...parsed.request, seed: 1 };
      const r: GrpcResult = plane.grpc(request);
      return {
        protocol: 'grpc',
        outcome: r.outcome,
        status: r.code,
        backend: r.backend,
        backendHeaders: r.request?.headers,
        responseHeaders: r.responseHeaders,
        explain: () => plane.explain(request).split('\n'),
      };
    }
    default: {
      const r: StreamResult = parsed.protocol === 'tls'
        ? plane.tls({ ...parsed.request, seed: 1 })
        : parsed.protocol === 'tcp' ? plane.tcp({ ...parsed.request, seed: 1 }) : plane.udp({ ...parsed.request, seed: 1 });
      return { protocol: parsed.protocol, outcome: r.outcome, backend: r.backend, explain: () => r.explanation };
    }
  }
}

/** Runs one test. */
export function runRoutingTest(plane: DataPlane, test: RoutingTest): RoutingTestResult {
  let r: Decision;
  let parsed: ParsedRequest;
  try {
    parsed = parseUrlRequest({ ...test.request, seed: 1 });
    r = send(plane, parsed);
  } catch (err) {
    return { name: test.name, passed: false, failures: [`the request could not be sent: ${String((err as Error | undefined)?.message ?? err)}`], explain: [] };
  }
  const failures: string[] = [];
  const e = test.expect;
  const byPort = plane.distributionByPort({ ...parsed.request, protocol: parsed.protocol } as DistributionRequest).byPort;
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
  if (e.status !== undefined) {
    if (r.protocol === 'grpc') {
      const want = grpcCode(e.status);
      if (r.status !== want) failures.push(`status should be ${want === undefined ? String(e.status) : grpcStatusText(want)}, but ${whatHappened(r)}`);
    } else if (r.status !== e.status) {
      failures.push(`status should be ${e.status}, but ${whatHappened(r)}`);
    }
  }
  if (e.redirect !== undefined && (r.outcome !== 'redirect' || r.location !== e.redirect)) failures.push(`should redirect to ${e.redirect}, but ${whatHappened(r)}`);
  const what = r.protocol === 'grpc' ? 'metadata' : 'header';
  if (e.headers) {
    if (r.outcome !== 'forwarded') failures.push(`${what === 'header' ? 'headers' : 'metadata'} at the backend cannot be checked: ${whatHappened(r)}`);
    else checkHeaders(`backend request ${what}`, e.headers, r.backendHeaders, failures);
  }
  checkHeaders(`response ${what}`, e.responseHeaders, r.responseHeaders, failures);
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
    explain: failures.length > 0 ? r.explain() : [],
  };
}

/** Runs every test of a spec, in order. */
export function runRoutingSpec(plane: DataPlane, spec: RoutingSpec): RoutingSpecReport {
  const tests = spec.tests.map((t) => runRoutingTest(plane, t));
  const passed = tests.filter((t) => t.passed).length;
  return { passed, failed: tests.length - passed, tests };
}
