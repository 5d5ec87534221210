/**
 * Routing test specs: YAML files of requests with expectations, checked
 * against the JSON Schema shipped in the package
 * (`schemas/routing-tests.schema.json`).
 */
import * as fs from 'fs';
import * as path from 'path';
import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Document, LineCounter, Node as YamlNode } from 'yaml';
import { parseUrlRequest, type ParsedRequest } from '../testing/request-url';
import { compareSplit, GRPC_STATUS_NAMES } from '../testing/weights';

/** A request of a routing test. */
export interface RoutingTestRequest {
  /**
   * Absolute URL; the scheme picks the protocol, as `cdk8s-gateway route --url` does: `http`, `https`, `grpc` and
   * `grpcs` (path `/package.Service/Method`), `tls` (the host is the server name), `tcp` and `udp` (port required).
   */
  readonly url: string;
  /** HTTP method (http and https only). @default 'GET' */
  readonly method?: string;
  /** Request headers (http, https) or metadata (grpc, grpcs). @default - no headers */
  readonly headers?: { readonly [name: string]: string };
  /** `namespace/name` of the Gateway. @default - the only Gateway with a listener on the port */
  readonly gateway?: string;
}

/** What a routing test expects. */
export interface RoutingTestExpectation {
  /**
   * `namespace/name` or `namespace/name:port` of the Service every such request reaches; a rule that splits the
   * traffic over several backends fails it (use `split`). @default - not checked
   */
  readonly backend?: string;
  /**
   * How identical requests are split, as fractions of 1: `{ 'ns/web': 0.9, 'ns/web-v2': 0.1 }`, as the `toSplit`
   * matcher. A key is `namespace/name` (every port of the Service), `namespace/name:port` (that port) or an outcome
   * such as `(500)`; every backend that takes traffic must be listed, and a listed one that takes none fails. A rule
   * with one backend passes `{ 'ns/web': 1 }`. @default - not checked
   */
  readonly split?: { readonly [target: string]: number };
  /**
   * The status the client gets: an HTTP status (http, https), or a gRPC status code (grpc, grpcs) as a number from 0
   * to 16 or its name (`UNIMPLEMENTED`, `OK`, ...). Not for tls, tcp and udp. @default - not checked
   */
  readonly status?: number | string;
  /** Location of the redirect (http, https). @default - not checked */
  readonly redirect?: string;
  /** Headers (gRPC: metadata) the backend receives (null: absent); http, https, grpc, grpcs. @default - not checked */
  readonly headers?: { readonly [name: string]: string | null };
  /** Headers (gRPC: metadata) the client gets (null: absent); http, https, grpc, grpcs. @default - not checked */
  readonly responseHeaders?: { readonly [name: string]: string | null };
}

/** One routing test. */
export interface RoutingTest {
  /** Name shown in results. */
  readonly name: string;
  /** The request. */
  readonly request: RoutingTestRequest;
  /** The expectations. */
  readonly expect: RoutingTestExpectation;
}

/** A routing test spec file. */
export interface RoutingSpec {
  /** Stand in for what the objects name but do not define, as `DataPlaneOptions.assumeMissing`. @default false */
  readonly assumeMissing?: boolean;
  /** The tests, in order. */
  readonly tests: readonly RoutingTest[];
}

/**
 * A spec file that cannot be read or does not follow the schema; `message` has one line per problem,
 * `file:line:column: path: what is wrong` (line and column from 1, of the YAML node the problem names).
 */
export class RoutingSpecError extends Error {
  public constructor(message: string) {
    super(message);
    this.name = 'RoutingSpecError';
  }
}

/** Path of the JSON Schema of routing test specs inside the installed package. */
export function routingSpecSchemaPath(): string {
  for (const candidate of ['../../schemas', '../../../schemas']) {
    const file = path.join(__dirname, candidate, 'routing-tests.schema.json');
    if (fs.existsSync(file)) return file;
  }
  throw new Error('cannot find schemas/routing-tests.schema.json of cdk8s-gateway-api');
}

