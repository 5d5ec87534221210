import type { App, Chart } from 'cdk8s';
import type { Condition } from '../../generated';
import { apiGroupOf, isGatewayParent, isRouteKind, normalizeParentRef, parentRefTargets, sameParentRef } from '../model';
import { validateApp } from '../synth-validation';
import { DataPlane, DataPlaneOptions, DistributionRequest, LoadedObject, STATUS_KINDS, StatusKind } from './data-plane';
import { ParsedRequest, UrlRequest, describeRequest, toParsedRequest } from './request-url';
import { GrpcResult, HttpRequest, HttpResult, StreamResult } from './requests';
import { RoutingDiffOptions, formatRoutingDiff, routingDiff } from './routing-diff';
import { AnyBackendRef, AnyRouteRule, AnyRouteSpec } from './stored-kinds';
import { compareSplit, describeSplit, fmt, grpcStatusText, isSplit, splitEntries } from './weights';
import { detectFeatures, type UsedFeature } from '../model/feature-detection';
import { notClaimedPhrase } from '../model/implementation-claims';
import { formatDiagnostic } from '../validation/diagnostic';
import { resolveImplementation, type ImplementationOption } from '../validation/feature-claims';

/** A request as the matchers take it: a URL string, a {@link UrlRequest}, or a request object of any protocol. */
export type MatcherRequest = string | UrlRequest | HttpRequest | DistributionRequest;

/** A backend as the matchers take it: `'namespace/name'`, `'namespace/name:port'` or an object. */
export type BackendExpectation = string | { readonly namespace: string; readonly name: string; readonly port?: number };

/** What the matchers test: a {@link DataPlane}, or a cdk8s Chart or App (loaded with `assumeMissing: true`). */
export type RoutingSubject = DataPlane | Chart | App;

/**
 * The routing matchers, registered on jest's `expect` by
 * `setupFilesAfterEnv: ['cdk8s-gateway-api/jest']`. Every one works with `.not`.
 */
export interface RoutingMatchers<R> {
  /**
   * The request reaches `backend` (`'ns/name'`, `'ns/name:port'` or `{ namespace, name, port? }`): every such request, not a
   * weighted share; a rule that splits the traffic fails, its message giving the shares (test it with `toSplit`). Without a
   * port, every port of the Service counts as that backend.
   */
  toRoute(request: MatcherRequest, backend: BackendExpectation): R;
  /** The request is redirected to `location` (with `status` when given). */
  toRedirect(request: MatcherRequest, location: string, status?: number): R;
  /** The client gets `status` (HTTP status; gRPC status code for gRPC requests). */
  toRespond(request: MatcherRequest, status: number): R;
  /**
   * Identical requests are split over backends exactly so: `{ 'ns/a': 0.9, 'ns/b': 0.1 }` (fractions of 1). A key is
   * `'ns/name'` (every port of the Service), `'ns/name:port'` (that port) or an outcome as {@link DataPlane.distribution}
   * gives it (`'(500)'`); every backend that takes traffic must be listed, and a listed one that takes none fails.
   */
  toSplit(request: MatcherRequest, split: { readonly [target: string]: number }): R;
  /**
   * The object `kind` `'ns/name'` (`'name'` for a GatewayClass) has condition `type` with `status` (default `'True'`) and
   * `reason` when given; for routes, on any parent. An unknown kind, or an object that is not loaded, is an error (also
   * with `.not`) naming the nearest kind or `namespace/name` loaded.
   */
  toHaveCondition(kind: StatusKind, name: string, type: string, status?: string, reason?: string): R;
  /** Every route of the subject is Accepted by every parent it names. */
  toBeAccepted(): R;
  /** A Chart or App synthesizes without validation errors (CRD schema, CEL rules, cross-object checks). */
  toHaveNoValidationErrors(): R;
  /**
   * The subject routes like `reference` (a DataPlane, Chart or App): every witness request of
   * `testing.routingDiff(reference, subject, options)` gets the same decision (outcome, status, backend, split, redirect,
   * what the backend receives, mirrors) and no Gateway, listener or route status changed. The failure lists each change,
   * grouped by Gateway, host and cause. Pin today's routing with it, then review each intended change with `.not` or
   * `routingDiff`. It samples decisions (see docs/routing-diff.md): it is not a proof.
   */
  toRouteLike(reference: RoutingSubject, options?: RoutingDiffOptions): R;
  /**
   * Every Gateway API feature the objects use is claimed by `implementation`: a conformance report's project
   * (`'envoy-gateway'`, `'kong-operator/expressions'`; docs/compatibility.md) or `{ supportedFeatures: [...] }`. A failure
   * names each feature not claimed and the objects and fields that use it.
   */
  toBeSupportedBy(implementation: ImplementationOption): R;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    interface Matchers<R, T = {}> extends RoutingMatchers<R> {}
  }
}

