import * as fs from 'fs';
import * as path from 'path';
import { GATEWAY_API_GROUP, normalizeParentRef } from '../model';
import { ConformanceVector, VectorForwarded, VectorHeaders, VectorObjectRef, VectorParentRef, VectorRedirect, VectorStep } from './conformance-vector';
import { DataPlane, SUPPORTED_FEATURES } from './data-plane';
import type { DistributionRequest } from './data-plane';
import { Headers } from './headers';
import { ObjectStore, SourcedDocument, readFiles } from './object-store';
import type { ForwardedRequest, GrpcRequest, HttpRequest, StreamRequest, TlsRequest } from './requests';
import type { Condition, ListenerStatus, ParentReference } from '../../generated';
import type { Diagnostic } from '../validation/diagnostic';

/** Options of {@link runConformance}. */
interface ConformanceOptions {
  /** Feature names the runner claims. @default every feature the data plane implements ({@link SUPPORTED_FEATURES}) */
  readonly features?: readonly string[];
  /** Run only the vectors with these names. @default every vector */
  readonly only?: readonly string[];
  /** Called before each vector runs (for progress displays): 1-based position, the number of vectors, and its name. @default - no progress is reported */
  readonly onVector?: (position: number, total: number, name: string) => void;
}

/** The outcome of one step. */
interface ConformanceStepResult {
  /** Name of the vector. */
  readonly vector: string;
  /** Zero-based index of the step in the vector. */
  readonly step: number;
  /** The step name (its type when unnamed). */
  readonly name: string;
  /** How the step went. */
  readonly outcome: 'passed' | 'failed' | 'skipped';
  /** Why it failed or was skipped. @default - absent when the step passed */
  readonly detail?: string;
}

/** The report of a conformance run (the shape FORMAT.md describes). */
export interface ConformanceReport {
  /** Vectors read. */
  readonly vectors: number;
  /** Steps over all vectors. */
  readonly steps: number;
  /** Steps that passed. */
  readonly passed: number;
  /** Steps that failed. */
  readonly failed: number;
  /** Steps skipped (with the reason in their result). */
  readonly skipped: number;
  /** One entry per step, in vector and step order. */
  readonly results: ConformanceStepResult[];
}

/** Features the plane does not claim, with the reason. */
const UNCLAIMED_FEATURES: { readonly [feature: string]: string } = {};

/** The id a ratchet uses for a step: `Vector#index`. */
export function stepId(r: { vector: string; step: number }): string {
  return `${r.vector}#${r.step}`;
}

/**
 * The upstream suite substitutes these placeholders in its manifests at run
 * time with addresses of the environment under test (its usable / unusable
 * network address flags); a manifest applied with the placeholders would be
 * rejected by the API server (they are not IP addresses). The in-memory
 * plane is the environment here, so the runner substitutes addresses from
 * the documentation ranges of RFC 5737.
 */
const ADDRESS_PLACEHOLDERS: Readonly<Record<string, string>> = {
  PLACEHOLDER_USABLE_ADDRS: '192.0.2.10',
  PLACEHOLDER_UNUSABLE_ADDRS: '198.51.100.10',
};

function substitutePlaceholders(value: unknown): unknown {
  if (typeof value === 'string') return ADDRESS_PLACEHOLDERS[value] ?? value;
  if (Array.isArray(value)) return value.map(substitutePlaceholders);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitutePlaceholders(v)]));
  }
  return value;
}

/** Reads a vector's manifest files (relative to `dir`), with the suite's run-time placeholders substituted. */
function readVectorManifests(dir: string, manifests: readonly string[] | undefined, diagnostics: Diagnostic[]): SourcedDocument[] {
  return readFiles((manifests ?? []).map((m) => path.join(dir, m)), diagnostics)
    .map((d) => ({ ...d, doc: substitutePlaceholders(d.doc) }));
}

/**
 * Runs every vector in `dir/vectors/*.json` (manifests relative to `dir`)
 * through fresh data planes and reports each step.
 */
export function runConformance(dir: string, options: ConformanceOptions = {}): ConformanceReport {
  const claimed = new Set(options.features ?? SUPPORTED_FEATURES);
  const files = fs.readdirSync(path.join(dir, 'vectors')).filter((f) => f.endsWith('.json')).sort();
  const results: ConformanceStepResult[] = [];
  let vectors = 0;
  const selected = files
    // The vectors folder holds this runner's own format (FORMAT.md); a step it does not understand fails.
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, 'vectors', f), 'utf8')) as ConformanceVector)
    .filter((vector) => !options.only || options.only.includes(vector.name));
  for (const vector of selected) {
    vectors++;
    options.onVector?.(vectors, selected.length, vector.name);
    results.push(...runVector(dir, vector, claimed));
  }
  const count = (o: string) => results.filter((r) => r.outcome === o).length;
  return { vectors, steps: results.length, passed: count('passed'), failed: count('failed'), skipped: count('skipped'), results };
}

