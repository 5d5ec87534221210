import { ApiObject, App, Chart, Duration } from 'cdk8s';
import { Backend } from '../backend';
import { BackendTlsPolicy, BackendTlsTrust, PolicyTarget, SubjectAltName } from '../backend-tls-policy';
import { CaCertificate, Certificate } from '../certificate';
import { CorsMethod, Filter, PathModifier, RedirectScheme, RedirectStatusCode } from '../filter';
import { AllowedListeners, FrontendValidationMode, Gateway, GatewayAddress } from '../gateway';
import { GatewayApiError } from '../gateway-api-error';
import { GatewayClass } from '../gateway-class';
import { GrpcMatch } from '../grpc-match';
import { GrpcRoute } from '../grpc-route';
import { HeaderMatch } from '../header-match';
import { HttpMatch, HttpMethod, QueryParamMatch } from '../http-match';
import { HttpRoute } from '../http-route';
import { AllowedRoutes, ListenerProtocol, ListenerTls, RouteKind } from '../listener';
import { ListenerSet } from '../listener-set';
import { GATEWAY_API_GROUP } from '../model';
import { ReferenceGrant, ReferenceGrantPolicy } from '../reference-grant';
import { TcpRoute } from '../tcp-route';
import { TlsRoute } from '../tls-route';
import { UdpRoute } from '../udp-route';
import { evaluate, printModule, variablesOf, type Statement } from './code';
import { CHART_METADATA, ObjectCode, PlanObject, Planner } from './plan';
import { crdFor, parseApiVersion } from '../validation/crd-data';
import { defaultObject } from '../validation/defaults';
import { readAsCurrentVersion } from '../validation/served-versions';

type Json = Record<string, unknown>;

/** The classes generated code may name, from the package (by the name it exports). */
const PACKAGE_CLASSES: Record<string, unknown> = {
  AllowedListeners,
  AllowedRoutes,
  Backend,
  BackendTlsPolicy,
  BackendTlsTrust,
  CaCertificate,
  Certificate,
  CorsMethod,
  Filter,
  FrontendValidationMode,
  Gateway,
  GatewayAddress,
  GatewayClass,
  GrpcMatch,
  GrpcRoute,
  HeaderMatch,
  HttpMatch,
  HttpMethod,
  HttpRoute,
  ListenerProtocol,
  ListenerSet,
  ListenerTls,
  PathModifier,
  PolicyTarget,
  QueryParamMatch,
  RedirectScheme,
  RedirectStatusCode,
  ReferenceGrant,
  ReferenceGrantPolicy,
  RouteKind,
  SubjectAltName,
  TcpRoute,
  TlsRoute,
  UdpRoute,
};
const CLASSES: Record<string, unknown> = { ...PACKAGE_CLASSES, ApiObject, Duration };

/** One input object: its content and where it was read (`file#document`). */
export interface ConvertInput {
  readonly object: unknown;
  /** Where it was read. @default - `input#N` */
  readonly source?: string;
}

export interface ConvertOptions {
  /** The class the module exports. @default 'GatewayApiChart' */
  readonly className?: string;
  /** The module the constructs are imported from. @default 'cdk8s-gateway-api' */
  readonly packageName?: string;
}

/** Something the conversion says about one object. */
export interface ConvertFinding {
  /** `file#document`. */
  readonly source: string;
  /** `Kind namespace/name` (or `Kind name`). */
  readonly object: string;
  /** The field concerned. @default - the whole object */
  readonly field?: string;
  readonly message: string;
}

export interface ConvertResult {
  /** The TypeScript module. */
  readonly code: string;
  /** Objects kept as ApiObjects for a reason, and what reading older versions changed. */
  readonly findings: ConvertFinding[];
  /** Each input object as the chart must give it back (Gateway API kinds read as v1, status and server-written metadata left out). */
  readonly expected: Json[];
  /** How many objects are written with L2 constructs, and how many as ApiObjects. */
  readonly l2Objects: number;
  readonly apiObjects: number;
}

/** An input the converter cannot write at all (not a Kubernetes object with a name). */
export class ConvertError extends Error {}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function describe(o: { kind: string; name: string; namespace?: string }): string {
  return `${o.kind} ${o.namespace !== undefined ? `${o.namespace}/` : ''}${o.name}`;
}