/** The outcome of one matcher: as jest's `expect.extend` wants it. */
export interface MatcherOutcome {
  /** Whether the expectation holds. */
  readonly pass: boolean;
  /** The message jest prints when the expectation (or its `.not`) fails. */
  readonly message: () => string;
}

/** The fields isChart and isApp look at, read from a value of unknown type. */
type Probe = { readonly toJson?: unknown; readonly node?: unknown; readonly charts?: unknown; readonly synth?: unknown };

function isChart(x: unknown): x is Chart {
  return typeof x === 'object' && x !== null && typeof (x as Probe).toJson === 'function' && (x as Probe).node !== undefined && !Array.isArray((x as Probe).charts);
}

function isApp(x: unknown): x is App {
  return typeof x === 'object' && x !== null && Array.isArray((x as Probe).charts) && typeof (x as Probe).synth === 'function';
}

/**
 * The plane a matcher tests: the subject itself when it is a DataPlane; a
 * Chart or App is loaded with `assumeMissing: true` and without synth
 * validation (`validate: false`), so that misconfigurations can be tested
 * through their statuses; `toHaveNoValidationErrors` checks validation.
 *
 * @throws Error naming what was received when it is none of these
 */
export function planeOf(subject: unknown, options: DataPlaneOptions = { assumeMissing: true, validate: false }): DataPlane {
  if (subject instanceof DataPlane) return subject;
  if (isApp(subject)) return DataPlane.fromApp(subject, options);
  if (isChart(subject)) return DataPlane.fromChart(subject, options);
  const what = subject === null ? 'null' : typeof subject === 'object' ? (subject as object).constructor?.name ?? 'an object' : typeof subject;
  throw new Error(`expect(subject): the subject of a routing matcher is a testing.DataPlane, a cdk8s Chart or a cdk8s App; got ${what}`);
}

type AnyResult = HttpResult | GrpcResult | StreamResult;

/**
 * Evaluates a request without advancing the plane's own sequence of weighted
 * picks (a fixed seed unless the request has one), so that matchers do not
 * change what later `plane.http()` calls pick.
 */
function evaluate(plane: DataPlane, p: ParsedRequest): AnyResult {
  const parsed = { protocol: p.protocol, request: { seed: 1, ...p.request } } as ParsedRequest;
  switch (parsed.protocol) {
    case 'http': return plane.http(parsed.request);
    case 'grpc': return plane.grpc(parsed.request);
    case 'tls': return plane.tls(parsed.request);
    case 'tcp': return plane.tcp(parsed.request);
    default: return plane.udp(parsed.request);
  }
}

function trace(plane: DataPlane, parsed: ParsedRequest, result: AnyResult): string[] {
  if (parsed.protocol === 'http' || parsed.protocol === 'grpc') return plane.explain({ seed: 1, ...parsed.request }).split('\n');
  return result.explanation;
}

/** What a request got, in words: `forwarded to apps/web:80 (200)`, `redirect 301 to https://…`, `404 (no route matched)`, `refused`; gRPC codes by name, `UNIMPLEMENTED (12)`. */
export function describeOutcome(r: AnyResult): string {
  const code = (r as GrpcResult).code;
  const status = code !== undefined ? grpcStatusText(code) : (r as HttpResult).status;
  const backend = r.backend ? `${r.backend.namespace}/${r.backend.name}${r.backend.port !== undefined ? `:${r.backend.port}` : ''}` : undefined;
  const route = r.route ? ` by ${r.route.kind} ${r.route.namespace}/${r.route.name} rule ${r.route.rule}` : '';
  switch (r.outcome) {
    case 'forwarded': return `forwarded to ${backend}${code !== undefined ? `, ${status}` : status !== undefined ? ` (${status})` : ''}${route}`;
    case 'redirect': return `redirect ${status} to ${(r as HttpResult).location}${route}`;
    case 'refused': return `refused${route}`;
    case 'no-route': return code !== undefined ? `${status}, no route matched` : `${status} (no route matched)`;
    default: return `answered ${status}${backend ? ` with ${backend}` : ''}${route}`;
  }
}