function runVector(dir: string, vector: ConformanceVector, claimed: Set<string>): ConformanceStepResult[] {
  const steps = vector.steps ?? [];
  const skipAll = (detail: string) => steps.map((s, i) => ({ vector: vector.name, step: i, name: s.name ?? s.type, outcome: 'skipped' as const, detail }));
  const missing = (vector.features ?? []).filter((x: string) => !claimed.has(x));
  if (missing.length > 0) {
    return skipAll(`features not claimed: ${missing.map((m: string) => `${m} (${UNCLAIMED_FEATURES[m] ?? 'not implemented by the in-memory data plane'})`).join('; ')}`);
  }
  const ifClaimed = (vector.skipIfClaimed ?? []).filter((x: string) => claimed.has(x));
  if (ifClaimed.length > 0) return skipAll(`skipIfClaimed: the runner claims ${ifClaimed.join(', ')}, so the "not supported" behaviour does not apply`);
  const unless = (vector.skipUnlessClaimed ?? []).filter((x: string) => !claimed.has(x));
  if (unless.length > 0) return skipAll(`skipUnlessClaimed: the runner does not claim ${unless.join(', ')}`);

  const store = new ObjectStore(readVectorManifests(dir, vector.manifests, []));
  const options = { controllerNames: vector.controllerName ? [vector.controllerName] : undefined };
  let plane = DataPlane._fromStore(store, options);
  const out: ConformanceStepResult[] = [];
  steps.forEach((s, i) => {
    const name = s.name ?? s.type;
    try {
      if (s.type === 'apply') {
        const docs: SourcedDocument[] = [
          ...readVectorManifests(dir, s.manifests, store.diagnostics),
          ...(s.objects ?? []).map((doc, index) => ({ doc, source: `step ${i}`, index })),
        ];
        for (const d of docs) store.apply(d);
        plane = DataPlane._fromStore(store, options);
        out.push({ vector: vector.name, step: i, name, outcome: 'passed' });
        return;
      }
      if (s.type === 'delete') {
        for (const o of (s.objects ?? []) as VectorObjectRef[]) store.delete(o.kind, o.namespace ?? '', o.name);
        plane = DataPlane._fromStore(store, options);
        out.push({ vector: vector.name, step: i, name, outcome: 'passed' });
        return;
      }
      const problem = checkStep(plane, s);
      out.push(problem === undefined
        ? { vector: vector.name, step: i, name, outcome: 'passed' }
        : { vector: vector.name, step: i, name, outcome: 'failed', detail: problem });
    } catch (e) {
      out.push({ vector: vector.name, step: i, name, outcome: 'failed', detail: `error: ${(e as Error).message}` });
    }
  });
  return out;
}

const ref = (r: { readonly namespace?: string; readonly name?: string }) => `${r.namespace}/${r.name}`;

/** The object a status step names (FORMAT.md requires it on those steps). */
function objectOf(s: VectorStep): VectorObjectRef {
  if (!s.object) throw new Error(`a ${s.type} step needs an object`);
  return s.object;
}

