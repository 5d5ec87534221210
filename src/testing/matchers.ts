import type { App, Chart } from 'cdk8s';
import type { Condition } from '../../generated';
import { validateApp } from '../synth-validation';
import { DataPlane, DataPlaneOptions, DistributionRequest, LoadedObject } from './data-plane';
import { ParsedRequest, UrlRequest, describeRequest, toParsedRequest } from './request-url';
import { GrpcResult, HttpRequest, HttpResult, StreamResult } from './requests';
import { AnyBackendRef, AnyRouteRule, AnyRouteSpec } from './stored-kinds';
import { formatDiagnostic } from '../validation/diagnostic';

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
  /** The request reaches `backend` (`'ns/name'`, `'ns/name:port'` or `{ namespace, name, port? }`): every such request, not a weighted share. */
  toRoute(request: MatcherRequest, backend: BackendExpectation): R;
  /** The request is redirected to `location` (with `status` when given). */
  toRedirect(request: MatcherRequest, location: string, status?: number): R;
  /** The client gets `status` (HTTP status; gRPC status code for gRPC requests). */
  toRespond(request: MatcherRequest, status: number): R;
  /** Identical requests are split over backends exactly so: `{ 'ns/a': 0.9, 'ns/b': 0.1 }` (keys as {@link DataPlane.distribution} gives them). */
  toSplit(request: MatcherRequest, split: { readonly [target: string]: number }): R;
  /** The object `kind` `'ns/name'` (`'name'` for a GatewayClass) has condition `type` with `status` (default `'True'`) and `reason` when given; for routes, on any parent. */
  toHaveCondition(kind: string, name: string, type: string, status?: string, reason?: string): R;
  /** Every route of the subject is Accepted by every parent it names. */
  toBeAccepted(): R;
  /** A Chart or App synthesizes without validation errors (CRD schema, CEL rules, cross-object checks). */
  toHaveNoValidationErrors(): R;
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

/** What a request got, in words: `forwarded to apps/web:80 (200)`, `redirect 301 to https://…`, `404 (no route)`, `refused`. */
export function describeOutcome(r: AnyResult): string {
  const status = (r as HttpResult).status ?? (r as GrpcResult).code;
  const backend = r.backend ? `${r.backend.namespace}/${r.backend.name}${r.backend.port !== undefined ? `:${r.backend.port}` : ''}` : undefined;
  const route = r.route ? ` by ${r.route.kind} ${r.route.namespace}/${r.route.name} rule ${r.route.rule}` : '';
  switch (r.outcome) {
    case 'forwarded': return `forwarded to ${backend}${status !== undefined ? ` (${status})` : ''}${route}`;
    case 'redirect': return `redirect ${status} to ${(r as HttpResult).location}${route}`;
    case 'refused': return `refused${route}`;
    case 'no-route': return `${status} (no route matched)`;
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
    const objects = new Map(plane.objects().map((o) => [`${o.kind}/${o.metadata?.namespace ?? ''}/${o.metadata?.name}`, o]));
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
  return ref?.name === b.name && (ref.namespace ?? route.metadata?.namespace) === b.namespace && (b.port === undefined || ref.port === b.port);
}

function report(lines: { header: string; got?: string; traceLines?: readonly string[]; closest?: string; extra?: string[] }): string {
  const out = [lines.header];
  if (lines.got !== undefined) out.push(`Instead: ${lines.got}`);
  if (lines.closest) out.push(`Closest losing candidate: ${lines.closest}`);
  for (const e of lines.extra ?? []) out.push(e);
  if (lines.traceLines && lines.traceLines.length) out.push('Explain:', ...lines.traceLines.map((l) => `  ${l}`));
  return out.join('\n');
}

function fmt(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

/** `expect(subject).toRoute(request, backend)`. */
export function toRoute(subject: unknown, request: MatcherRequest, backend: BackendExpectation): MatcherOutcome {
  const plane = planeOf(subject);
  const want = parseBackend(backend);
  const parsed = toParsedRequest(request);
  const name = describeRequest(request);
  const result = evaluate(plane, parsed);
  const dist = plane.distribution({ seed: 1, ...parsed.request, protocol: parsed.protocol } as DistributionRequest);
  const key = `${want.namespace}/${want.name}`;
  const share = dist.backends[key] ?? 0;
  const portOk = want.port === undefined || result.backend?.port === want.port;
  const pass = result.outcome === 'forwarded' && share === 1 && portOk && result.backend?.namespace === want.namespace && result.backend?.name === want.name;
  const lines = trace(plane, parsed, result);
  return {
    pass,
    message: () => {
      if (pass) return report({ header: `Expected ${name} not to route to ${formatBackend(want)}, but it does: ${describeOutcome(result)}`, traceLines: lines });
      const split = Object.keys(dist.backends).length > 1 ? [`Split: ${Object.entries(dist.backends).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')} (use toSplit for weighted backends)`] : [];
      return report({
        header: `Expected ${name} to route to ${formatBackend(want)}`,
        got: describeOutcome(result),
        closest: closestCandidate(plane, lines, (rule, route) => (rule.backendRefs ?? []).some((r) => refersTo(route, r, want))),
        extra: split,
        traceLines: lines,
      });
    },
  };
}

/** `expect(subject).toRedirect(request, location, status?)`. */
export function toRedirect(subject: unknown, request: MatcherRequest, location: string, status?: number): MatcherOutcome {
  const plane = planeOf(subject);
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
  const plane = planeOf(subject);
  const parsed = toParsedRequest(request);
  const name = describeRequest(request);
  const result = evaluate(plane, parsed);
  const got = (result as HttpResult).status ?? (result as GrpcResult).code;
  const pass = got === status;
  const lines = trace(plane, parsed, result);
  return {
    pass,
    message: () => pass
      ? report({ header: `Expected ${name} not to get ${status}, but it does: ${describeOutcome(result)}`, traceLines: lines })
      : report({ header: `Expected ${name} to get ${status}`, got: describeOutcome(result), closest: closestCandidate(plane, lines), traceLines: lines }),
  };
}

/** `expect(subject).toSplit(request, { 'ns/a': 0.9, 'ns/b': 0.1 })`. */
export function toSplit(subject: unknown, request: MatcherRequest, split: { readonly [target: string]: number }): MatcherOutcome {
  const plane = planeOf(subject);
  const parsed = toParsedRequest(request);
  const name = describeRequest(request);
  const dist = plane.distribution({ seed: 1, ...parsed.request, protocol: parsed.protocol } as DistributionRequest);
  const keys = [...new Set([...Object.keys(dist.backends), ...Object.keys(split)])].sort();
  const pass = keys.every((k) => Math.abs((dist.backends[k] ?? 0) - (split[k] ?? 0)) < 1e-9);
  const show = (d: { readonly [k: string]: number }) => `{ ${Object.keys(d).sort().map((k) => `'${k}': ${fmt(d[k])}`).join(', ')} }`;
  return {
    pass,
    message: () => {
      const result = evaluate(plane, parsed);
      const lines = trace(plane, parsed, result);
      if (pass) return report({ header: `Expected ${name} not to split ${show(split)}, but it does`, traceLines: lines });
      const diff = keys.filter((k) => Math.abs((dist.backends[k] ?? 0) - (split[k] ?? 0)) >= 1e-9).map((k) => `${k}: expected ${fmt(split[k] ?? 0)}, got ${fmt(dist.backends[k] ?? 0)}`);
      return report({ header: `Expected ${name} to split ${show(split)}`, got: show(dist.backends), extra: diff.map((d) => `  ${d}`), traceLines: lines });
    },
  };
}

const CLUSTER_SCOPED = new Set(['GatewayClass']);

/** `expect(subject).toHaveCondition(kind, 'ns/name', type, status?, reason?)`. */
export function toHaveCondition(subject: unknown, kind: string, name: string, type: string, status: string = 'True', reason?: string): MatcherOutcome {
  const plane = planeOf(subject);
  let namespace: string | undefined;
  let objectName = name;
  if (!CLUSTER_SCOPED.has(kind)) {
    const i = name.indexOf('/');
    namespace = i < 0 ? 'default' : name.slice(0, i);
    objectName = i < 0 ? name : name.slice(i + 1);
  }
  const st = plane.status(kind, namespace, objectName);
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
      if (!st) return missingObject(plane, kind, namespace, objectName, `Expected ${label} to have condition ${want}`);
      return report({ header: `Expected ${label} to have condition ${want}`, got: have.length ? 'its conditions are:' : 'it has no conditions', extra: have.map((h) => `  ${h}`) });
    },
  };
}