interface Candidate {
  readonly line: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly rule: number;
}

function candidates(lines: readonly string[]): Candidate[] {
  const out: Candidate[] = [];
  for (const line of lines) {
    const m = /^\s+(?:no match|lost): (\w+) ([^/\s]+)\/(\S+) rule (\d+)/.exec(line);
    if (m) out.push({ line: line.trim(), kind: m[1], namespace: m[2], name: m[3], rule: Number(m[4]) });
  }
  return out;
}

/**
 * The losing candidate closest to what was expected: the first (in
 * precedence order) whose rule satisfies `wanted`, else the first that
 * matched but lost on precedence, else the first that did not match.
 */
function closestCandidate(plane: DataPlane, lines: readonly string[], wanted?: (rule: AnyRouteRule, route: LoadedObject) => boolean): string | undefined {
  const all = candidates(lines);
  if (all.length === 0) return undefined;
  if (wanted) {
    // The trace names a route without metadata.namespace by its namespace, default.
    const objects = new Map(plane.objects().map((o) => [`${o.kind}/${o.metadata?.namespace ?? 'default'}/${o.metadata?.name}`, o]));
    const hit = all.find((c) => {
      const route = objects.get(`${c.kind}/${c.namespace}/${c.name}`);
      // The candidates are routes (the explanation names only routes).
      const rule = (route?.spec as AnyRouteSpec | undefined)?.rules?.[c.rule];
      return rule !== undefined && wanted(rule, route!);
    });
    if (hit) return hit.line;
  }
  return (all.find((c) => c.line.startsWith('lost:')) ?? all[0]).line;
}

function parseBackend(b: BackendExpectation): { namespace: string; name: string; port?: number } {
  if (typeof b !== 'string') return b;
  const m = /^([^/:\s]+)\/([^/:\s]+)(?::(\d+))?$/.exec(b);
  if (!m) throw new Error(`backend '${b}' is not 'namespace/name' or 'namespace/name:port'`);
  return { namespace: m[1], name: m[2], ...(m[3] !== undefined ? { port: Number(m[3]) } : {}) };
}

function formatBackend(b: { namespace: string; name: string; port?: number }): string {
  return `${b.namespace}/${b.name}${b.port !== undefined ? `:${b.port}` : ''}`;
}

function refersTo(route: LoadedObject, ref: AnyBackendRef | undefined, b: { namespace: string; name: string; port?: number }): boolean {
  return ref?.name === b.name && (ref.namespace ?? route.metadata?.namespace ?? 'default') === b.namespace && (b.port === undefined || ref.port === b.port);
}

function report(lines: { header: string; got?: string; traceLines?: readonly string[]; closest?: string; extra?: string[] }): string {
  const out = [lines.header];
  if (lines.got !== undefined) out.push(`Instead: ${lines.got}`);
  if (lines.closest) out.push(`Closest losing candidate: ${lines.closest}`);
  for (const e of lines.extra ?? []) out.push(e);
  if (lines.traceLines && lines.traceLines.length) out.push('Explain:', ...lines.traceLines.map((l) => `  ${l}`));
  return out.join('\n');
}

/** `expect(subject).toRoute(request, backend)`. */
export function toRoute(subject: unknown, request: MatcherRequest, backend: BackendExpectation): MatcherOutcome {
  return withGatewayHint(subject, (plane) => toRouteOn(plane, request, backend));
}

