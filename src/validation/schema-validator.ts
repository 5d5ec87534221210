/**
 * Schema validation (ajv) of Gateway API objects against the CRD structural
 * schemas, in the Kubernetes dialect: `pattern`s use RE2 semantics (Go
 * regexp, via re2js), the `ipv4` / `ipv6` / `date-time` formats are checked,
 * `int32` / `int64` are integer widths the server does not range-check,
 * `x-kubernetes-*` markers are annotations ajv ignores (list uniqueness is
 * checked by list-uniqueness.ts), and fields the schema does not declare are
 * reported as unknown. Each kind's validator is generated at build time
 * (ajv standalone code in generated/, see crd-ajv.ts) and loaded on first use;
 * CRD data without one is compiled by ajv on first use. Cached per channel.
 */
import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { crdAjvOptions, GENERATED_VALIDATOR_DEPS } from './crd-ajv';
import { crdFor } from './crd-data';
import type { Diagnostic, DiagnosticObject } from './diagnostic';
import { formatFieldPath, segmentsFromJsonPointer, type PathSegment } from './field-path';
import { describePattern } from './pattern-descriptions';
import { closeUnknownFields } from './structural-schema';
import { workCounters } from './work-counters';
import { EXPERIMENTAL_SCHEMA_VALIDATORS, STANDARD_SCHEMA_VALIDATORS, type CrdValidationData } from '../../generated';

export { isDateTime } from './crd-ajv';

let ajv: Ajv | undefined;
const compiled = new Map<CrdValidationData, ValidateFunction>();

function ajvInstance(): Ajv {
  if (!ajv) {
    const options = crdAjvOptions();
    // Without ajv's code optimisation passes: they take about a fifth of compiling a CRD schema, and the validators
    // they would tidy run no measurably slower (issue 18; the generated validators are optimised at build time).
    // ajv itself is loaded only here: a process that validates only the package's kinds never compiles a schema.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const AjvClass: typeof Ajv = require('ajv').default;
    ajv = new AjvClass({ ...options, code: { ...options.code, optimize: false } });
  }
  return ajv;
}

/** The generated validator of a CRD of the package's data, built on first use; undefined for other CRD data. */
function generatedValidator(crd: CrdValidationData): ValidateFunction | undefined {
  const channel = crd.channel === 'experimental' ? 'experimental' : 'standard';
  if (crdFor(crd.kind, { channel }) !== crd) return undefined;
  const build = (channel === 'experimental' ? EXPERIMENTAL_SCHEMA_VALIDATORS : STANDARD_SCHEMA_VALIDATORS)[crd.kind];
  return build ? build()(GENERATED_VALIDATOR_DEPS) as ValidateFunction : undefined;
}

/**
 * The validator of a kind, cached: the one generated at build time for the
 * package's CRD data, else compiled by ajv on first use.
 */
function schemaValidatorFor(crd: CrdValidationData): ValidateFunction {
  let fn = compiled.get(crd);
  if (!fn) {
    fn = generatedValidator(crd);
    if (fn) {
      workCounters.schemaValidatorsLoaded++;
    } else {
      fn = ajvInstance().compile(closeUnknownFields(crd.schema));
      workCounters.schemasCompiled++;
    }
    compiled.set(crd, fn);
  }
  return fn;
}

/** Validates `obj` (already defaulted) against the kind's schema; one diagnostic per problem. */
export function validateSchema(obj: unknown, crd: CrdValidationData, object: DiagnosticObject | undefined): Diagnostic[] {
  const fn = schemaValidatorFor(crd);
  if (fn(obj)) return [];
  return condenseErrors(fn.errors ?? []).map((e) => toDiagnostic(e, obj, object));
}

/** Drops the branch-by-branch noise of failed `oneOf` / `anyOf`, keeping one error for each. */
function condenseErrors(errors: readonly ErrorObject[]): Array<ErrorObject | CombinedError> {
  const combinators = errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  const inside = (e: ErrorObject, c: ErrorObject): boolean => e !== c && e.schemaPath.startsWith(`${c.schemaPath}/`);
  const outer = combinators.filter((c) => !combinators.some((o) => inside(c, o)));
  const out: Array<ErrorObject | CombinedError> = [];
  for (const e of errors) {
    if (outer.includes(e)) {
      const branchErrors = errors.filter((x) => inside(x, e) && !['oneOf', 'anyOf', 'not'].includes(x.keyword));
      out.push({ combined: e, branchErrors });
    } else if (!outer.some((c) => inside(e, c))) {
      out.push(e);
    }
  }
  return out;
}

interface CombinedError {
  readonly combined: ErrorObject;
  readonly branchErrors: readonly ErrorObject[];
}

/** Fields that older versions of a kind had, and where v1 keeps them. */
const RENAMED_FIELDS: Readonly<Record<string, string>> = {
  'BackendTLSPolicy spec.targetRef': 'v1alpha2 had one targetRef; v1 takes a list, spec.targetRefs',
  'BackendTLSPolicy spec.tls': 'v1alpha2 spec.tls became spec.validation in v1: caCertRefs is now caCertificateRefs, hostname stays hostname',
};

function renamedFieldHint(kind: string, field: string): string | undefined {
  return RENAMED_FIELDS[`${kind} ${field}`];
}