function checkStep(plane: DataPlane, s: VectorStep): string | undefined {
  switch (s.type) {
    case 'http': return checkHttp(plane, s);
    case 'grpc': return checkGrpc(plane, s);
    case 'tls':
    case 'tcp':
    case 'udp': return checkStream(plane, s);
    case 'weights': return checkWeights(plane, s);
    case 'condition': return checkCondition(plane, s);
    case 'noParentStatus': {
      const o = objectOf(s);
      const st = plane.status(String(o.kind), o.namespace, o.name);
      const hit = (st?.parents ?? []).find((p) => parentMatches(p.parentRef, s.parent!, o.namespace!));
      return hit ? `expected no status for parent ${ref(s.parent!)}, found one` : undefined;
    }
    case 'attachedRoutes': {
      const l = listenerStatus(plane, objectOf(s), s.listener!);
      if (typeof l === 'string') return l;
      return l.attachedRoutes === s.count ? undefined : `expected ${s.count} attached routes on ${s.listener}, got ${l.attachedRoutes}`;
    }
    case 'supportedKinds': {
      const l = listenerStatus(plane, objectOf(s), s.listener!);
      if (typeof l === 'string') return l;
      const got = l.supportedKinds ?? [];
      const kinds = s.kinds!;
      if (kinds.length === 0) return got.length === 0 ? undefined : `expected no supported kinds, got ${got.map((k) => k.kind).join(', ')}`;
      const absent = kinds.filter((k) => !got.some((g) => g.kind === k.kind && (g.group ?? GATEWAY_API_GROUP) === (k.group ?? GATEWAY_API_GROUP)));
      return absent.length === 0 ? undefined : `supported kinds lack ${absent.map((k) => k.kind).join(', ')} (got ${got.map((k) => k.kind).join(', ') || 'none'})`;
    }
    case 'listeners': {
      const o = objectOf(s);
      const st = plane.status(String(o.kind), o.namespace, o.name);
      if (!st) return `${o.kind} ${ref(o)} has no status`;
      const names = (st.listeners ?? []).map((l) => l.name).sort();
      const want = [...s.names!].sort();
      return JSON.stringify(names) === JSON.stringify(want) ? undefined : `expected listeners ${want.join(', ')}, got ${names.join(', ')}`;
    }
    case 'listenerCount': {
      const o = objectOf(s);
      const st = plane.status(String(o.kind), o.namespace, o.name);
      const n = st?.listeners?.length ?? 0;
      return n === s.count ? undefined : `expected ${s.count} listener entries, got ${n}`;
    }
    case 'parentCount': {
      const o = objectOf(s);
      const st = plane.status(String(o.kind), o.namespace, o.name);
      const n = st?.parents?.length ?? 0;
      if (s.count !== undefined && n !== s.count) return `expected ${s.count} parent entries, got ${n}`;
      if (s.max !== undefined && n > s.max) return `expected at most ${s.max} parent entries, got ${n}`;
      return undefined;
    }
    case 'addresses': {
      const o = objectOf(s);
      const st = plane.status(String(o.kind), o.namespace, o.name);
      return (st?.addresses ?? []).length > 0 ? undefined : `Gateway ${ref(o)} has no address`;
    }
    case 'attachedListenerSets': {
      const o = objectOf(s);
      const st = plane.status(String(o.kind), o.namespace, o.name);
      const n = st?.attachedListenerSets ?? 0;
      return n === s.count ? undefined : `expected ${s.count} attached ListenerSets, got ${n}`;
    }
    default:
      return `unknown step type ${s.type}`;
  }
}

function listenerStatus(plane: DataPlane, object: VectorObjectRef, listener: string): ListenerStatus | string {
  const st = plane.status(String(object.kind), object.namespace, object.name);
  if (!st) return `${object.kind} ${ref(object)} has no status`;
  const l = (st.listeners ?? []).find((x) => x.name === listener);
  return l ?? `${object.kind} ${ref(object)} has no listener status named ${listener}`;
}

function parentMatches(actual: ParentReference, want: VectorParentRef, routeNamespace: string): boolean {
  const a = normalizeParentRef(actual, routeNamespace);
  const w = want;
  if (w.group !== undefined && w.group !== a.group) return false;
  if (w.kind !== undefined && w.kind !== a.kind) return false;
  if (w.namespace !== undefined && w.namespace !== a.namespace) return false;
  if (w.name !== undefined && w.name !== a.name) return false;
  if (w.sectionName !== undefined && w.sectionName !== a.sectionName) return false;
  if (w.port !== undefined && w.port !== a.port) return false;
  return true;
}

function checkCondition(plane: DataPlane, s: VectorStep): string | undefined {
  const o = objectOf(s);
  const st = plane.status(String(o.kind), o.namespace, o.name);
  if (!st) {
    const why = plane.diagnostics.filter((d) => d.object?.kind === o.kind && d.object?.namespace === o.namespace && d.object?.name === o.name).map((d) => `${d.field}: ${d.message}`);
    return `${o.kind} ${ref(o)} has no status (${why.length ? `it was not loaded: ${why.join('; ')}` : 'not reconciled'})`;
  }
  let conditions: readonly Condition[] | undefined;
  let where = '';
  if (o.kind === 'BackendTLSPolicy') {
    const a = (st.ancestors ?? []).find((x) => parentMatches(x.ancestorRef, s.parent ?? {}, o.namespace!));
    if (!a) return `no ancestor status for ${ref(s.parent ?? {})} (ancestors: ${(st.ancestors ?? []).map((x) => ref(x.ancestorRef)).join(', ') || 'none'})`;
    conditions = a.conditions;
    where = ` for ancestor ${ref(s.parent!)}`;
  } else if (st.parents) {
    const p = st.parents.find((x) => parentMatches(x.parentRef, s.parent ?? {}, o.namespace!));
    if (!p) return `no parent status for ${ref(s.parent ?? {})}${s.parent?.sectionName ? `#${s.parent.sectionName}` : ''}`;
    conditions = p.conditions;
    where = ` for parent ${ref(s.parent!)}`;
  } else if (s.listener !== undefined) {
    const l = (st.listeners ?? []).find((x) => x.name === s.listener);
    if (!l) return `no listener status named ${s.listener}`;
    conditions = l.conditions;
    where = ` on listener ${s.listener}`;
  } else {
    conditions = st.conditions;
  }
  const want = s.condition!;
  const c = (conditions ?? []).find((x) => x.type === want.type);
  if (!c) return `condition ${want.type} is absent${where}`;
  if (want.status !== undefined && c.status !== want.status) return `${want.type}${where}: expected status ${want.status}, got ${c.status} (${c.reason}: ${c.message})`;
  if (want.reason !== undefined && c.reason !== want.reason) return `${want.type}${where}: expected reason ${want.reason}, got ${c.reason} (${c.message})`;
  return undefined;
}