function missingObject(plane: DataPlane, kind: string, namespace: string | undefined, name: string, header: string): string {
  const objects = plane.objects();
  const loaded = objects.find((o) => o.kind === kind && (o.metadata?.namespace ?? (CLUSTER_SCOPED.has(kind) ? undefined : 'default')) === namespace && o.metadata?.name === name);
  const same = objects.filter((o) => o.kind === kind).map((o) => `${o.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata?.name}`);
  const why = loaded
    ? 'it is loaded but the plane writes no status on it (a Gateway of a class the plane does not handle, or a route whose parents are not reconciled)'
    : `there is no such ${kind} among the loaded objects (${kind}s loaded: ${same.length ? same.join(', ') : 'none'}); if it is in another chart, load the App (DataPlane.fromApp or expect(app))`;
  return `${header}\nInstead: ${why}`;
}

/** `expect(subject).toBeAccepted()`: every route is Accepted by every parent it names. */
export function toBeAccepted(subject: unknown): MatcherOutcome {
  const plane = planeOf(subject);
  const objects = plane.objects();
  const routes = objects.filter((o) => ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'].includes(o.kind));
  const problems: string[] = [];
  const accepted: string[] = [];
  for (const r of routes) {
    const label = `${r.kind} ${r.metadata.namespace ?? 'default'}/${r.metadata.name}`;
    const parents = r.status?.parents ?? [];
    const refs = (r.spec as AnyRouteSpec | undefined)?.parentRefs ?? [];
    for (const ref of refs) {
      const ns = ref.namespace ?? r.metadata.namespace ?? 'default';
      const st = parents.find((p) => p.parentRef.name === ref.name && (p.parentRef.namespace ?? r.metadata.namespace) === ns && (p.parentRef.sectionName ?? '') === (ref.sectionName ?? '') && (p.parentRef.port ?? 0) === (ref.port ?? 0));
      const parent = `${ref.kind ?? 'Gateway'} ${ns}/${ref.name}${ref.sectionName ? ` section ${ref.sectionName}` : ''}`;
      if (!st) {
        const there = objects.some((o) => o.kind === (ref.kind ?? 'Gateway') && (o.metadata?.namespace ?? 'default') === ns && o.metadata?.name === ref.name);
        problems.push(`${label}: ${parent} ${there ? 'writes no status (its GatewayClass is not handled by the plane)' : 'is not among the loaded objects; if it is defined in another chart, test the App (expect(app)) or use DataPlane.fromApp'}`);
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
  toHaveCondition(this: unknown, received: unknown, kind: string, name: string, type: string, status?: string, reason?: string) { return toHaveCondition(received, kind, name, type, status, reason); },
  toBeAccepted(this: unknown, received: unknown) { return toBeAccepted(received); },
  toHaveNoValidationErrors(this: unknown, received: unknown) { return toHaveNoValidationErrors(received); },
};