/** The input objects read for the chart: v1, without status and server-written metadata. */
function readItems(inputs: readonly ConvertInput[], findings: ConvertFinding[]): PlanObject[] {
  return inputs.map((input, i) => {
    const source = input.source ?? `input#${i + 1}`;
    const o = input.object as Json;
    const metadata = o?.metadata as Json | undefined;
    if (o === null || typeof o !== 'object' || typeof o.apiVersion !== 'string' || typeof o.kind !== 'string' || typeof metadata?.name !== 'string') {
      throw new ConvertError(`${source}: not a Kubernetes object with apiVersion, kind and metadata.name; a chart cannot create it`);
    }
    const name = metadata.name;
    const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
    const { group, version } = parseApiVersion(o.apiVersion);
    const id = { kind: o.kind, name, namespace };
    const notes: string[] = [];
    const dropped = Object.keys(metadata).filter((k) => !CHART_METADATA.includes(k));
    const { status, ...rest } = o;
    let object: Json = { ...rest, metadata: Object.fromEntries(Object.entries(metadata).filter(([k]) => CHART_METADATA.includes(k))) };
    if (status !== undefined || dropped.length > 0) {
      const what = [...(status !== undefined ? ['status'] : []), ...dropped.map((k) => `metadata.${k}`)].join(', ');
      notes.push(`left out (written by the API server): ${what}`);
      findings.push({ source, object: describe(id), message: `left out ${what}: the API server writes it, a chart does not` });
    }
    if (group === GATEWAY_API_GROUP) {
      const crd = crdFor(o.kind, { channel: 'experimental' });
      if (crd === undefined) {
        findings.push({ source, object: describe(id), field: 'kind', message: `Gateway API v1.6.1 has no kind ${o.kind}; kept as an ApiObject as it is` });
        notes.push(`Gateway API v1.6.1 has no kind ${o.kind}: kept as it is`);
      } else if (version !== crd.version) {
        const read = readAsCurrentVersion(object, crd);
        object = { ...read.value, apiVersion: `${GATEWAY_API_GROUP}/${crd.version}` };
        const changes = [
          ...(read.dropped.length > 0 ? [`dropped ${read.dropped.join(', ')}`] : []),
          ...(read.defaulted.length > 0 ? [`defaulted ${read.defaulted.join(', ')}`] : []),
        ];
        notes.push(`read as ${GATEWAY_API_GROUP}/${crd.version} from ${version}${changes.length > 0 ? `: ${changes.join('; ')}` : ''}`);
        findings.push({ source, object: describe(id), message: `written as ${GATEWAY_API_GROUP}/${crd.version} (was ${version})${changes.length > 0 ? `: ${changes.join('; ')}` : ''}` });
      }
    }
    return { key: `${group}/${o.kind}/${namespace ?? ''}/${name}`, object, source, group, kind: o.kind, name, namespace, notes };
  });
}

/** An object as the API server would hold it, for comparison: Gateway API defaults applied, nulls gone. */
export function normalizeObject(o: unknown): unknown {
  const group = parseApiVersion(String((o as Json).apiVersion ?? '')).group;
  const value = group === GATEWAY_API_GROUP ? withoutOwnNamespace(defaultObject(o, { channel: 'experimental' }).value as Json) : o;
  return withoutNulls(value);
}

/** Parent references without a namespace equal to the object's own (the API reads an absent one as the object's own). */
function withoutOwnNamespace(o: Json): Json {
  const ns = (o.metadata as Json | undefined)?.namespace;
  const spec = o.spec as Json | undefined;
  if (ns === undefined || spec === undefined || spec === null) return o;
  const strip = (r: unknown): unknown => {
    if (r === null || typeof r !== 'object' || (r as Json).namespace !== ns) return r;
    const { namespace: _own, ...rest } = r as Json;
    return rest;
  };
  return {
    ...o,
    spec: {
      ...spec,
      ...(Array.isArray(spec.parentRefs) ? { parentRefs: spec.parentRefs.map(strip) } : {}),
      ...(spec.parentRef !== undefined ? { parentRef: strip(spec.parentRef) } : {}),
    },
  };
}

function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Json).filter(([, x]) => x !== null).map(([k, x]) => [k, withoutNulls(x)]));
  }
  return v;
}

/**
 * Where `actual` does not contain `expected` (every key of an object with a
 * value that contains the expected one, lists of the same length item by
 * item, equal scalars): the first such path, or undefined when it does.
 */