function checkHttp(plane: DataPlane, s: VectorStep): string | undefined {
  const r = plane.http({ gateway: s.gateway, ...s.request } as HttpRequest);
  const e = s.expect ?? {};
  if (e.refused) return r.outcome === 'refused' ? undefined : `expected the connection to be refused, got ${r.status} (${r.explanation.join('; ')})`;
  if (r.outcome === 'refused') return `refused: ${r.explanation.join('; ')}`;
  const codes: readonly number[] | undefined = e.statusCodes ?? (e.backend ? [200] : undefined);
  if (codes && !codes.includes(r.status!)) return `expected status ${codes.join('/')}, got ${r.status} (${r.explanation.join('; ')})`;
  if (e.notStatusCodes && e.notStatusCodes.includes(r.status!)) return `expected a status other than ${e.notStatusCodes.join('/')}, got ${r.status}`;
  if (e.backend && (!r.backend || r.backend.namespace !== e.backend.namespace || r.backend.name !== e.backend.name)) {
    return `expected backend ${ref(e.backend)}, got ${r.backend ? ref(r.backend) : 'none'} (${r.explanation.join('; ')})`;
  }
  if (e.request) {
    const p = checkForwarded(r.request, e.request);
    if (p) return p;
  }
  if (e.response && (r.status === 200 || r.status === 204)) {
    const p = checkHeaders('response', r.responseHeaders, e.response);
    if (p) return p;
  }
  if (e.redirect) {
    if (!r.location) return `expected a redirect, got ${r.status}`;
    const p = checkRedirect(r.location, e.redirect);
    if (p) return p;
  }
  for (const m of e.mirroredTo ?? []) {
    if (!r.mirrors.some((x) => x.namespace === m.namespace && x.name === m.name)) return `expected a mirror to ${ref(m)}, got ${r.mirrors.map(ref).join(', ') || 'none'}`;
  }
  return undefined;
}

function checkForwarded(fwd: ForwardedRequest | undefined, want: VectorForwarded): string | undefined {
  if (!fwd) return 'no request reached a backend';
  if (want.host !== undefined && fwd.host !== want.host) return `backend got host ${fwd.host}, expected ${want.host}`;
  if (want.path !== undefined && fwd.path !== want.path) return `backend got path ${fwd.path}, expected ${want.path}`;
  if (want.method !== undefined && fwd.method !== want.method) return `backend got method ${fwd.method}, expected ${want.method}`;
  if (want.sni !== undefined && fwd.sni !== want.sni) return `backend TLS server name ${fwd.sni ?? '(no TLS)'}, expected ${want.sni}`;
  return checkHeaders('request', fwd.headers, want);
}

function checkHeaders(what: string, got: Record<string, string>, want: VectorHeaders): string | undefined {
  const h = Headers.from(got);
  const norm = (v: string) => (want.ignoreWhitespace ? v.replace(/\s/g, '') : v);
  for (const [k, v] of Object.entries(want.headers ?? {})) {
    const actual = h.get(k);
    if (actual === undefined || norm(actual) !== norm(v)) return `${what} header ${k}: expected ${JSON.stringify(v)}, got ${JSON.stringify(actual)}`;
  }
  for (const [k, vs] of Object.entries(want.headersOneOf ?? {})) {
    const actual = h.get(k);
    if (actual === undefined || !vs.map(norm).includes(norm(actual))) return `${what} header ${k}: expected one of ${JSON.stringify(vs)}, got ${JSON.stringify(actual)}`;
  }
  for (const k of want.absentHeaders ?? []) {
    if (h.has(k)) return `${what} header ${k} should be absent, got ${JSON.stringify(h.get(k))}`;
  }
  return undefined;
}