function toRouteOn(plane: DataPlane, request: MatcherRequest, backend: BackendExpectation): MatcherOutcome {
  const want = parseBackend(backend);
  const parsed = toParsedRequest(request);
  const name = describeRequest(request);
  const result = evaluate(plane, parsed);
  const dist = plane.distributionByPort({ seed: 1, ...parsed.request, protocol: parsed.protocol } as DistributionRequest);
  const key = `${want.namespace}/${want.name}`;
  // Without a port every port of the Service counts; with one, only that port (another port of the same Service is another backend).
  const share = want.port === undefined ? dist.backends[key] ?? 0 : dist.byPort[`${key}:${want.port}`] ?? 0;
  const portOk = want.port === undefined || result.backend?.port === want.port;
  const pass = result.outcome === 'forwarded' && Math.abs(share - 1) < 1e-9 && portOk && result.backend?.namespace === want.namespace && result.backend?.name === want.name;
  const lines = trace(plane, parsed, result);
  return {
    pass,
    message: () => {
      if (pass) return report({ header: `Expected ${name} not to route to ${formatBackend(want)}, but it does: ${describeOutcome(result)}`, traceLines: lines });
      if (isSplit(dist.byPort)) {
        // A weighted split is never reported as the one backend the fixed seed happened to pick.
        return report({
          header: `Expected ${name} to route to ${formatBackend(want)}, but the traffic is split: ${describeSplit(dist.byPort, parsed.protocol === 'grpc')}`,
          closest: share > 0 ? undefined : closestCandidate(plane, lines, (rule, route) => (rule.backendRefs ?? []).some((r) => refersTo(route, r, want))),
          extra: ['Every request must reach the backend for toRoute; test a weighted split with toSplit.'],
          traceLines: lines,
        });
      }
      return report({
        header: `Expected ${name} to route to ${formatBackend(want)}`,
        got: describeOutcome(result),
        closest: closestCandidate(plane, lines, (rule, route) => (rule.backendRefs ?? []).some((r) => refersTo(route, r, want))),
        traceLines: lines,
      });
    },
  };
}

/** `expect(subject).toRedirect(request, location, status?)`. */
export function toRedirect(subject: unknown, request: MatcherRequest, location: string, status?: number): MatcherOutcome {
  return withGatewayHint(subject, (plane) => toRedirectOn(plane, request, location, status));
}

function toRedirectOn(plane: DataPlane, request: MatcherRequest, location: string, status?: number): MatcherOutcome {
  const parsed = toParsedRequest(request);
  const name = describeRequest(request);
  const result = evaluate(plane, parsed) as HttpResult;
  const pass = result.outcome === 'redirect' && result.location === location && (status === undefined || result.status === status);
  const lines = trace(plane, parsed, result);
  const what = `${status !== undefined ? `${status} ` : ''}to ${location}`;
  return {
    pass,
    message: () => pass
      ? report({ header: `Expected ${name} not to redirect ${what}, but it does: ${describeOutcome(result)}`, traceLines: lines })
      : report({
        header: `Expected ${name} to redirect ${what}`,
        got: describeOutcome(result),
        closest: result.outcome === 'redirect' ? undefined : closestCandidate(plane, lines, (rule) => (rule.filters ?? []).some((f) => f.type === 'RequestRedirect')),
        traceLines: lines,
      }),
  };
}

/** `expect(subject).toRespond(request, status)`. */
export function toRespond(subject: unknown, request: MatcherRequest, status: number): MatcherOutcome {
  return withGatewayHint(subject, (plane) => toRespondOn(plane, request, status));
}

function toRespondOn(plane: DataPlane, request: MatcherRequest, status: number): MatcherOutcome {
  const parsed = toParsedRequest(request);
  const name = describeRequest(request);
  const result = evaluate(plane, parsed);
  const got = (result as HttpResult).status ?? (result as GrpcResult).code;
  const pass = got === status;
  const lines = trace(plane, parsed, result);
  const wanted = parsed.protocol === 'grpc' ? grpcStatusText(status) : String(status);
  return {
    pass,
    message: () => pass
      ? report({ header: `Expected ${name} not to get ${wanted}, but it does: ${describeOutcome(result)}`, traceLines: lines })
      : report({ header: `Expected ${name} to get ${wanted}`, got: describeOutcome(result), closest: closestCandidate(plane, lines), traceLines: lines }),
  };
}

