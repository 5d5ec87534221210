/**
 * The synth-time checks of the library's constructs, written once and read
 * two ways: as the `string[]` cdk8s's `node.validate()` prints (one line per
 * problem, `field: message [code]`; cdk8s adds the construct path), and as
 * structured {@link Diagnostic}s for `validateApp` / `validateChart`.
 * Internal, not exported from index.ts.
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ConstructErrorCode } from './error-scope';
import { appended } from './lists';
import { defineHidden, TreeState } from './tree-state';
import type { Diagnostic, DiagnosticObject } from '../validation/diagnostic';

/** A problem a construct's synth-time validation finds in its own configuration. */
export interface ConstructProblem {
  /** Full code, e.g. `construct/missing` or `xref/missing-reference-grant`. */
  readonly code: string;
  /** What is wrong and what would be valid, without the construct's location (cdk8s prints the path). */
  readonly message: string;
  /**
   * The option or field at fault.
   * @default - the problem concerns the construct as a whole
   */
  readonly field?: string;
}

/** A construct validation problem with a `construct/<code>` code. */
export function constructProblem(code: ConstructErrorCode, message: string, field?: string): ConstructProblem {
  return { code: `construct/${code}`, message, ...(field !== undefined ? { field } : {}) };
}

/** How cdk8s prints a problem (after the construct path): `field: message [code]`. */
export function formatProblem(p: { readonly code: string; readonly message: string; readonly field?: string }): string {
  return `${p.field ? `${p.field}: ` : ''}${p.message} [${p.code}]`;
}

/** Where the validations of one tree report while `collectDiagnostics` runs. */
interface Collector {
  sink?: (d: Diagnostic) => void;
}

const COLLECTOR = new TreeState<Collector>('cdk8s-gateway-api diagnostics collector');

/**
 * While `validateApp` collects, the sink the library's validations hand their
 * diagnostics to (they then return no lines); undefined during a normal
 * `node.validate()`.
 */
export function diagnosticSink(scope: IConstruct): ((d: Diagnostic) => void) | undefined {
  return COLLECTOR.of(scope, () => ({})).sink;
}

/**
 * The checks registered on a construct, run in order by its one validation: kept on the construct under a symbol
 * private to this library (a weak map's entry per route costs the garbage collector more than a property).
 */
const CHECKS = Symbol('cdk8s-gateway-api construct checks');

type WithChecks = IConstruct & { [CHECKS]?: ReadonlyArray<() => ConstructProblem[]> };

/**
 * Registers `check` as a validation of `construct` (see the file comment).
 * The checks of one construct run in the order they were registered, from
 * one cdk8s validation (a route has a check per backend: one validation
 * instead of one each).
 */
export function addConstructValidation(construct: IConstruct, check: () => ConstructProblem[]): void {
  const holder = construct as WithChecks;
  const checks = holder[CHECKS];
  if (checks) {
    // A new list of exactly the new length (see `appended`): most constructs register one check.
    holder[CHECKS] = appended(checks, check);
    return;
  }
  defineHidden(construct, CHECKS, [check], true);
  construct.node.addValidation({
    validate: () => {
      const problems: ConstructProblem[] = [];
      for (const run of holder[CHECKS]!) problems.push(...run());
      // Most constructs have no problem: answered before looking for a collector (cdk8s asks twice or more per synthesis).
      if (problems.length === 0) return [];
      const sink = diagnosticSink(construct);
      if (!sink) return problems.map(formatProblem);
      for (const p of problems) sink(problemDiagnostic(construct, p));
      return [];
    },
  });
}

/** The object a construct renders, as diagnostics name it; undefined for constructs without one. */
export function constructObject(construct: IConstruct): DiagnosticObject | undefined {
  let obj: ApiObject;
  try {
    obj = ApiObject.of(construct);
  } catch {
    return undefined;
  }
  const namespace = obj.metadata.namespace;
  return { kind: obj.kind, ...(namespace !== undefined ? { namespace } : {}), name: obj.name };
}

function problemDiagnostic(construct: IConstruct, p: ConstructProblem): Diagnostic {
  const object = constructObject(construct);
  return {
    code: p.code,
    severity: 'error',
    message: p.message,
    ...(object ? { object } : {}),
    ...(p.field !== undefined ? { field: p.field } : {}),
    source: construct.node.path,
  };
}

/**
 * Runs every validation of the tree under `scope` (cdk8s's `node.validate()`
 * on each construct, in tree order) and returns what they found as
 * diagnostics, without throwing. The library's validations report
 * structured diagnostics; a line from any other validation becomes a
 * `construct/validation` error with the construct's path; a validation that
 * throws becomes a `construct/validation-failed` error.
 */
export function collectDiagnostics(scope: IConstruct): Diagnostic[] {
  const collector = COLLECTOR.of(scope, () => ({}));
  const out: Diagnostic[] = [];
  const previous = collector.sink;
  collector.sink = (d) => out.push(d);
  try {
    for (const c of scope.node.findAll()) {
      let lines: string[];
      try {
        lines = c.node.validate();
      } catch (err) {
        out.push({ code: 'construct/validation-failed', severity: 'error', message: `a validation threw: ${(err as Error)?.message ?? String(err)}`, source: c.node.path });
        continue;
      }
      for (const line of lines) out.push({ code: 'construct/validation', severity: 'error', message: line, source: c.node.path });
    }
  } finally {
    collector.sink = previous;
  }
  return out;
}