function checkRedirect(location: string, want: VectorRedirect): string | undefined {
  const m = /^([a-z]+):\/\/(\[[^\]]*\]|[^/:?]*)(?::(\d+))?([^?]*)/.exec(location);
  if (!m) return `cannot parse Location ${location}`;
  const [, scheme, host, port, p] = m;
  if (want.scheme !== undefined && scheme !== want.scheme) return `redirect scheme ${scheme}, expected ${want.scheme} (${location})`;
  if (want.host !== undefined && host !== want.host) return `redirect host ${host}, expected ${want.host} (${location})`;
  if (want.path !== undefined && (p || '/') !== want.path) return `redirect path ${p}, expected ${want.path} (${location})`;
  if ('port' in want) {
    const actual = port === undefined ? null : Number(port);
    if (want.port === 'default') {
      const wk = scheme === 'http' ? 80 : scheme === 'https' ? 443 : undefined;
      if (actual !== null && actual !== wk) return `redirect port ${actual}, expected none or ${wk} (${location})`;
    } else if (actual !== want.port) {
      return `redirect port ${actual}, expected ${want.port} (${location})`;
    }
  }
  return undefined;
}

function checkGrpc(plane: DataPlane, s: VectorStep): string | undefined {
  const r = plane.grpc({ gateway: s.gateway, ...s.request } as GrpcRequest);
  const e = s.expect ?? {};
  const code = e.code ?? (e.backend ? 0 : undefined);
  if (code !== undefined && r.code !== code) return `expected gRPC code ${code}, got ${r.code ?? 'refused'} (${r.explanation.join('; ')})`;
  if (e.backend && (!r.backend || ref(r.backend) !== ref(e.backend))) return `expected backend ${ref(e.backend)}, got ${r.backend ? ref(r.backend) : 'none'} (${r.explanation.join('; ')})`;
  if (e.response) return checkHeaders('response', r.responseHeaders, e.response);
  return undefined;
}

function checkStream(plane: DataPlane, s: VectorStep): string | undefined {
  const req = { gateway: s.gateway, ...s.request };
  const r = s.type === 'tls' ? plane.tls(req as TlsRequest) : s.type === 'tcp' ? plane.tcp(req as StreamRequest) : plane.udp(req as StreamRequest);
  const e = s.expect ?? {};
  if (e.refused) return r.outcome === 'refused' ? undefined : `expected refusal, got backend ${r.backend ? ref(r.backend) : 'none'}`;
  if (r.outcome === 'refused') return `refused: ${r.explanation.join('; ')}`;
  if (e.backend && (!r.backend || ref(r.backend) !== ref(e.backend))) return `expected backend ${ref(e.backend)}, got ${r.backend ? ref(r.backend) : 'none'}`;
  if (e.backendTLS !== undefined && r.backendTLS !== e.backendTLS) return `expected backendTLS ${e.backendTLS}, got ${r.backendTLS}`;
  if (e.backendSNI !== undefined && r.backendSNI !== e.backendSNI) return `expected backend SNI ${e.backendSNI}, got ${r.backendSNI}`;
  return undefined;
}

function checkWeights(plane: DataPlane, s: VectorStep): string | undefined {
  const protocol = s.protocol ?? 'http';
  const req = { protocol, gateway: s.gateway, ...s.request } as DistributionRequest;
  const d = plane.distribution(req);
  const e = s.expect ?? {};
  const tol = e.tolerance ?? 0;
  const keys = new Set([...Object.keys(e.distribution ?? {}), ...Object.keys(d.backends)]);
  for (const k of keys) {
    const want = e.distribution?.[k] ?? 0;
    const got = d.backends[k] ?? 0;
    if (want === 0 ? got !== 0 : Math.abs(got - want) > tol) return `backend ${k}: expected fraction ${want} (±${tol}), got ${got}`;
  }
  for (const [k, want] of Object.entries(e.mirrored ?? {})) {
    const got = d.mirrored[k] ?? 0;
    if (Math.abs(got - want) > (e.mirrorTolerance ?? 0)) return `mirror ${k}: expected fraction ${want}, got ${got}`;
  }
  if (e.requestByBackend && protocol === 'http') {
    for (let seed = 0; seed < 200; seed++) {
      const r = plane.http({ ...s.request, gateway: s.gateway, seed } as HttpRequest);
      const want = r.backend ? e.requestByBackend[ref(r.backend)] : undefined;
      if (!want) continue;
      const p = checkForwarded(r.request, want);
      if (p) return `request to ${ref(r.backend!)}: ${p}`;
    }
  }
  return undefined;
}