/** `expect(subject).toSplit(request, { 'ns/a': 0.9, 'ns/b': 0.1 })`. */
export function toSplit(subject: unknown, request: MatcherRequest, split: { readonly [target: string]: number }): MatcherOutcome {
  return withGatewayHint(subject, (plane) => toSplitOn(plane, request, split));
}

function toSplitOn(plane: DataPlane, request: MatcherRequest, split: { readonly [target: string]: number }): MatcherOutcome {
  const parsed = toParsedRequest(request);
  const name = describeRequest(request);
  const dist = plane.distributionByPort({ seed: 1, ...parsed.request, protocol: parsed.protocol } as DistributionRequest);
  const { pass, problems } = compareSplit(dist.byPort, split);
  const show = (d: { readonly [k: string]: number }) => `{ ${Object.keys(d).sort().map((k) => `'${k}': ${fmt(d[k])}`).join(', ')} }`;
  const actual = Object.fromEntries(splitEntries(dist.byPort).map((e) => [e.target, e.share]));
  return {
    pass,
    message: () => {
      const result = evaluate(plane, parsed);
      const lines = trace(plane, parsed, result);
      const words = describeSplit(dist.byPort, parsed.protocol === 'grpc');
      if (pass) return report({ header: `Expected ${name} not to split ${show(split)}, but it does: ${words}`, traceLines: lines });
      return report({ header: `Expected ${name} to split ${show(split)}`, got: `${show(actual)} (${words})`, extra: problems.map((d) => `  ${d}`), traceLines: lines });
    },
  };
}

const CLUSTER_SCOPED = new Set(['GatewayClass']);


/** Levenshtein distance, case-insensitive (a kind or name typed in the wrong case is one step from right). */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) row.push(Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[y.length];
}

/**
 * The option nearest to `wanted` (ties: the first in sorted order), when it
 * is close enough to be a likely typo: at most 2 edits, or a third of the name
 * (the part after the last `/`) when that is longer, and fewer edits than the
 * name has letters. Case-only differences count as 0 edits.
 */
export function nearest(wanted: string, options: readonly string[]): string | undefined {
  let best: { c: string; d: number } | undefined;
  for (const c of [...new Set(options)].sort()) {
    const d = editDistance(wanted, c);
    if (c !== wanted && (!best || d < best.d)) best = { c, d };
  }
  const name = wanted.slice(wanted.lastIndexOf('/') + 1);
  return best && best.d <= Math.max(2, Math.floor(name.length / 3)) && best.d < name.length ? best.c : undefined;
}

function checkKind(kind: string): void {
  if ((STATUS_KINDS as readonly string[]).includes(kind)) return;
  const near = nearest(kind, STATUS_KINDS);
  throw new Error(`toHaveCondition: kind '${kind}' is not one the plane writes a status on${near ? `; did you mean '${near}'?` : ''} (kinds: ${STATUS_KINDS.join(', ')})`);
}

/**
 * Runs a matcher on the plane of `subject`; when the routes name a parent
 * Gateway (or ListenerSet) that is not loaded, a failure (or an error, such as
 * no Gateway on the port) ends with a line saying so and, for a Chart, to
 * pass the App that holds the other chart.
 */
function withGatewayHint(subject: unknown, run: (plane: DataPlane) => MatcherOutcome): MatcherOutcome {
  const plane = planeOf(subject);
  let out: MatcherOutcome;
  try {
    out = run(plane);
  } catch (err) {
    const hint = err instanceof Error ? missingParentHint(subject, plane) : undefined;
    if (hint) (err as Error).message = `${(err as Error).message}\n${hint}`;
    throw err;
  }
  if (out.pass) return out;
  return { pass: false, message: () => { const hint = missingParentHint(subject, plane); return hint ? `${out.message()}\n${hint}` : out.message(); } };
}

