/**
 * From manifests to the statements of a chart: one object at a time, with the
 * L2 constructs where the converter knows the kind and every field, and as an
 * `ApiObject` with the object's content otherwise.
 */
import { CorsMethod, RedirectScheme, RedirectStatusCode } from '../filter';
import { FrontendValidationMode } from '../gateway';
import { HttpMethod } from '../http-match';
import { GATEWAY_API_GROUP, isGatewayParent } from '../model';
import { arr, call, data, Expr, get, make, obj, ref, Statement, THIS } from './code';

type Json = Record<string, unknown>;

/** An input object, read as v1 where it is a Gateway API kind of an older version. */
export interface PlanObject {
  /** `group/kind/namespace/name`. */
  readonly key: string;
  readonly object: Json;
  readonly source: string;
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  /** The namespace. @default - none (cluster-scoped, or the chart's) */
  readonly namespace?: string;
  /** Comment lines about how the object was read (older version). */
  readonly notes: readonly string[];
}

/** Why a field has no L2 form in the converter: the object is written as an ApiObject. */
export class Unsupported extends Error {
  public constructor(public readonly field: string, public readonly why: string) {
    super(`${field}: ${why}`);
  }
}

/** The statements of one object (with the by-name references it needs first). */
export interface ObjectCode {
  readonly item: PlanObject;
  readonly variable: string;
  readonly statements: Statement[];
  readonly l2: boolean;
}

/** Keys of metadata a chart can set; the others (uid, resourceVersion, ...) are written by the API server. */
export const CHART_METADATA = ['name', 'namespace', 'labels', 'annotations', 'finalizers', 'ownerReferences'];

const SUFFIX: Record<string, string> = {
  GatewayClass: 'Class',
  Gateway: 'Gateway',
  HTTPRoute: 'Route',
  GRPCRoute: 'Route',
  TCPRoute: 'Route',
  TLSRoute: 'Route',
  UDPRoute: 'Route',
  ReferenceGrant: 'Grant',
  BackendTLSPolicy: 'Policy',
  ListenerSet: 'ListenerSet',
};

/** Words a variable cannot be (strict mode). */
const RESERVED = new Set(['break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export',
  'extends', 'false', 'finally', 'for', 'function', 'if', 'implements', 'import', 'in', 'instanceof', 'interface', 'let', 'new', 'null', 'package',
  'private', 'protected', 'public', 'return', 'static', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with',
  'yield', 'await', 'arguments', 'eval', 'undefined']);

/** `main-gateway` as `mainGateway`. */
export function camel(words: string): string {
  const parts = words.split(/[^A-Za-z0-9]+/).filter((p) => p.length > 0);
  return parts.map((p, i) => (i === 0 ? p.charAt(0).toLowerCase() + p.slice(1) : p.charAt(0).toUpperCase() + p.slice(1))).join('');
}

function pascal(words: string): string {
  const c = camel(words);
  return c.charAt(0).toUpperCase() + c.slice(1);
}

/** The variable name of an object: its name and kind (`mainGateway`, `apiRoute`), unique among `taken`. */
export function variableName(item: { group: string; kind: string; name: string; namespace?: string }, taken: Set<string>): string {
  const suffix = item.group === GATEWAY_API_GROUP ? SUFFIX[item.kind] ?? item.kind : item.kind;
  const base = camel(item.name);
  const lowerSuffix = suffix.toLowerCase();
  let name: string;
  if (base.length === 0) name = camel(suffix);
  else if (!/^[a-z_$]/i.test(base)) name = `${camel(suffix)}${pascal(base)}`; // a name that starts with a digit: the kind first
  else name = base.toLowerCase().endsWith(lowerSuffix) ? base : `${base}${pascal(suffix)}`;
  if (RESERVED.has(name)) name = `${name}${pascal(suffix)}`;
  let unique = name;
  if (taken.has(unique) && item.namespace !== undefined) unique = `${camel(item.namespace)}${pascal(name)}`;
  for (let i = 2; taken.has(unique); i++) unique = `${name}${i}`;
  taken.add(unique);
  return unique;
}

/** The order objects are written in: classes, gateways, listener sets, routes, grants, policies, then the rest as read. */
export function dependencyRank(item: PlanObject): number {
  if (item.group !== GATEWAY_API_GROUP) return 0;
  const order = ['GatewayClass', 'Gateway', 'ListenerSet', 'HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute', 'ReferenceGrant', 'BackendTLSPolicy'];
  const i = order.indexOf(item.kind);
  return i < 0 ? order.length + 1 : i + 1;
}

/** Every key of `o` must be one of `known`. */
function onlyKeys(o: Json, known: readonly string[], at: string): void {
  for (const k of Object.keys(o)) {
    if (!known.includes(k)) throw new Unsupported(`${at}.${k}`, 'the converter has no L2 form for this field');
  }
}