let validator: ValidateFunction | undefined;

function schemaValidator(): ValidateFunction {
  if (!validator) {
    // ajv is loaded on the first routing spec read, not by every process that loads the package (issue 18).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const AjvClass: typeof Ajv = require('ajv').default;
    const ajv = new AjvClass({ allErrors: true, strict: false });
    validator = ajv.compile(JSON.parse(fs.readFileSync(routingSpecSchemaPath(), 'utf8')));
  }
  return validator;
}

function describeError(e: ErrorObject): string {
  const segment = (raw: string) => {
    const s = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(s) ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `['${s}']`;
  };
  const at = e.instancePath === '' ? '(top level)' : e.instancePath.slice(1).split('/').map(segment).join('').replace(/^\./, '');
  if (e.keyword === 'additionalProperties') return `${at}: unknown property '${(e.params as { additionalProperty?: string }).additionalProperty}'`;
  if (e.keyword === 'pattern' && e.propertyName === undefined && e.instancePath.endsWith('/backend')) return `${at}: must be 'namespace/name' or 'namespace/name:port'`;
  if (e.keyword === 'pattern' && e.instancePath.endsWith('/url')) return `${at}: must be an absolute URL of a scheme route accepts: ${URL_SCHEMES.join(', ')} (e.g. https://www.example.com/cart, grpc://api.example.com/echo.Echo/Say, tcp://:5432)`;
  if (e.instancePath.endsWith('/status') && (e.keyword === 'oneOf' || e.keyword === 'enum' || e.keyword === 'type' || e.keyword === 'minimum' || e.keyword === 'maximum')) {
    return `${at}: must be an HTTP status from 100 to 599, or a gRPC status code from 0 to 16 or its name (${GRPC_STATUS_NAMES.join(', ')})`;
  }
  const key = e.keyword === 'propertyNames' ? (e.params as { propertyName?: string }).propertyName : e.propertyName;
  if ((e.keyword === 'propertyNames' || (e.keyword === 'pattern' && key !== undefined)) && e.instancePath.endsWith('/split')) return `${at}: key '${key}' must be 'namespace/name', 'namespace/name:port' or an outcome such as '(500)'`;
  if (e.instancePath.includes('/split/') && (e.keyword === 'minimum' || e.keyword === 'maximum' || e.keyword === 'type')) return `${at}: a share is a fraction from 0 to 1 (0.9 for 90%)`;
  return `${at}: ${e.message}`;
}

/** The schemes a request URL may have (those `parseUrlRequest` takes). */
const URL_SCHEMES = ['http', 'https', 'grpc', 'grpcs', 'tls', 'tcp', 'udp'];

/** Where a YAML node starts, 1-based. */
interface Position {
  readonly line: number;
  readonly column: number;
}

/**
 * The yaml library, loaded on the first spec read rather than by every process that loads the package (issue 18).
 * The routing spec reads only the data plane, so it does not share the validation layer's accessor.
 */
function yamlLibrary(): typeof import('yaml') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml');
}

/**
 * The position of the node at `segments` (property names and array indexes), or of the nearest parent that exists
 * (a missing property is reported at its parent); a property's position is its key's.
 */
function locate(doc: Document, lines: LineCounter, segments: readonly string[]): Position {
  const { isMap, isScalar, isSeq } = yamlLibrary();
  let node: unknown = doc.contents;
  let at: number | undefined = (doc.contents as YamlNode | null)?.range?.[0];
  for (const seg of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === seg);
      if (!pair) break;
      at = (pair.key as YamlNode | null)?.range?.[0] ?? at;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)] as YamlNode | undefined;
      if (!item) break;
      at = item.range?.[0] ?? at;
      node = item;
    } else {
      break;
    }
  }
  const p = lines.linePos(at ?? 0);
  return { line: p.line, column: p.col };
}

