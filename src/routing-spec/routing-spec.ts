/**
 * Routing test specs: YAML files of requests with expectations, checked
 * against the JSON Schema shipped in the package
 * (`schemas/routing-tests.schema.json`).
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { parseAllDocuments } from 'yaml';
import { compareSplit } from '../testing/weights';

/** A request of a routing test. */
export interface RoutingTestRequest {
  /** Absolute http or https URL. */
  readonly url: string;
  /** HTTP method. @default 'GET' */
  readonly method?: string;
  /** Request headers. @default - no headers */
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
  /** HTTP status the client gets. @default - not checked */
  readonly status?: number;
  /** Location of the redirect. @default - not checked */
  readonly redirect?: string;
  /** Headers the backend receives (null: absent). @default - not checked */
  readonly headers?: { readonly [name: string]: string | null };
  /** Headers the client gets (null: absent). @default - not checked */
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

/** A spec file that cannot be read or does not follow the schema; `message` has one line per problem. */
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
    const ajv = new Ajv({ allErrors: true, strict: false });
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
  if (e.keyword === 'pattern' && e.instancePath.endsWith('/url')) return `${at}: must be an absolute http:// or https:// URL`;
  const key = e.keyword === 'propertyNames' ? (e.params as { propertyName?: string }).propertyName : e.propertyName;
  if ((e.keyword === 'propertyNames' || (e.keyword === 'pattern' && key !== undefined)) && e.instancePath.endsWith('/split')) return `${at}: key '${key}' must be 'namespace/name', 'namespace/name:port' or an outcome such as '(500)'`;
  if (e.instancePath.includes('/split/') && (e.keyword === 'minimum' || e.keyword === 'maximum' || e.keyword === 'type')) return `${at}: a share is a fraction from 0 to 1 (0.9 for 90%)`;
  return `${at}: ${e.message}`;
}

/** Parses and checks a spec; `file` names it in errors. */
export function parseRoutingSpec(text: string, file: string): RoutingSpec {
  const docs = parseAllDocuments(text);
  if (docs.length !== 1) throw new RoutingSpecError(`${file}: expected one YAML document, found ${docs.length}`);
  if (docs[0].errors.length > 0) throw new RoutingSpecError(`${file}: not valid YAML: ${docs[0].errors[0].message.split('\n')[0]}`);
  const value = docs[0].toJS();
  const validate = schemaValidator();
  if (!validate(value)) {
    const lines = [...new Set((validate.errors ?? []).map(describeError))];
    throw new RoutingSpecError(lines.map((l) => `${file}: ${l}`).join('\n'));
  }
  const spec = value as RoutingSpec;
  const badSplits = spec.tests.flatMap((t, i) => {
    if (!t.expect.split) return [];
    try {
      compareSplit({}, t.expect.split);
      return [];
    } catch (err) {
      return [`${file}: tests[${i}].expect.split: ${(err as Error).message}`];
    }
  });
  if (badSplits.length > 0) throw new RoutingSpecError(badSplits.join('\n'));
  const seen = new Set<string>();
  const dupes = spec.tests.filter((t) => (seen.has(t.name) ? true : (seen.add(t.name), false)));
  if (dupes.length > 0) throw new RoutingSpecError(`${file}: test names must be unique; repeated: ${[...new Set(dupes.map((t) => t.name))].join(', ')}`);
  return spec;
}

/** Reads and checks a spec file. */
export function readRoutingSpec(file: string): RoutingSpec {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException | undefined;
    throw new RoutingSpecError(`${file}: cannot read: ${e?.code === 'ENOENT' ? 'no such file' : String(e?.message ?? err)}`);
  }
  return parseRoutingSpec(text, file);
}