/** The parents the loaded routes name that are not loaded, and what to do about it; undefined when every parent is loaded. */
function missingParentHint(subject: unknown, plane: DataPlane): string | undefined {
  const objects = plane.objects();
  const loaded = new Set(objects.map((o) => `${o.kind}/${o.metadata?.namespace ?? 'default'}/${o.metadata?.name}`));
  const missing = new Set<string>();
  for (const r of objects) {
    if (!isRouteKind(r.kind)) continue;
    for (const ref of (r.spec as AnyRouteSpec | undefined)?.parentRefs ?? []) {
      const parentRef = normalizeParentRef(ref, r.metadata?.namespace ?? 'default');
      if (!isGatewayParent(parentRef)) continue;
      const { kind, namespace: ns } = parentRef;
      if (!loaded.has(`${kind}/${ns}/${ref.name}`)) missing.add(`${kind} ${ns}/${ref.name} (named by ${r.kind} ${r.metadata?.namespace ?? 'default'}/${r.metadata?.name})`);
    }
  }
  if (missing.size === 0) return undefined;
  const list = [...missing].sort().join(', ');
  return isChart(subject)
    ? `Note: the routes' ${list} is not in this chart; when another chart of the App defines it, pass the App (expect(app)) so the plane loads every chart`
    : `Note: the routes' ${list} is not among the loaded objects; load the manifests or App that define it (DataPlane.fromApp)`;
}

/** `expect(subject).toHaveCondition(kind, 'ns/name', type, status?, reason?)`. */
export function toHaveCondition(subject: unknown, kind: StatusKind, name: string, type: string, status: string = 'True', reason?: string): MatcherOutcome {
  return withGatewayHint(subject, (plane) => toHaveConditionOn(plane, kind, name, type, status, reason));
}

function toHaveConditionOn(plane: DataPlane, kind: StatusKind, name: string, type: string, status: string, reason?: string): MatcherOutcome {
  checkKind(kind);
  let namespace: string | undefined;
  let objectName = name;
  if (!CLUSTER_SCOPED.has(kind)) {
    const i = name.indexOf('/');
    namespace = i < 0 ? 'default' : name.slice(0, i);
    objectName = i < 0 ? name : name.slice(i + 1);
  }
  const st = plane.status(kind, namespace, objectName);
  // An object that is not loaded is an error, with or without .not: a typo must not pass as "has no such condition".
  if (!st) checkLoaded(plane, kind, namespace, objectName, name);
  const groups: { where: string; conditions: readonly Condition[] }[] = [];
  if (st?.conditions) groups.push({ where: '', conditions: st.conditions });
  for (const p of st?.parents ?? []) groups.push({ where: ` (parent ${p.parentRef.namespace ?? namespace}/${p.parentRef.name}${p.parentRef.sectionName ? ` section ${p.parentRef.sectionName}` : ''})`, conditions: p.conditions ?? [] });
  for (const a of st?.ancestors ?? []) groups.push({ where: ` (ancestor ${a.ancestorRef.namespace ?? namespace}/${a.ancestorRef.name})`, conditions: a.conditions ?? [] });
  const matches = (c: Condition) => c.type === type && c.status === status && (reason === undefined || c.reason === reason);
  const pass = groups.some((g) => g.conditions.some(matches));
  const want = `${type}=${status}${reason !== undefined ? ` (${reason})` : ''}`;
  const label = `${kind} ${name}`;
  const have = groups.flatMap((g) => g.conditions.map((c) => `${c.type}=${c.status} (${c.reason}: ${c.message})${g.where}`));
  return {
    pass,
    message: () => {
      if (pass) return report({ header: `Expected ${label} not to have condition ${want}, but it has`, extra: have.map((h) => `  ${h}`) });
      if (!st) return `Expected ${label} to have condition ${want}\nInstead: it is loaded but the plane writes no status on it (a Gateway of a class the plane does not handle, or a route whose parents are not reconciled)`;
      return report({ header: `Expected ${label} to have condition ${want}`, got: have.length ? 'its conditions are:' : 'it has no conditions', extra: have.map((h) => `  ${h}`) });
    },
  };
}

/**
 * Throws when no object `kind` `namespace/name` is loaded, naming the nearest
 * loaded `namespace/name` of that kind, or the kind under which that name is
 * loaded, and what is loaded.
 */