/** The segments of a JSON pointer (`/tests/0/expect`). */
function pointerSegments(pointer: string): string[] {
  return pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `tests[0].request.url` for segments. */
function fieldPath(segments: readonly (string | number)[]): string {
  return segments.map((s) => (typeof s === 'number' || /^\d+$/.test(s) ? `[${s}]` : `.${s}`)).join('').replace(/^\./, '') || '(top level)';
}

/** The expectations each protocol can check (the others are spec errors). */
const EXPECTATIONS: Record<ParsedRequest['protocol'], readonly (keyof RoutingTestExpectation)[]> = {
  http: ['backend', 'split', 'status', 'redirect', 'headers', 'responseHeaders'],
  grpc: ['backend', 'split', 'status', 'headers', 'responseHeaders'],
  tls: ['backend', 'split'],
  tcp: ['backend', 'split'],
  udp: ['backend', 'split'],
};

/** Problems of one test the schema cannot see: the URL as `route` parses it, and fields its protocol has no use for. */
function protocolProblems(t: RoutingTest, i: number): { segments: (string | number)[]; message: string }[] {
  const out: { segments: (string | number)[]; message: string }[] = [];
  let parsed: ParsedRequest;
  try {
    parsed = parseUrlRequest({ url: t.request.url, ...(t.request.method !== undefined ? { method: t.request.method } : {}) });
  } catch (err) {
    return [{ segments: ['tests', i, 'request', 'url'], message: String((err as Error).message) }];
  }
  const scheme = /^([A-Za-z]+):/.exec(t.request.url.replace(/^[A-Za-z]+\s+/, ''))?.[1].toLowerCase() ?? parsed.protocol;
  const methodBeforeUrl = /^[A-Za-z]+\s/.test(t.request.url.trim());
  if (parsed.protocol !== 'http' && (t.request.method !== undefined || methodBeforeUrl)) {
    const where = t.request.method !== undefined ? 'method' : 'url';
    const why = parsed.protocol === 'grpc' ? 'the gRPC method is the last segment of the URL path (/package.Service/Method)' : `a ${scheme} connection has no method`;
    out.push({ segments: ['tests', i, 'request', where], message: `an HTTP method is for http and https URLs only; ${why}` });
  }
  if ((parsed.protocol === 'tls' || parsed.protocol === 'tcp' || parsed.protocol === 'udp') && t.request.headers !== undefined) {
    out.push({ segments: ['tests', i, 'request', 'headers'], message: `a ${scheme} connection has no headers; headers are for http, https, grpc and grpcs` });
  }
  const allowed = EXPECTATIONS[parsed.protocol];
  for (const key of Object.keys(t.expect) as (keyof RoutingTestExpectation)[]) {
    if (!allowed.includes(key)) {
      out.push({ segments: ['tests', i, 'expect', key], message: `a ${scheme} request cannot check ${key}; it can check ${allowed.join(', ')}` });
    }
  }
  const status = t.expect.status;
  if (status !== undefined && allowed.includes('status')) {
    if (parsed.protocol === 'http' && (typeof status !== 'number' || status < 100)) {
      out.push({ segments: ['tests', i, 'expect', 'status'], message: `an ${scheme} request's status is an HTTP status from 100 to 599, got ${JSON.stringify(status)}${typeof status === 'string' ? ' (a gRPC status name is for grpc and grpcs URLs)' : ''}` });
    }
    if (parsed.protocol === 'grpc' && grpcCode(status) === undefined) {
      out.push({ segments: ['tests', i, 'expect', 'status'], message: `a ${scheme} request's status is a gRPC status code from 0 to 16 or its name (${GRPC_STATUS_NAMES.join(', ')}), got ${JSON.stringify(status)}` });
    }
  }
  return out;
}

/** The gRPC code of an expected status (`12` or `'UNIMPLEMENTED'`), or undefined when it is neither. */
export function grpcCode(status: number | string): number | undefined {
  if (typeof status === 'number') return Number.isInteger(status) && status >= 0 && status < GRPC_STATUS_NAMES.length ? status : undefined;
  const i = GRPC_STATUS_NAMES.indexOf(status);
  return i < 0 ? undefined : i;
}

/** Parses and checks a spec; `file` names it in errors, each with the line and column of the field it names. */
export function parseRoutingSpec(text: string, file: string): RoutingSpec {
  const { LineCounter, parseAllDocuments } = yamlLibrary();
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines });
  const where = (doc: Document, segments: readonly (string | number)[]) => {
    const p = locate(doc, lines, segments.map(String));
    return `${file}:${p.line}:${p.column}`;
  };
  if (docs.length !== 1) {
    const second = docs[1]?.range?.[0];
    const p = second !== undefined ? lines.linePos(second) : { line: 1, col: 1 };
    throw new RoutingSpecError(`${file}:${p.line}:${p.col}: expected one YAML document, found ${docs.length}`);
  }
  const doc = docs[0];
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const p = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
    // The parser's message repeats the position (`... at line 4, column 5:`); it is given once, in front.
    throw new RoutingSpecError(`${file}:${p.line}:${p.col}: not valid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`);
  }
  const value = doc.toJS();
  const validate = schemaValidator();
  if (!validate(value)) {
    const problems = (validate.errors ?? []).map((e) => {
      const segments = pointerSegments(e.instancePath);
      // An unknown property is reported at its own key.
      if (e.keyword === 'additionalProperties') segments.push(String((e.params as { additionalProperty?: string }).additionalProperty));
      // So is a key that breaks propertyNames.
      const key = e.keyword === 'propertyNames' ? (e.params as { propertyName?: string }).propertyName : e.propertyName;
      if (key !== undefined) segments.push(key);
      return `${where(doc, segments)}: ${describeError(e)}`;
    });
    throw new RoutingSpecError(inPositionOrder([...new Set(problems)]).join('\n'));
  }
  const spec = value as RoutingSpec;
  const problems: string[] = [];
  spec.tests.forEach((t, i) => {
    for (const p of protocolProblems(t, i)) problems.push(`${where(doc, p.segments)}: ${fieldPath(p.segments)}: ${p.message}`);
    if (!t.expect.split) return;
    try {
      compareSplit({}, t.expect.split);
    } catch (err) {
      problems.push(`${where(doc, ['tests', i, 'expect', 'split'])}: tests[${i}].expect.split: ${(err as Error).message}`);
    }
  });
  const seen = new Map<string, number>();
  spec.tests.forEach((t, i) => {
    const first = seen.get(t.name);
    if (first === undefined) seen.set(t.name, i);
    else problems.push(`${where(doc, ['tests', i, 'name'])}: tests[${i}].name: test names must be unique; '${t.name}' is also the name of tests[${first}]`);
  });
  if (problems.length > 0) throw new RoutingSpecError(inPositionOrder(problems).join('\n'));
  return spec;
}

/** Problem lines (`file:line:column: ...`) sorted by line, then column; the sort is stable. */
function inPositionOrder(problems: readonly string[]): string[] {
  const pos = (l: string) => {
    const m = /^.*?:(\d+):(\d+): /.exec(l);
    return m ? [Number(m[1]), Number(m[2])] : [0, 0];
  };
  return [...problems].sort((a, b) => {
    const [pa, pb] = [pos(a), pos(b)];
    return pa[0] - pb[0] || pa[1] - pb[1];
  });
}

/** Reads and checks a spec file; `-` reads standard input (named `stdin` in errors). */
export function readRoutingSpec(file: string): RoutingSpec {
  const name = file === '-' ? 'stdin' : file;
  let text: string;
  try {
    text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException | undefined;
    throw new RoutingSpecError(`${name}: cannot read: ${e?.code === 'ENOENT' ? 'no such file' : String(e?.message ?? err)}`);
  }
  return parseRoutingSpec(text, name);
}