function isObj(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function asObj(v: unknown, at: string): Json {
  if (!isObj(v)) throw new Unsupported(at, 'expected an object');
  return v;
}

function asList(v: unknown, at: string): Json[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new Unsupported(at, 'expected a list');
  return v.map((x, i) => asObj(x, `${at}[${i}]`));
}

function str(v: unknown, at: string): string {
  if (typeof v !== 'string') throw new Unsupported(at, 'expected a string');
  return v;
}

function num(v: unknown, at: string): number {
  if (typeof v !== 'number') throw new Unsupported(at, 'expected a number');
  return v;
}

function isEmptyObject(e: Expr): boolean {
  return e.k === 'object' && e.entries.length === 0;
}

/** The member of an enum object whose value is `value`. */
function enumMember(enumName: string, e: Record<string, unknown>, value: unknown, at: string): Expr {
  const found = Object.entries(e).find(([k, v]) => v === value && Number.isNaN(Number(k)));
  if (!found) throw new Unsupported(at, `${JSON.stringify(value)} is not a value of ${enumName}`);
  return get(enumName, found[0]);
}

/** Gateway API durations (`1h2m3s4ms`) in milliseconds. */
export function durationMs(text: string, at: string): number {
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/.exec(text);
  if (!m || text.length === 0) throw new Unsupported(at, `duration '${text}' is not of the form 1h2m3s4ms`);
  const [h, mi, s, ms] = m.slice(1).map((x) => Number(x ?? 0));
  return ((h * 60 + mi) * 60 + s) * 1000 + ms;
}

function durationExpr(text: string, at: string): Expr {
  const ms = durationMs(text, at);
  if (ms % 3_600_000 === 0 && ms > 0) return call('Duration', 'hours', data(ms / 3_600_000));
  if (ms % 60_000 === 0 && ms > 0) return call('Duration', 'minutes', data(ms / 60_000));
  if (ms % 1000 === 0) return call('Duration', 'seconds', data(ms / 1000));
  return call('Duration', 'millis', data(ms));
}

/** Builds the statements of the objects, in order; objects in `raw` (by key) are written as ApiObjects. */
export class Planner {
  private readonly taken = new Set<string>(['scope', 'id', 'props']);
  private readonly ids = new Set<string>();
  private readonly variables = new Map<string, string>();
  private readonly byKey = new Map<string, PlanObject>();
  /** By-name references already declared: `kind/namespace/name` to the variable. */
  private readonly imported = new Map<string, string>();
  private pending: Statement[] = [];
  private current?: PlanObject;
  private crossNamespace = false;
  private objectNotes: string[] = [];
  /** What writing an object with the constructs changes without changing its meaning, by key. */
  public readonly changes = new Map<string, string[]>();
  /** Objects the converter wrote as ApiObjects because a field has no L2 form, by key. */
  public readonly refusals = new Map<string, Unsupported>();

  private readonly raw: Set<string>;
  private readonly constructIds = new Map<string, string>();

  public constructor(private readonly items: readonly PlanObject[], raw: ReadonlySet<string>) {
    this.raw = new Set(raw);
    for (const i of items) {
      this.byKey.set(i.key, i);
      this.variables.set(i.key, variableName(i, this.taken));
    }
    // construct ids: the Gateway API objects get their plain names first
    for (const i of [...items.filter((x) => x.group === GATEWAY_API_GROUP), ...items.filter((x) => x.group !== GATEWAY_API_GROUP)]) {
      this.constructIds.set(i.key, this.uniqueId([i.name, `${i.name}-${i.kind.toLowerCase()}`, `${i.namespace ?? 'cluster'}-${i.name}-${i.kind.toLowerCase()}`]));
    }
  }

  /** The code of every object, in dependency order. */
  public plan(): ObjectCode[] {
    const ordered = this.items.map((item, index) => ({ item, index }))
      .sort((a, b) => dependencyRank(a.item) - dependencyRank(b.item) || a.index - b.index)
      .map((x) => x.item);
    return ordered.map((item) => this.objectCode(item));
  }

  private objectCode(item: PlanObject): ObjectCode {
    const variable = this.variables.get(item.key)!;
    const comments = [item.source, ...item.notes];
    const id = this.constructId(item);
    if (!this.raw.has(item.key) && item.group === GATEWAY_API_GROUP) {
      const saved = new Map(this.imported);
      const savedTaken = new Set(this.taken);
      this.pending = [];
      this.current = item;
      this.crossNamespace = false;
      this.objectNotes = [];
      try {
        const body = this.l2(item, variable, id);
        if (this.objectNotes.length > 0) this.changes.set(item.key, this.objectNotes);
        const statements = [...this.pending, { ...body[0], comments: [...comments, ...this.objectNotes, ...body[0].comments] }, ...body.slice(1)];
        return { item, variable, statements, l2: true };
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e;
        // the object's by-name references are not written: forget them
        this.imported.clear();
        saved.forEach((v, k) => this.imported.set(k, v));
        this.taken.clear();
        savedTaken.forEach((t) => this.taken.add(t));
        this.refusals.set(item.key, e);
        // later objects refer to it by name
        this.raw.add(item.key);
      }
    }
    return { item, variable, statements: [{ comments, declare: variable, expr: this.rawExpr(item, id) }], l2: false };
  }

  /** The ApiObject statement of an object (the escape hatch). */
  public rawExpr(item: PlanObject, id: string): Expr {
    const { apiVersion, kind, metadata, ...rest } = item.object;
    return make('ApiObject', THIS, data(id), obj([
      ['apiVersion', data(apiVersion)],
      ['kind', data(kind)],
      ['metadata', data(metadata ?? {})],
      ...Object.entries(rest).map(([k, v]) => [k, data(v)] as const),
    ]));
  }

  /** A construct id: the object's name, made unique with its kind and namespace. */
  public constructId(item: PlanObject): string {
    return this.constructIds.get(item.key)!;
  }

  private uniqueId(candidates: readonly string[]): string {
    const last = candidates[candidates.length - 1];
    let id = candidates.find((c) => !this.ids.has(c)) ?? last;
    for (let i = 2; this.ids.has(id); i++) id = `${last}-${i}`;
    this.ids.add(id);
    return id;
  }

  private metadata(item: PlanObject): Expr {
    const m = asObj(item.object.metadata ?? {}, 'metadata');
    return data(Object.fromEntries(Object.entries(m).filter(([k]) => CHART_METADATA.includes(k))));
  }

  private spec(item: PlanObject): Json {
    onlyKeys(item.object, ['apiVersion', 'kind', 'metadata', 'spec', 'status'], '');
    return asObj(item.object.spec ?? {}, 'spec');
  }

  private l2(item: PlanObject, v: string, id: string): Statement[] {
    switch (item.kind) {
      case 'GatewayClass': return this.gatewayClass(item, v, id);
      case 'Gateway': return this.gateway(item, v, id);
      case 'ListenerSet': return this.listenerSet(item, v, id);
      case 'HTTPRoute': return this.route(item, v, id, 'HttpRoute');
      case 'GRPCRoute': return this.route(item, v, id, 'GrpcRoute');
      case 'TLSRoute': return this.route(item, v, id, 'TlsRoute');
      case 'TCPRoute': return this.route(item, v, id, 'TcpRoute');
      case 'UDPRoute': return this.route(item, v, id, 'UdpRoute');
      case 'ReferenceGrant': return this.referenceGrant(item, v, id);
      case 'BackendTLSPolicy': return this.backendTlsPolicy(item, v, id);
      default: throw new Unsupported('kind', `the L2 constructs have no ${item.kind}`);
    }
  }

  // ------------------------------------------------------------ references

  private find(group: string, kind: string, namespace: string | undefined, name: string): PlanObject | undefined {
    return this.byKey.get(`${group}/${kind}/${namespace ?? ''}/${name}`);
  }

  /** The variable of an input object written with L2 constructs, or undefined. */
  private construct(group: string, kind: string, namespace: string | undefined, name: string): string | undefined {
    const found = this.find(group, kind, namespace, name);
    return found && !this.raw.has(found.key) ? this.variables.get(found.key) : undefined;
  }

  /** The variable of any input object (ApiObjects included). */
  private anyObject(group: string, kind: string, namespace: string | undefined, name: string): string | undefined {
    const found = this.find(group, kind, namespace, name);
    return found ? this.variables.get(found.key) : undefined;
  }

  /** A by-name reference (`Gateway.fromGatewayName(this, ...)`), declared once before the object that first needs it. */
  private imported_(cls: string, factory: string, kind: string, name: string, namespace: string | undefined): Expr {
    const k = `${kind}/${namespace ?? ''}/${name}`;
    let v = this.imported.get(k);
    if (v === undefined) {
      v = variableName({ group: GATEWAY_API_GROUP, kind, name, namespace }, this.taken);
      this.imported.set(k, v);
      const id = this.uniqueId([`${name}-ref`, `${namespace ?? 'cluster'}-${name}-ref`]);
      const args: Expr[] = [THIS, data(id), data(name)];
      if (namespace !== undefined) args.push(obj([['namespace', data(namespace)]]));
      this.pending.push({ comments: [`${kind} '${name}'${namespace !== undefined ? ` in namespace '${namespace}'` : ''} is not in the input: referred to by name`], declare: v, expr: call(cls, factory, ...args) });
    }
    return ref(v);
  }

  private gatewayClassRef(name: string): Expr {
    const v = this.construct(GATEWAY_API_GROUP, 'GatewayClass', undefined, name);
    return v !== undefined ? ref(v) : this.imported_('GatewayClass', 'fromGatewayClassName', 'GatewayClass', name, undefined);
  }

  /** A Gateway or ListenerSet parent (`r` with group/kind/name/namespace), as a construct or by name. */
  private parentOwner(r: Json, at: string, ownNamespace: string | undefined): Expr {
    const group = r.group === undefined ? GATEWAY_API_GROUP : str(r.group, `${at}.group`);
    const kind = r.kind === undefined ? 'Gateway' : str(r.kind, `${at}.kind`);
    const name = str(r.name, `${at}.name`);
    let explicitNs = r.namespace === undefined ? undefined : str(r.namespace, `${at}.namespace`);
    if (explicitNs !== undefined && explicitNs === ownNamespace) {
      // the constructs write a parent in the object's own namespace without it, which means the same
      this.objectNotes.push(`${at.replace(/^\./, '')}.namespace '${explicitNs}' is the object's own: written without it (same meaning)`);
      explicitNs = undefined;
    }
    if (!isGatewayParent({ group, kind })) {
      throw new Unsupported(at, `a parent of kind ${kind} (${group === '' ? 'core group' : group}) has no L2 form`);
    }
    const v = this.construct(group, kind, explicitNs ?? ownNamespace, name);
    if (v !== undefined) return ref(v);
    return kind === 'Gateway'
      ? this.imported_('Gateway', 'fromGatewayName', 'Gateway', name, explicitNs)
      : this.imported_('ListenerSet', 'fromListenerSetName', 'ListenerSet', name, explicitNs);
  }

  private parent(r: Json, at: string, ownNamespace: string | undefined): Expr {
    onlyKeys(r, ['group', 'kind', 'namespace', 'name', 'sectionName', 'port'], at);
    if (r.port !== undefined) {
      // no factory takes a port: an IParentRef written out
      return obj([['parentRef', data({ group: GATEWAY_API_GROUP, kind: 'Gateway', ...r })]]);
    }
    const owner = this.parentOwner(r, at, ownNamespace);
    return r.sectionName === undefined ? owner : call(owner, 'listener', data(str(r.sectionName, `${at}.sectionName`)));
  }

  private noteNamespace(namespace: string | undefined): void {
    if (namespace !== undefined && namespace !== this.current?.namespace) this.crossNamespace = true;
  }

  private backend(r: Json, at: string, ownNamespace: string | undefined, extra: ReadonlyArray<readonly [string, Expr | undefined]>, allowWeight = true): Expr {
    onlyKeys(r, ['group', 'kind', 'namespace', 'name', 'port', ...(allowWeight ? ['weight'] : [])], at);
    const group = r.group === undefined ? '' : str(r.group, `${at}.group`);
    const kind = r.kind === undefined ? 'Service' : str(r.kind, `${at}.kind`);
    const name = str(r.name, `${at}.name`);
    const namespace = r.namespace === undefined ? undefined : str(r.namespace, `${at}.namespace`);
    this.noteNamespace(namespace);
    const port = r.port === undefined ? undefined : data(num(r.port, `${at}.port`));
    const weight = r.weight === undefined ? undefined : data(num(r.weight, `${at}.weight`));
    if (group === '' && kind === 'Service') {
      if (port === undefined) throw new Unsupported(`${at}.port`, 'a Service backend without a port is refused by Backend.fromService/fromServiceName');
      const svc = namespace === undefined ? this.anyObject('', 'Service', ownNamespace, name) : undefined;
      if (svc !== undefined) return call('Backend', 'fromService', ref(svc), obj([['port', port], ['weight', weight], ...extra]));
      return call('Backend', 'fromServiceName', data(name), obj([['port', port], ['namespace', namespace === undefined ? undefined : data(namespace)], ['weight', weight], ...extra]));
    }
    return call('Backend', 'custom', obj([['group', data(group)], ['kind', data(kind)], ['name', data(name)],
      ['namespace', namespace === undefined ? undefined : data(namespace)], ['port', port], ['weight', weight], ...extra]));
  }

  private certificate(r: Json, at: string, ownNamespace: string | undefined, ca: boolean): Expr {
    onlyKeys(r, ['group', 'kind', 'namespace', 'name'], at);
    const group = r.group === undefined ? '' : str(r.group, `${at}.group`);
    const kind = r.kind === undefined ? 'Secret' : str(r.kind, `${at}.kind`);
    const name = str(r.name, `${at}.name`);
    const namespace = r.namespace === undefined ? undefined : str(r.namespace, `${at}.namespace`);
    this.noteNamespace(namespace);
    const cls = ca ? 'CaCertificate' : 'Certificate';
    if (group === '' && (kind === 'Secret' || (ca && kind === 'ConfigMap'))) {
      const v = namespace === undefined ? this.anyObject('', kind, ownNamespace, name) : undefined;
      if (v !== undefined) return call(cls, kind === 'Secret' ? 'fromSecret' : 'fromConfigMap', ref(v));
      const args: Expr[] = [data(name)];
      if (namespace !== undefined) args.push(obj([['namespace', data(namespace)]]));
      return call(cls, kind === 'Secret' ? 'fromSecretName' : 'fromConfigMapName', ...args);
    }
    return call(cls, 'custom', obj([['group', data(group)], ['kind', data(kind)], ['name', data(name)], ['namespace', namespace === undefined ? undefined : data(namespace)]]));
  }

  // --------------------------------------------------------------- kinds

  private gatewayClass(item: PlanObject, v: string, id: string): Statement[] {
    const spec = this.spec(item);
    onlyKeys(spec, ['controllerName', 'description', 'parametersRef'], 'spec');
    return [{
      comments: [],
      declare: v,
      expr: make('GatewayClass', THIS, data(id), obj([
        ['metadata', this.metadata(item)],
        ['controllerName', data(str(spec.controllerName, 'spec.controllerName'))],
        ['description', spec.description === undefined ? undefined : data(spec.description)],
        ['parametersRef', spec.parametersRef === undefined ? undefined : data(spec.parametersRef)],
      ])),
    }];
  }

  private listenerOptions(l: Json, at: string, ownNamespace: string | undefined): Expr {
    onlyKeys(l, ['name', 'port', 'protocol', 'hostname', 'tls', 'allowedRoutes'], at);
    const protocol = str(l.protocol, `${at}.protocol`);
    const known = ['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP'];
    let tls: Expr | undefined;
    if (l.tls !== undefined) {
      const t = asObj(l.tls, `${at}.tls`);
      onlyKeys(t, ['mode', 'certificateRefs', 'options'], `${at}.tls`);
      const options = t.options === undefined ? undefined : obj([['options', data(t.options)]]);
      if (t.mode === 'Passthrough') {
        if (t.certificateRefs !== undefined) throw new Unsupported(`${at}.tls.certificateRefs`, 'ListenerTls.passthrough() takes no certificates');
        tls = call('ListenerTls', 'passthrough', ...(options ? [options] : []));
      } else {
        const certs = asList(t.certificateRefs, `${at}.tls.certificateRefs`).map((c, i) => this.certificate(c, `${at}.tls.certificateRefs[${i}]`, ownNamespace, false));
        tls = call('ListenerTls', 'terminate', arr(certs), ...(options ? [options] : []));
      }
    }
    let allowed: Expr | undefined;
    if (l.allowedRoutes !== undefined) {
      const a = asObj(l.allowedRoutes, `${at}.allowedRoutes`);
      onlyKeys(a, ['namespaces', 'kinds'], `${at}.allowedRoutes`);
      const kinds = asList(a.kinds, `${at}.allowedRoutes.kinds`).map((k, i) => {
        onlyKeys(k, ['group', 'kind'], `${at}.allowedRoutes.kinds[${i}]`);
        const group = k.group === undefined ? GATEWAY_API_GROUP : str(k.group, `${at}.allowedRoutes.kinds[${i}].group`);
        const kind = str(k.kind, `${at}.allowedRoutes.kinds[${i}].kind`);
        const constant = { HTTPRoute: 'HTTP_ROUTE', GRPCRoute: 'GRPC_ROUTE', TLSRoute: 'TLS_ROUTE', TCPRoute: 'TCP_ROUTE', UDPRoute: 'UDP_ROUTE' }[kind];
        return group === GATEWAY_API_GROUP && constant !== undefined ? get('RouteKind', constant) : call('RouteKind', 'custom', data(group), data(kind));
      });
      const kindOptions = kinds.length > 0 ? [obj([['kinds', arr(kinds)]])] : [];
      if (a.namespaces === undefined) {
        allowed = kinds.length > 0 ? call('AllowedRoutes', 'kinds', ...kinds) : undefined;
        if (kinds.length === 0) throw new Unsupported(`${at}.allowedRoutes`, 'an empty allowedRoutes has no L2 form');
      } else {
        const n = asObj(a.namespaces, `${at}.allowedRoutes.namespaces`);
        onlyKeys(n, ['from', 'selector'], `${at}.allowedRoutes.namespaces`);
        const from = n.from ?? 'Same';
        if (from === 'Selector') {
          const sel = asObj(n.selector, `${at}.allowedRoutes.namespaces.selector`);
          const labelsOnly = Object.keys(sel).length === 1 && isObj(sel.matchLabels);
          allowed = labelsOnly
            ? call('AllowedRoutes', 'fromNamespacesWithLabels', data(sel.matchLabels), ...kindOptions)
            : call('AllowedRoutes', 'fromNamespaces', data(sel), ...kindOptions);
        } else if (from === 'Same' || from === 'All') {
          if (n.selector !== undefined) throw new Unsupported(`${at}.allowedRoutes.namespaces.selector`, `a selector with from: ${from} has no L2 form`);
          allowed = call('AllowedRoutes', from === 'Same' ? 'same' : 'all', ...kindOptions);
        } else {
          throw new Unsupported(`${at}.allowedRoutes.namespaces.from`, `'${String(from)}' has no L2 form`);
        }
      }
    }
    return obj([
      ['port', data(num(l.port, `${at}.port`))],
      ['protocol', known.includes(protocol) ? get('ListenerProtocol', protocol) : call('ListenerProtocol', 'custom', data(protocol))],
      ['hostname', l.hostname === undefined ? undefined : data(str(l.hostname, `${at}.hostname`))],
      ['tls', tls],
      ['allowedRoutes', allowed],
    ]);
  }

  private addListeners(v: string, listeners: Json[], ownNamespace: string | undefined): Statement[] {
    return listeners.map((l, i) => ({
      comments: [],
      field: `spec.listeners[${i}]`,
      expr: call(ref(v), 'addListener', data(str(l.name, `spec.listeners[${i}].name`)), this.listenerOptions(l, `spec.listeners[${i}]`, ownNamespace)),
    }));
  }

  private grantPolicy(): Expr | undefined {
    // explicit grants stay explicit: the constructs add none beside them
    return this.crossNamespace ? get('ReferenceGrantPolicy', 'NONE') : undefined;
  }

  private gateway(item: PlanObject, v: string, id: string): Statement[] {
    const spec = this.spec(item);
    onlyKeys(spec, ['gatewayClassName', 'listeners', 'addresses', 'infrastructure', 'allowedListeners', 'tls'], 'spec');
    const listeners = asList(spec.listeners, 'spec.listeners');
    const addListeners = this.addListeners(v, listeners, item.namespace);
    const addresses = asList(spec.addresses, 'spec.addresses').map((a, i) => {
      onlyKeys(a, ['type', 'value'], `spec.addresses[${i}]`);
      const type = a.type === undefined ? 'IPAddress' : str(a.type, `spec.addresses[${i}].type`);
      const value = a.value === undefined ? [] : [data(str(a.value, `spec.addresses[${i}].value`))];
      const factory = { IPAddress: 'ipAddress', Hostname: 'hostname', NamedAddress: 'namedAddress' }[type];
      return factory !== undefined ? call('GatewayAddress', factory, ...value) : call('GatewayAddress', 'custom', data(type), ...value);
    });
    let allowedListeners: Expr | undefined;
    if (spec.allowedListeners !== undefined) {
      const n = asObj(asObj(spec.allowedListeners, 'spec.allowedListeners').namespaces ?? {}, 'spec.allowedListeners.namespaces');
      onlyKeys(n, ['from', 'selector'], 'spec.allowedListeners.namespaces');
      const from = n.from ?? 'None';
      allowedListeners = from === 'Selector'
        ? call('AllowedListeners', 'fromNamespaces', data(n.selector))
        : call('AllowedListeners', { None: 'none', Same: 'same', All: 'all' }[String(from)] ?? 'none');
    }
    const tls = spec.tls === undefined ? undefined : this.gatewayTls(asObj(spec.tls, 'spec.tls'), item.namespace);
    const policy = this.grantPolicy();
    return [{
      comments: [],
      declare: v,
      expr: make('Gateway', THIS, data(id), obj([
        ['metadata', this.metadata(item)],
        ['gatewayClass', this.gatewayClassRef(str(spec.gatewayClassName, 'spec.gatewayClassName'))],
        ['addresses', addresses.length > 0 ? arr(addresses) : undefined],
        ['infrastructure', spec.infrastructure === undefined ? undefined : data(spec.infrastructure)],
        ['allowedListeners', allowedListeners],
        ['tls', tls],
        ['referenceGrants', policy],
      ])),
    }, ...addListeners];
  }

  private frontendValidation(v: Json, at: string, ownNamespace: string | undefined): Expr {
    onlyKeys(v, ['caCertificateRefs', 'mode'], at);
    const cas = asList(v.caCertificateRefs, `${at}.caCertificateRefs`).map((c, i) => {
      if (c.kind === undefined) throw new Unsupported(`${at}.caCertificateRefs[${i}].kind`, 'a CA reference without a kind has no L2 form');
      return this.certificate(c, `${at}.caCertificateRefs[${i}]`, ownNamespace, true);
    });
    return obj([
      ['caCertificates', arr(cas)],
      ['mode', v.mode === undefined ? undefined : enumMember('FrontendValidationMode', FrontendValidationMode as unknown as Json, v.mode, `${at}.mode`)],
    ]);
  }

  private gatewayTls(t: Json, ownNamespace: string | undefined): Expr {
    onlyKeys(t, ['frontend', 'backend'], 'spec.tls');
    let frontendValidation: Expr | undefined;
    let perPort: Expr | undefined;
    if (t.frontend !== undefined) {
      const f = asObj(t.frontend, 'spec.tls.frontend');
      onlyKeys(f, ['default', 'perPort'], 'spec.tls.frontend');
      const d = asObj(f.default ?? {}, 'spec.tls.frontend.default');
      onlyKeys(d, ['validation'], 'spec.tls.frontend.default');
      if (d.validation !== undefined) {
        frontendValidation = this.frontendValidation(asObj(d.validation, 'spec.tls.frontend.default.validation'), 'spec.tls.frontend.default.validation', ownNamespace);
      } else if (f.perPort === undefined) {
        throw new Unsupported('spec.tls.frontend', 'a frontend without validation has no L2 form');
      }
      const ports = asList(f.perPort, 'spec.tls.frontend.perPort').map((p, i) => {
        const at = `spec.tls.frontend.perPort[${i}]`;
        onlyKeys(p, ['port', 'tls'], at);
        const pt = asObj(p.tls ?? {}, `${at}.tls`);
        onlyKeys(pt, ['validation'], `${at}.tls`);
        return obj([
          ['port', data(num(p.port, `${at}.port`))],
          ['validation', pt.validation === undefined ? undefined : this.frontendValidation(asObj(pt.validation, `${at}.tls.validation`), `${at}.tls.validation`, ownNamespace)],
        ]);
      });
      if (ports.length > 0) perPort = arr(ports);
    }
    let backendClientCertificate: Expr | undefined;
    if (t.backend !== undefined) {
      const b = asObj(t.backend, 'spec.tls.backend');
      onlyKeys(b, ['clientCertificateRef'], 'spec.tls.backend');
      if (b.clientCertificateRef === undefined) throw new Unsupported('spec.tls.backend', 'a backend TLS block without clientCertificateRef has no L2 form');
      backendClientCertificate = this.certificate(asObj(b.clientCertificateRef, 'spec.tls.backend.clientCertificateRef'), 'spec.tls.backend.clientCertificateRef', ownNamespace, false);
    }
    return obj([['frontendValidation', frontendValidation], ['frontendPerPort', perPort], ['backendClientCertificate', backendClientCertificate]]);
  }

  private listenerSet(item: PlanObject, v: string, id: string): Statement[] {
    const spec = this.spec(item);
    onlyKeys(spec, ['parentRef', 'listeners'], 'spec');
    const p = asObj(spec.parentRef, 'spec.parentRef');
    onlyKeys(p, ['group', 'kind', 'namespace', 'name'], 'spec.parentRef');
    if ((p.kind ?? 'Gateway') !== 'Gateway') throw new Unsupported('spec.parentRef.kind', 'a ListenerSet belongs to a Gateway');
    const gateway = this.parentOwner(p, 'spec.parentRef', item.namespace);
    const addListeners = this.addListeners(v, asList(spec.listeners, 'spec.listeners'), item.namespace);
    return [{
      comments: [],
      declare: v,
      expr: make('ListenerSet', THIS, data(id), obj([
        ['metadata', this.metadata(item)],
        ['gateway', gateway],
        ['referenceGrants', this.grantPolicy()],
      ])),
    }, ...addListeners];
  }

  private headerMatch(h: Json, at: string): Expr {
    onlyKeys(h, ['name', 'value', 'type'], at);
    const name = data(str(h.name, `${at}.name`));
    const value = data(str(h.value, `${at}.value`));
    if (h.type === undefined || h.type === 'Exact') return call('HeaderMatch', 'exact', name, value);
    if (h.type === 'RegularExpression') return call('HeaderMatch', 'regex', name, value);
    throw new Unsupported(`${at}.type`, `'${String(h.type)}' is not a header match type`);
  }

  private queryMatch(h: Json, at: string): Expr {
    onlyKeys(h, ['name', 'value', 'type'], at);
    const name = data(str(h.name, `${at}.name`));
    const value = data(str(h.value, `${at}.value`));
    if (h.type === undefined || h.type === 'Exact') return call('QueryParamMatch', 'exact', name, value);
    if (h.type === 'RegularExpression') return call('QueryParamMatch', 'regex', name, value);
    throw new Unsupported(`${at}.type`, `'${String(h.type)}' is not a query parameter match type`);
  }

  private httpMatch(m: Json, at: string): Expr {
    onlyKeys(m, ['path', 'headers', 'queryParams', 'method'], at);
    const headers = asList(m.headers, `${at}.headers`).map((h, i) => this.headerMatch(h, `${at}.headers[${i}]`));
    const query = asList(m.queryParams, `${at}.queryParams`).map((h, i) => this.queryMatch(h, `${at}.queryParams[${i}]`));
    const options = obj([
      ['headers', headers.length > 0 ? arr(headers) : undefined],
      ['queryParams', query.length > 0 ? arr(query) : undefined],
      ['method', m.method === undefined ? undefined : enumMember('HttpMethod', HttpMethod as unknown as Json, m.method, `${at}.method`)],
    ]);
    const opts = isEmptyObject(options) === false ? [options] : [];
    if (m.path === undefined) {
      return opts.length > 0 ? call('HttpMatch', 'anyPath', ...opts) : call('HttpMatch', 'pathPrefix', data('/'));
    }
    const p = asObj(m.path, `${at}.path`);
    onlyKeys(p, ['type', 'value'], `${at}.path`);
    const value = data(p.value === undefined ? '/' : str(p.value, `${at}.path.value`));
    const factory = { PathPrefix: 'pathPrefix', Exact: 'pathExact', RegularExpression: 'pathRegex' }[String(p.type ?? 'PathPrefix')];
    if (factory === undefined) throw new Unsupported(`${at}.path.type`, `'${String(p.type)}' is not a path match type`);
    return call('HttpMatch', factory, value, ...opts);
  }

  private headerModifier(f: Json, at: string): Expr {
    onlyKeys(f, ['set', 'add', 'remove'], at);
    const map = (list: unknown, field: string): Expr | undefined => {
      const entries = asList(list, `${at}.${field}`);
      if (entries.length === 0) return undefined;
      const out: Json = {};
      entries.forEach((e, i) => {
        onlyKeys(e, ['name', 'value'], `${at}.${field}[${i}]`);
        const name = str(e.name, `${at}.${field}[${i}].name`);
        if (Object.prototype.hasOwnProperty.call(out, name)) throw new Unsupported(`${at}.${field}[${i}]`, `header '${name}' is listed twice; the L2 takes a map`);
        out[name] = str(e.value, `${at}.${field}[${i}].value`);
      });
      return data(out);
    };
    return obj([['set', map(f.set, 'set')], ['add', map(f.add, 'add')], ['remove', f.remove === undefined ? undefined : data(f.remove)]]);
  }

  private pathModifier(p: Json, at: string): Expr {
    onlyKeys(p, ['type', 'replaceFullPath', 'replacePrefixMatch'], at);
    if (p.type === 'ReplaceFullPath') return call('PathModifier', 'replaceFullPath', data(str(p.replaceFullPath, `${at}.replaceFullPath`)));
    if (p.type === 'ReplacePrefixMatch') return call('PathModifier', 'replacePrefixMatch', data(str(p.replacePrefixMatch, `${at}.replacePrefixMatch`)));
    throw new Unsupported(`${at}.type`, `'${String(p.type)}' is not a path modifier type`);
  }

  private filter(f: Json, at: string, ownNamespace: string | undefined): Expr {
    const type = str(f.type, `${at}.type`);
    const field = type === 'URLRewrite' ? 'urlRewrite' : type === 'CORS' ? 'cors' : type.charAt(0).toLowerCase() + type.slice(1);
    onlyKeys(f, ['type', field], at);
    const body = asObj(f[field] ?? {}, `${at}.${field}`);
    const sub = `${at}.${field}`;
    switch (type) {
      case 'RequestHeaderModifier': return call('Filter', 'requestHeaders', this.headerModifier(body, sub));
      case 'ResponseHeaderModifier': return call('Filter', 'responseHeaders', this.headerModifier(body, sub));
      case 'RequestRedirect':
        onlyKeys(body, ['scheme', 'hostname', 'path', 'port', 'statusCode'], sub);
        return call('Filter', 'requestRedirect', obj([
          ['scheme', body.scheme === undefined ? undefined : enumMember('RedirectScheme', RedirectScheme as unknown as Json, body.scheme, `${sub}.scheme`)],
          ['hostname', body.hostname === undefined ? undefined : data(body.hostname)],
          ['path', body.path === undefined ? undefined : this.pathModifier(asObj(body.path, `${sub}.path`), `${sub}.path`)],
          ['port', body.port === undefined ? undefined : data(body.port)],
          ['statusCode', body.statusCode === undefined ? undefined : enumMember('RedirectStatusCode', RedirectStatusCode as unknown as Json, body.statusCode, `${sub}.statusCode`)],
        ]));
      case 'URLRewrite':
        onlyKeys(body, ['hostname', 'path'], sub);
        return call('Filter', 'urlRewrite', obj([
          ['hostname', body.hostname === undefined ? undefined : data(body.hostname)],
          ['path', body.path === undefined ? undefined : this.pathModifier(asObj(body.path, `${sub}.path`), `${sub}.path`)],
        ]));
      case 'RequestMirror': {
        onlyKeys(body, ['backendRef', 'percent', 'fraction'], sub);
        const backend = this.backend(asObj(body.backendRef, `${sub}.backendRef`), `${sub}.backendRef`, ownNamespace, [], false);
        const options = obj([['percent', body.percent === undefined ? undefined : data(body.percent)], ['fraction', body.fraction === undefined ? undefined : data(body.fraction)]]);
        return call('Filter', 'requestMirror', backend, ...(isEmptyObject(options) === false ? [options] : []));
      }
      case 'CORS':
        onlyKeys(body, ['allowOrigins', 'allowMethods', 'allowHeaders', 'exposeHeaders', 'allowCredentials', 'maxAge'], sub);
        return call('Filter', 'cors', obj([
          ['allowOrigins', body.allowOrigins === undefined ? undefined : data(body.allowOrigins)],
          ['allowMethods', body.allowMethods === undefined ? undefined
            : arr((body.allowMethods as unknown[]).map((m, i) => enumMember('CorsMethod', CorsMethod as unknown as Json, m, `${sub}.allowMethods[${i}]`)))],
          ['allowHeaders', body.allowHeaders === undefined ? undefined : data(body.allowHeaders)],
          ['exposeHeaders', body.exposeHeaders === undefined ? undefined : data(body.exposeHeaders)],
          ['allowCredentials', body.allowCredentials === undefined ? undefined : data(body.allowCredentials)],
          ['maxAge', body.maxAge === undefined ? undefined : call('Duration', 'seconds', data(num(body.maxAge, `${sub}.maxAge`)))],
        ]));
      case 'ExtensionRef':
        onlyKeys(body, ['group', 'kind', 'name'], sub);
        return call('Filter', 'extensionRef', data(body));
      default:
        throw new Unsupported(`${at}.type`, `filter type '${type}' has no L2 factory`);
    }
  }

  private filters(list: unknown, at: string, ownNamespace: string | undefined): Expr | undefined {
    const fs = asList(list, at).map((f, i) => this.filter(f, `${at}[${i}]`, ownNamespace));
    return fs.length > 0 ? arr(fs) : undefined;
  }

  private backends(list: unknown, at: string, ownNamespace: string | undefined, withFilters: boolean): Expr | undefined {
    const bs = asList(list, at).map((b, i) => {
      const { filters, ...rest } = b;
      if (filters !== undefined && !withFilters) throw new Unsupported(`${at}[${i}].filters`, 'this route kind has no backend filters');
      return this.backend(rest, `${at}[${i}]`, ownNamespace, [['filters', this.filters(filters, `${at}[${i}].filters`, ownNamespace)]]);
    });
    return bs.length > 0 ? arr(bs) : undefined;
  }

  private grpcMatch(m: Json, at: string): Expr {
    onlyKeys(m, ['method', 'headers'], at);
    const headers = asList(m.headers, `${at}.headers`).map((h, i) => this.headerMatch(h, `${at}.headers[${i}]`));
    const opts = headers.length > 0 ? [obj([['headers', arr(headers)]])] : [];
    if (m.method === undefined) {
      if (headers.length === 0) throw new Unsupported(at, 'an empty gRPC match has no L2 form');
      return call('GrpcMatch', 'headers', ...headers);
    }
    const method = asObj(m.method, `${at}.method`);
    onlyKeys(method, ['type', 'service', 'method'], `${at}.method`);
    const selector = data(Object.fromEntries(Object.entries(method).filter(([k]) => k !== 'type')));
    const type = method.type ?? 'Exact';
    if (type !== 'Exact' && type !== 'RegularExpression') throw new Unsupported(`${at}.method.type`, `'${String(type)}' is not a gRPC method match type`);
    return call('GrpcMatch', type === 'Exact' ? 'exact' : 'regex', selector, ...opts);
  }

  private rule(kind: string, r: Json, at: string, ownNamespace: string | undefined): Expr {
    const common: Array<readonly [string, Expr | undefined]> = [['name', r.name === undefined ? undefined : data(r.name)]];
    if (kind === 'HttpRoute') {
      onlyKeys(r, ['name', 'matches', 'filters', 'backendRefs', 'timeouts', 'retry', 'sessionPersistence'], at);
      const matches = asList(r.matches, `${at}.matches`).map((m, i) => this.httpMatch(m, `${at}.matches[${i}]`));
      let timeouts: Expr | undefined;
      if (r.timeouts !== undefined) {
        const t = asObj(r.timeouts, `${at}.timeouts`);
        onlyKeys(t, ['request', 'backendRequest'], `${at}.timeouts`);
        timeouts = obj([
          ['request', t.request === undefined ? undefined : durationExpr(str(t.request, `${at}.timeouts.request`), `${at}.timeouts.request`)],
          ['backendRequest', t.backendRequest === undefined ? undefined : durationExpr(str(t.backendRequest, `${at}.timeouts.backendRequest`), `${at}.timeouts.backendRequest`)],
        ]);
      }
      const experimental = r.retry !== undefined || r.sessionPersistence !== undefined
        ? obj([['retry', r.retry === undefined ? undefined : data(r.retry)], ['sessionPersistence', r.sessionPersistence === undefined ? undefined : data(r.sessionPersistence)]])
        : undefined;
      return obj([...common,
        ['matches', matches.length > 0 ? arr(matches) : undefined],
        ['filters', this.filters(r.filters, `${at}.filters`, ownNamespace)],
        ['backends', this.backends(r.backendRefs, `${at}.backendRefs`, ownNamespace, true)],
        ['timeouts', timeouts],
        ['experimental', experimental]]);
    }
    if (kind === 'GrpcRoute') {
      onlyKeys(r, ['name', 'matches', 'filters', 'backendRefs', 'sessionPersistence'], at);
      const matches = asList(r.matches, `${at}.matches`).map((m, i) => this.grpcMatch(m, `${at}.matches[${i}]`));
      return obj([...common,
        ['matches', matches.length > 0 ? arr(matches) : undefined],
        ['filters', this.filters(r.filters, `${at}.filters`, ownNamespace)],
        ['backends', this.backends(r.backendRefs, `${at}.backendRefs`, ownNamespace, true)],
        ['experimental', r.sessionPersistence === undefined ? undefined : obj([['sessionPersistence', data(r.sessionPersistence)]])]]);
    }
    onlyKeys(r, ['name', 'backendRefs'], at);
    return obj([...common, ['backends', this.backends(r.backendRefs, `${at}.backendRefs`, ownNamespace, false) ?? arr([])]]);
  }

  private route(item: PlanObject, v: string, id: string, cls: string): Statement[] {
    const spec = this.spec(item);
    const hasHostnames = cls === 'HttpRoute' || cls === 'GrpcRoute' || cls === 'TlsRoute';
    onlyKeys(spec, ['parentRefs', 'rules', ...(hasHostnames ? ['hostnames'] : [])], 'spec');
    const parents = asList(spec.parentRefs, 'spec.parentRefs').map((p, i) => this.parent(p, `spec.parentRefs[${i}]`, item.namespace));
    const rules = asList(spec.rules, 'spec.rules').map((r, i) => this.rule(cls, r, `spec.rules[${i}]`, item.namespace));
    return [{
      comments: [],
      declare: v,
      expr: make(cls, THIS, data(id), obj([
        ['metadata', this.metadata(item)],
        ['parents', parents.length > 0 ? arr(parents) : undefined],
        ['hostnames', spec.hostnames === undefined ? undefined : data(spec.hostnames)],
        ['rules', rules.length > 0 ? arr(rules) : undefined],
        ['referenceGrants', this.grantPolicy()],
      ])),
    }];
  }

  private referenceGrant(item: PlanObject, v: string, id: string): Statement[] {
    const spec = this.spec(item);
    onlyKeys(spec, ['from', 'to'], 'spec');
    asList(spec.from, 'spec.from').forEach((f, i) => onlyKeys(f, ['group', 'kind', 'namespace'], `spec.from[${i}]`));
    asList(spec.to, 'spec.to').forEach((f, i) => onlyKeys(f, ['group', 'kind', 'name'], `spec.to[${i}]`));
    return [{
      comments: [],
      declare: v,
      expr: make('ReferenceGrant', THIS, data(id), obj([
        ['metadata', this.metadata(item)],
        ['from', data(spec.from ?? [])],
        ['to', data(spec.to ?? [])],
      ])),
    }];
  }

  private backendTlsPolicy(item: PlanObject, v: string, id: string): Statement[] {
    const spec = this.spec(item);
    onlyKeys(spec, ['targetRefs', 'validation', 'options'], 'spec');
    const targets = asList(spec.targetRefs, 'spec.targetRefs').map((t, i) => {
      const at = `spec.targetRefs[${i}]`;
      onlyKeys(t, ['group', 'kind', 'name', 'sectionName'], at);
      const name = str(t.name, `${at}.name`);
      const options = t.sectionName === undefined ? [] : [obj([['sectionName', data(t.sectionName)]])];
      if ((t.group ?? '') === '' && t.kind === 'Service') {
        const svc = this.anyObject('', 'Service', item.namespace, name);
        return svc !== undefined ? call('PolicyTarget', 'fromService', ref(svc), ...options) : call('PolicyTarget', 'fromServiceName', data(name), ...options);
      }
      return call('PolicyTarget', 'custom', data(t));
    });
    const val = asObj(spec.validation, 'spec.validation');
    onlyKeys(val, ['caCertificateRefs', 'wellKnownCACertificates', 'hostname', 'subjectAltNames'], 'spec.validation');
    let trust: Expr;
    if (val.wellKnownCACertificates !== undefined) {
      if (val.caCertificateRefs !== undefined) throw new Unsupported('spec.validation', 'caCertificateRefs and wellKnownCACertificates together have no L2 form');
      trust = val.wellKnownCACertificates === 'System' ? call('BackendTlsTrust', 'system') : call('BackendTlsTrust', 'wellKnown', data(val.wellKnownCACertificates));
    } else {
      const cas = asList(val.caCertificateRefs, 'spec.validation.caCertificateRefs').map((c, i) => {
        const at = `spec.validation.caCertificateRefs[${i}]`;
        if (c.kind === undefined) throw new Unsupported(`${at}.kind`, 'a CA reference without a kind has no L2 form');
        return this.certificate(c, at, item.namespace, true);
      });
      trust = call('BackendTlsTrust', 'caCertificates', ...cas);
    }
    const sans = asList(val.subjectAltNames, 'spec.validation.subjectAltNames').map((s, i) => {
      const at = `spec.validation.subjectAltNames[${i}]`;
      onlyKeys(s, ['type', 'hostname', 'uri'], at);
      if (s.type === 'Hostname' && s.uri === undefined) return call('SubjectAltName', 'hostname', data(str(s.hostname, `${at}.hostname`)));
      if (s.type === 'URI' && s.hostname === undefined) return call('SubjectAltName', 'uri', data(str(s.uri, `${at}.uri`)));
      throw new Unsupported(at, 'a subject alternative name needs type Hostname with hostname or URI with uri');
    });
    return [{
      comments: [],
      declare: v,
      expr: make('BackendTlsPolicy', THIS, data(id), obj([
        ['metadata', this.metadata(item)],
        ['targets', targets.length > 0 ? arr(targets) : undefined],
        ['hostname', data(str(val.hostname, 'spec.validation.hostname'))],
        ['trust', trust],
        ['subjectAltNames', sans.length > 0 ? arr(sans) : undefined],
        ['options', spec.options === undefined ? undefined : data(spec.options)],
      ])),
    }];
  }
}