export function firstDifference(actual: unknown, expected: unknown, at = ''): { field: string; message: string } | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return { field: at, message: `expected a list, got ${JSON.stringify(actual)}` };
    if (actual.length !== expected.length) return { field: at, message: `expected ${expected.length} item(s), got ${actual.length}` };
    for (let i = 0; i < expected.length; i++) {
      const d = firstDifference(actual[i], expected[i], `${at}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return { field: at, message: `expected an object, got ${JSON.stringify(actual)}` };
    for (const [k, v] of Object.entries(expected as Json)) {
      const field = at === '' ? k : IDENTIFIER.test(k) ? `${at}.${k}` : `${at}[${JSON.stringify(k)}]`;
      if (!Object.prototype.hasOwnProperty.call(actual, k)) return { field, message: 'missing' };
      const d = firstDifference((actual as Json)[k], v, field);
      if (d) return d;
    }
    return undefined;
  }
  return actual === expected ? undefined : { field: at, message: `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}` };
}

function keyOf(o: Json): string {
  const m = (o.metadata ?? {}) as Json;
  return `${parseApiVersion(String(o.apiVersion ?? '')).group}/${String(o.kind)}/${typeof m.namespace === 'string' ? m.namespace : ''}/${String(m.name)}`;
}

/** Runs the statements on the real constructs: the first object that fails, or the objects rendered and whose statements made them. */
interface Failure {
  readonly code: ObjectCode;
  readonly message: string;
  readonly field?: string;
}

/**
 * Runs the statements on the real constructs. Objects that fail are all
 * returned at once; an object that uses a variable of one that failed is not
 * run (it is judged on the next pass, when the failed one is an ApiObject).
 */
function run(codes: readonly ObjectCode[], chartId: string): { failed: Failure[]; output?: Json[]; chart?: Chart } {
  const chart = new Chart(new App({ outdir: '.' }), chartId);
  const vars = new Map<string, unknown>();
  const failed: Failure[] = [];
  const unusable = new Set<string>();
  for (const code of codes) {
    const uses = new Set<string>();
    code.statements.forEach((s) => variablesOf(s.expr, uses));
    if ([...uses].some((v) => unusable.has(v))) {
      code.statements.forEach((s) => s.declare !== undefined && unusable.add(s.declare));
      continue;
    }
    let at: string | undefined;
    try {
      for (const s of code.statements) {
        at = s.field;
        const value = evaluate(s.expr, chart, CLASSES, vars);
        if (s.declare !== undefined) vars.set(s.declare, value);
      }
    } catch (e) {
      // the manifest field of the statement (a listener), and the constructs' own words (GatewayApiError.field names their option)
      const own = e instanceof GatewayApiError ? e.field : undefined;
      const message = e instanceof GatewayApiError && e.path !== undefined ? e.detail : (e as Error).message;
      const field = at ?? own;
      failed.push({ code, message: `${message}${at !== undefined && own !== undefined ? ` (${own})` : ''}`, ...(field !== undefined ? { field } : {}) });
      code.statements.forEach((s) => s.declare !== undefined && unusable.add(s.declare));
    }
  }
  if (failed.length > 0) return { failed };
  // each object as synthesis writes it, without the app's validation (an input may be inconsistent: its objects are still written)
  const output: Json[] = [];
  for (const o of chart.node.findAll()) {
    if (!(o instanceof ApiObject)) continue;
    try {
      output.push(o.toJson() as Json);
    } catch (e) {
      const owner = codes.find((c) => c.l2 && o.node.scopes.some((s) => s.node.id === idOf(c) && s.node.scope === chart));
      if (!owner) throw e;
      return { failed: [{ code: owner, message: (e as Error).message }] };
    }
  }
  return { failed, output, chart };
}

/**
 * Converts manifests to a TypeScript module exporting a cdk8s Chart that
 * builds every object: Gateway API kinds with the L2 constructs, everything
 * else (and every object the constructs cannot express) as an ApiObject.
 * Each object written with constructs is checked by building it: an object
 * the constructs refuse, or render differently, is written as an ApiObject
 * and a finding says which field and why.
 */
export function convertManifests(inputs: readonly ConvertInput[], options: ConvertOptions = {}): ConvertResult {
  const className = options.className ?? 'GatewayApiChart';
  if (!IDENTIFIER.test(className)) throw new ConvertError(`class name '${className}' is not a TypeScript identifier`);
  const findings: ConvertFinding[] = [];
  const items = readItems(inputs, findings);
  const seen = new Map<string, string>();
  for (const i of items) {
    const before = seen.get(i.key);
    if (before !== undefined) throw new ConvertError(`${i.source}: ${describe(i)} is also defined in ${before}; a chart holds each object once`);
    seen.set(i.key, i.source);
  }
  const expected = items.map((i) => i.object);
  const byKey = new Map(items.map((i) => [i.key, i]));
  const raw = new Set(items.filter((i) => i.group === GATEWAY_API_GROUP && crdFor(i.kind, { channel: 'experimental' }) === undefined).map((i) => i.key));
  const reasons = new Map<string, { field?: string; message: string }>();
  let codes: ObjectCode[];
  let planner: Planner;
  for (;;) {
    planner = new Planner(items, raw);
    codes = planner.plan();
    for (const [k, u] of planner.refusals) {
      raw.add(k);
      reasons.set(k, { field: u.field.replace(/^\./, ''), message: u.why });
    }
    const result = run(codes, className);
    if (result.failed.length > 0) {
      for (const f of result.failed) {
        if (!f.code.l2) {
          // even the ApiObject of the object cannot be made: nothing else to fall back to
          throw new ConvertError(`${f.code.item.source}: ${describe(f.code.item)} cannot be written as an ApiObject: ${f.message}`);
        }
        raw.add(f.code.item.key);
        reasons.set(f.code.item.key, { ...(f.field !== undefined ? { field: f.field } : {}), message: `the constructs refuse it: ${f.message}` });
      }
      continue;
    }
    const output = result.output!;
    const produced = new Map(output.map((o) => [keyOf(o), o]));
    let changed = false;
    for (const code of codes.filter((c) => c.l2)) {
      const got = produced.get(code.item.key);
      const d = got === undefined
        ? { field: 'metadata.name', message: 'the constructs wrote no object of this kind and name' }
        : firstDifference(normalizeObject(got), normalizeObject(code.item.object));
      if (d) {
        raw.add(code.item.key);
        reasons.set(code.item.key, { field: d.field, message: `the constructs write it differently (${d.message})` });
        changed = true;
      }
    }
    // an object the constructs add (an automatic grant) is not in the input: whoever made it is written as an ApiObject
    for (const o of result.chart!.node.findAll()) {
      if (!(o instanceof ApiObject) || byKey.has(keyOf(o.toJson() as Json))) continue;
      const owner = codes.find((c) => c.l2 && o.node.scopes.some((s) => s.node.id === idOf(c) && s.node.scope === result.chart));
      if (owner) {
        raw.add(owner.item.key);
        reasons.set(owner.item.key, { message: `the constructs add ${describe({ kind: o.kind, name: o.name, namespace: o.metadata.namespace })}, which is not in the input` });
        changed = true;
      }
    }
    if (!changed) break;
  }
  for (const code of codes.filter((c) => c.l2)) {
    for (const change of planner.changes.get(code.item.key) ?? []) findings.push({ source: code.item.source, object: describe(code.item), message: change });
  }
  for (const code of codes.filter((c) => !c.l2)) {
    const r = reasons.get(code.item.key);
    if (r) findings.push({ source: code.item.source, object: describe(code.item), ...(r.field !== undefined ? { field: r.field } : {}), message: `kept as an ApiObject: ${r.message}` });
  }
  const body: Statement[] = codes.flatMap((c) => {
    const r = reasons.get(c.item.key);
    if (c.l2 || !r) return c.statements;
    const [first, ...others] = c.statements;
    return [{ ...first, comments: [...first.comments, `kept as an ApiObject: ${r.field !== undefined ? `${r.field}: ` : ''}${r.message}`] }, ...others];
  });
  const code = printModule(className, [
    'Written by `cdk8s-gateway convert` from Gateway API manifests; edit it as your own code.',
  ], body, new Set(Object.keys(PACKAGE_CLASSES)), options.packageName ?? 'cdk8s-gateway-api');
  const l2Objects = codes.filter((c) => c.l2).length;
  return { code, findings, expected, l2Objects, apiObjects: codes.length - l2Objects };
}

function idOf(code: ObjectCode): string {
  const first = code.statements.find((s) => s.declare === code.variable);
  const args = first?.expr.k === 'new' ? first.expr.args : [];
  const id = args[1];
  return id?.k === 'data' ? String(id.value) : '';
}