function quote(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function typeName(t: string): string {
  return ({ string: 'a string', integer: 'an integer', number: 'a number', boolean: 'true or false', object: 'an object (a map of fields)', array: 'a list' } as Record<string, string>)[t] ?? t;
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return Number.isInteger(value) ? `the number ${value}` : `the decimal number ${value}`;
  if (typeof value === 'string') return `the string '${value}'`;
  return `${typeof value} ${String(value)}`;
}

function formatName(format: string): string {
  return ({ 'ipv4': 'IPv4 address', 'ipv6': 'IPv6 address', 'date-time': 'RFC 3339 timestamp (e.g. 2024-01-02T03:04:05Z)' } as Record<string, string>)[format] ?? `${format} value`;
}

/** The ajv error params this code reads (each keyword sets its own). */
interface AjvParams {
  readonly missingProperty?: string;
  readonly additionalProperty?: string;
  readonly type?: string;
  readonly allowedValues?: unknown[];
  readonly pattern?: string;
  readonly limit?: number;
  readonly format?: string;
  readonly passingSchemas?: unknown;
}

function toDiagnostic(e: ErrorObject | CombinedError, root: unknown, object: DiagnosticObject | undefined): Diagnostic {
  if ('combined' in e) return combinedDiagnostic(e, root, object);
  const at: PathSegment[] = segmentsFromJsonPointer(e.instancePath, root);
  const p = e.params as AjvParams;
  const v = e.data;
  const make = (code: string, message: string, field: PathSegment[] = at, fix?: string): Diagnostic => ({
    code: `schema/${code}`,
    severity: 'error',
    message,
    ...(fix ? { fix } : {}),
    ...(object ? { object } : {}),
    field: formatFieldPath(field) || undefined,
  });
  switch (e.keyword) {
    case 'required':
      return make('required', `required field '${p.missingProperty}' is missing`, [...at, p.missingProperty!]);
    case 'additionalProperties': {
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}).sort();
      const field = [...at, p.additionalProperty!];
      const hint = object ? renamedFieldHint(object.kind, formatFieldPath(field)) : undefined;
      return make('unknown-field', `unknown field '${p.additionalProperty}'${hint ? ` (${hint})` : ''}; fields allowed here: ${known.join(', ')}`, field);
    }
    case 'type':
      return make('type', `must be ${String(p.type).split(',').map(typeName).join(' or ')}, got ${jsonTypeOf(v)}`);
    case 'enum':
      return make('enum', `${quote(v)} is not allowed; use one of: ${(p.allowedValues as unknown[]).map(quote).join(', ')}`, at,
        `use one of: ${(p.allowedValues as unknown[]).map(quote).join(', ')}`);
    case 'pattern': {
      const what = describePattern(p.pattern!);
      return make('pattern', `${quote(v)} is not valid: ${what ?? `it must match the regular expression ${p.pattern}`}`);
    }
    case 'minLength':
      return make('min-length', p.limit === 1 ? 'must not be empty' : `${quote(v)} is too short: at least ${p.limit} characters are required`);
    case 'maxLength':
      return make('max-length', `${quote(v)} is too long (${String(v).length} characters); at most ${p.limit} are allowed`);
    case 'minimum':
      return make('minimum', `${quote(v)} is too small; the minimum is ${p.limit}`);
    case 'maximum':
      return make('maximum', `${quote(v)} is too large; the maximum is ${p.limit}`);
    case 'exclusiveMinimum':
      return make('minimum', `${quote(v)} is too small; it must be greater than ${p.limit}`);
    case 'exclusiveMaximum':
      return make('maximum', `${quote(v)} is too large; it must be less than ${p.limit}`);
    case 'minItems':
      return make('min-items', `has ${(v as unknown[]).length} item(s); at least ${p.limit} required`);
    case 'maxItems':
      return make('max-items', `has ${(v as unknown[]).length} items; at most ${p.limit} are allowed`);
    case 'maxProperties':
      return make('max-properties', `has ${Object.keys(v as object).length} entries; at most ${p.limit} are allowed`);
    case 'minProperties':
      return make('min-properties', `has ${Object.keys(v as object).length} entries; at least ${p.limit} required`);
    case 'format':
      return make('format', `${quote(v)} is not a valid ${formatName(p.format!)}`);
    default:
      return make(e.keyword, `${quote(v)} fails the schema keyword '${e.keyword}' (${e.message ?? 'no detail'})`);
  }
}

function combinedDiagnostic(e: CombinedError, root: unknown, object: DiagnosticObject | undefined): Diagnostic {
  const base = segmentsFromJsonPointer(e.combined.instancePath, root);
  const p = e.combined.params as AjvParams;
  let field = base;
  let message: string;
  if (e.combined.keyword === 'oneOf' && Array.isArray(p.passingSchemas)) {
    message = 'matches more than one of the allowed forms; make it match exactly one';
  } else {
    const formats = e.branchErrors.filter((x) => x.keyword === 'format');
    const samePlace = formats.length > 0 && formats.every((x) => x.instancePath === formats[0].instancePath);
    if (samePlace && formats.length === e.branchErrors.length) {
      field = segmentsFromJsonPointer(formats[0].instancePath, root);
      const names = [...new Set(formats.map((x) => formatName((x.params as AjvParams).format!)))];
      message = `${quote(formats[0].data)} is not a valid ${names.join(' or ')}`;
    } else {
      const reasons = [...new Set(e.branchErrors.map((x) => {
        const d = toDiagnostic(x, root, undefined);
        return d.field ? `${d.field}: ${d.message}` : d.message;
      }))];
      message = `matches none of the allowed forms${reasons.length ? `: ${reasons.join('; or ')}` : ''}`;
    }
  }
  const code = field === base ? 'schema/no-matching-form' : 'schema/format';
  return { code, severity: 'error', message, ...(object ? { object } : {}), field: formatFieldPath(field) || undefined };
}