function checkLoaded(plane: DataPlane, kind: StatusKind, namespace: string | undefined, name: string, given: string): void {
  const objects = plane.objects();
  const key = (o: LoadedObject) => (CLUSTER_SCOPED.has(o.kind) ? o.metadata?.name : `${o.metadata?.namespace ?? 'default'}/${o.metadata?.name}`);
  const wanted = CLUSTER_SCOPED.has(kind) ? name : `${namespace}/${name}`;
  if (objects.some((o) => o.kind === kind && key(o) === wanted)) return;
  const same = objects.filter((o) => o.kind === kind).map(key).filter((k): k is string => k !== undefined).sort();
  const otherKind = objects.find((o) => o.kind !== kind && (STATUS_KINDS as readonly string[]).includes(o.kind) && key(o) === wanted);
  const near = nearest(wanted, same);
  const hint = otherKind ? `; a ${otherKind.kind} ${wanted} is loaded: did you mean kind '${otherKind.kind}'?` : near ? `; did you mean '${near}'?` : '';
  throw new Error(`toHaveCondition: there is no ${kind} '${given}' among the loaded objects${hint} (${kind.endsWith('s') ? `${kind}es` : `${kind}s`} loaded: ${same.length ? same.join(', ') : 'none'}); if it is in another chart, pass the App (expect(app) or DataPlane.fromApp)`);
}

/** `expect(subject).toBeAccepted()`: every route is Accepted by every parent it names. */
export function toBeAccepted(subject: unknown): MatcherOutcome {
  const plane = planeOf(subject);
  const objects = plane.objects();
  const routes = objects.filter((o) => isRouteKind(o.kind));
  const problems: string[] = [];
  const accepted: string[] = [];
  for (const r of routes) {
    const label = `${r.kind} ${r.metadata.namespace ?? 'default'}/${r.metadata.name}`;
    const parents = r.status?.parents ?? [];
    const refs = (r.spec as AnyRouteSpec | undefined)?.parentRefs ?? [];
    const routeNs = r.metadata.namespace ?? 'default';
    for (const ref of refs) {
      // The status entry of this parentRef: the same six fields, defaults filled in on both sides.
      const want = normalizeParentRef(ref, routeNs);
      const st = parents.find((p) => sameParentRef(normalizeParentRef(p.parentRef, routeNs), want));
      const parent = `${want.kind} ${want.namespace}/${want.name}${want.sectionName ? ` section ${want.sectionName}` : ''}`;
      if (!st) {
        const there = objects.some((o) => parentRefTargets(want, { group: apiGroupOf(o.apiVersion), kind: o.kind, namespace: o.metadata?.namespace ?? 'default', name: o.metadata?.name }));
        const why = isGatewayParent(want) ? 'its GatewayClass is not handled by the plane' : 'the plane writes route status for Gateway and ListenerSet parents only';
        problems.push(`${label}: ${parent} ${there ? `writes no status (${why})` : 'is not among the loaded objects; if it is defined in another chart, test the App (expect(app)) or use DataPlane.fromApp'}`);
        continue;
      }
      const c = (st.conditions ?? []).find((x) => x.type === 'Accepted');
      if (c?.status === 'True') accepted.push(`${label} by ${parent}`);
      else problems.push(`${label}: ${parent}: Accepted=${c?.status ?? 'absent'}${c ? ` (${c.reason}: ${c.message})` : ''}`);
    }
    if (refs.length === 0) problems.push(`${label}: names no parentRefs`);
  }
  const pass = routes.length > 0 && problems.length === 0;
  return {
    pass,
    message: () => {
      if (pass) return report({ header: 'Expected some route not to be accepted, but every route is', extra: accepted.map((a) => `  ${a}`) });
      if (routes.length === 0) return 'Expected every route to be accepted\nInstead: there are no routes (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute) among the loaded objects';
      return report({ header: 'Expected every route to be accepted by every parent it names', got: `${problems.length} not accepted:`, extra: problems.map((p) => `  ${p}`) });
    },
  };
}

/** `expect(chartOrApp).toHaveNoValidationErrors()`: runs the synth-time validation (schema, CEL, cross-object) of the whole construct tree. */
export function toHaveNoValidationErrors(subject: unknown): MatcherOutcome {
  if (!isChart(subject) && !isApp(subject)) {
    const what = subject instanceof DataPlane ? 'a DataPlane (it holds no construct tree; validate the Chart or App it was loaded from)' : typeof subject;
    throw new Error(`expect(subject).toHaveNoValidationErrors(): the subject is a cdk8s Chart or App; got ${what}`);
  }
  const errors = validateApp((subject as Chart).node.root as App)
    .filter((d) => d.severity === 'error')
    .map(formatDiagnostic);
  const pass = errors.length === 0;
  return {
    pass,
    message: () => pass
      ? 'Expected validation errors, but the construct tree validates (CRD schema, CEL rules and cross-object checks)'
      : `Expected no validation errors\nInstead: ${errors.length} error${errors.length === 1 ? '' : 's'}:\n${errors.map((e) => `  ${e}`).join('\n')}`,
  };
}

/** `expect(subject).toRouteLike(reference)`: the routing diff from `reference` to the subject is empty. */
export function toRouteLike(subject: unknown, reference: unknown, options: RoutingDiffOptions = {}): MatcherOutcome {
  const d = routingDiff(reference as RoutingSubject, subject as RoutingSubject, options);
  const pass = d.changes.length === 0 && d.statusChanges.length === 0;
  return {
    pass,
    message: () => pass
      ? `Expected routing to differ from the reference, but each of ${d.requests} witness requests gets the same decision and no status changed`
      : report({
        header: `Expected routing like the reference (${d.requests} witness requests compared)`,
        got: `${d.changes.length} request${d.changes.length === 1 ? '' : 's'} change, ${d.statusChanges.length} status change${d.statusChanges.length === 1 ? '' : 's'}:`,
        extra: formatRoutingDiff(d).trimEnd().split('\n').map((l) => `  ${l}`),
      }),
  };
}

/** `expect(subject).toBeSupportedBy(implementation)`: every feature the objects use is claimed by the implementation. */
export function toBeSupportedBy(subject: unknown, implementation: ImplementationOption): MatcherOutcome {
  const claims = resolveImplementation(implementation, 'toBeSupportedBy');
  const who = claims.project === 'custom' ? 'the given supportedFeatures' : `${claims.project}${claims.mode === 'default' ? '' : `/${claims.mode}`} ${claims.version}`;
  const claimed = new Set(claims.claimed);
  const objects = planeOf(subject).objects();
  const used = detectFeatures(objects);
  const missing = used.filter((f) => !claimed.has(f.name));
  const pass = missing.length === 0;
  const where = (f: UsedFeature) => f.usedBy.map((u) => `${u.kind} ${u.namespace}/${u.name}${u.field === 'kind' ? '' : ` ${u.field}`}`).join(', ');
  return {
    pass,
    message: () => pass
      ? report({ header: `Expected some feature the objects use not to be claimed by ${who}, but every one is`, extra: used.map((f) => `  ${f.name}: ${where(f)}`) })
      : report({ header: `Expected every feature the objects use to be claimed by ${who}`, got: `${missing.length} ${notClaimedPhrase(claims)}:`, extra: missing.map((f) => `  ${f.name}: ${where(f)}`) }),
  };
}

/**
 * The matchers as `expect.extend` takes them. `cdk8s-gateway-api/jest`
 * registers them; call `expect.extend(routingMatchers)` yourself to use them
 * without that setup file.
 */
export const routingMatchers = {
  toRoute(this: unknown, received: unknown, request: MatcherRequest, backend: BackendExpectation) { return toRoute(received, request, backend); },
  toRedirect(this: unknown, received: unknown, request: MatcherRequest, location: string, status?: number) { return toRedirect(received, request, location, status); },
  toRespond(this: unknown, received: unknown, request: MatcherRequest, status: number) { return toRespond(received, request, status); },
  toSplit(this: unknown, received: unknown, request: MatcherRequest, split: { readonly [target: string]: number }) { return toSplit(received, request, split); },
  toHaveCondition(this: unknown, received: unknown, kind: StatusKind, name: string, type: string, status?: string, reason?: string) { return toHaveCondition(received, kind, name, type, status, reason); },
  toBeAccepted(this: unknown, received: unknown) { return toBeAccepted(received); },
  toHaveNoValidationErrors(this: unknown, received: unknown) { return toHaveNoValidationErrors(received); },
  toRouteLike(this: unknown, received: unknown, reference: RoutingSubject, options?: RoutingDiffOptions) { return toRouteLike(received, reference, options); },
  toBeSupportedBy(this: unknown, received: unknown, implementation: ImplementationOption) { return toBeSupportedBy(received, implementation); },
};
