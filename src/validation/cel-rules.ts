/**
 * The CRDs' CEL rules (`x-kubernetes-validations`), compiled once per kind and
 * channel and evaluated at every place their schema node occurs in an object
 * (a rule on `spec.rules[].matches[]` runs once per match of every rule).
 * Transition rules (those reading `oldSelf`) compare an update with the stored
 * object; a manifest has no stored object, so they are counted and skipped.
 */
import { isCelError, parse, plan, type CelResult } from '@bufbuild/cel';
import type { CelRuleData, CrdValidationData } from '../../generated';
import { kubernetesCelEnv } from './cel-environment';
import { escapeCelPropertyName, toCelValue, type CelInputValue } from './cel-values';
import type { Diagnostic, DiagnosticObject } from './diagnostic';
import { formatFieldPath, type PathSegment } from './field-path';
import { readableRuleFailure, ruleSlug } from './rule-messages';
import { isJsonObject, type SchemaNode } from './structural-schema';

/** One CEL rule, ready to run. */
export interface CompiledRule {
  /** Kind the rule belongs to. */
  readonly kind: string;
  /** The rule as the CRD states it. */
  readonly data: CelRuleData;
  /** Schema path steps from the object root to `self`: property names, `[]` (array items) and `{}` (map values). */
  readonly steps: readonly string[];
  /** The stable diagnostic code, `cel/<Kind>/<slug>`. */
  readonly code: string;
  /** True for transition rules (they read `oldSelf`), which are never evaluated. */
  readonly transition: boolean;
  /** Runs the rule with `self` bound; undefined for transition rules. */
  readonly run?: (self: CelInputValue) => CelResult;
  /** Runs the rule's `messageExpression`, when it has one. */
  readonly message?: (self: CelInputValue) => CelResult;
}

/** The rules of one kind with their bookkeeping. */
export interface CompiledRuleSet {
  /** Every rule of the kind, in CRD order. */
  readonly rules: readonly CompiledRule[];
}

const compiledSets = new Map<CrdValidationData, CompiledRuleSet>();

/** Splits a rule path (`spec.rules[].matches[]`) into steps (`spec`, `rules`, `[]`, `matches`, `[]`). */
export function ruleSteps(path: string): string[] {
  if (path === '') return [];
  const steps: string[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[{]*)((?:\[\]|\{\})*)$/.exec(part);
    if (!m) throw new Error(`cannot read CEL rule path '${path}' (step '${part}')`);
    if (m[1]) steps.push(m[1]);
    for (const suffix of m[2].match(/\[\]|\{\}/g) ?? []) steps.push(suffix);
  }
  return steps;
}

function compileExpression(expr: string): (self: CelInputValue) => CelResult {
  const program = plan(kubernetesCelEnv(), parse(expr));
  return (self) => program({ self } as any);
}

/** Compiles (once, then cached) every rule of a kind. Throws if a rule does not parse. */
export function compiledRules(crd: CrdValidationData): CompiledRuleSet {
  let set = compiledSets.get(crd);
  if (!set) {
    const rules = crd.rules.map((data): CompiledRule => {
      const transition = /\boldSelf\b/.test(data.rule);
      const base = { kind: crd.kind, data, steps: ruleSteps(data.path), code: `cel/${crd.kind}/${ruleSlug(data)}`, transition };
      if (transition) return base;
      return {
        ...base,
        run: compileExpression(data.rule),
        ...(data.messageExpression ? { message: compileExpression(data.messageExpression) } : {}),
      };
    });
    set = { rules };
    compiledSets.set(crd, set);
  }
  return set;
}

/** One place where a rule's `self` occurs in an object. */
export interface RuleInstance {
  /** The instance this one is inside of (undefined for the object root). */
  readonly parent?: RuleInstance;
  /** The step from the parent to here. */
  readonly step?: PathSegment;
  /** `self` as JSON. */
  readonly json: unknown;
  /** `self` as CEL input. */
  readonly cel: CelInputValue;
}

/** Location of an instance, from the object root. */
export function instancePath(inst: RuleInstance): PathSegment[] {
  const out: PathSegment[] = [];
  for (let i: RuleInstance | undefined = inst; i && i.step !== undefined; i = i.parent) out.push(i.step);
  return out.reverse();
}

function expandStep(current: readonly RuleInstance[], step: string): RuleInstance[] {
  const next: RuleInstance[] = [];
  for (const inst of current) {
    if (step === '[]') {
      if (Array.isArray(inst.json) && Array.isArray(inst.cel)) {
        const cel = inst.cel;
        inst.json.forEach((item, i) => next.push({ parent: inst, step: i, json: item, cel: cel[i] }));
      }
    } else if (step === '{}') {
      if (isJsonObject(inst.json) && inst.cel instanceof Map) {
        for (const [key, value] of Object.entries(inst.json)) {
          if (inst.cel.has(key)) next.push({ parent: inst, step: key, json: value, cel: inst.cel.get(key)! });
        }
      }
    } else if (isJsonObject(inst.json) && inst.cel instanceof Map) {
      const escaped = escapeCelPropertyName(step);
      const value = inst.json[step];
      if (value !== undefined && value !== null && inst.cel.has(escaped)) {
        next.push({ parent: inst, step, json: value, cel: inst.cel.get(escaped)! });
      }
    }
  }
  return next;
}

/**
 * Every place the schema node at `steps` occurs in the object. `memo` (keyed by
 * step prefixes) shares the work between rules whose paths share a prefix.
 */
export function ruleInstances(steps: readonly string[], json: unknown, cel: CelInputValue, memo: Map<string, RuleInstance[]> = new Map()): RuleInstance[] {
  let current: RuleInstance[] = [{ json, cel }];
  let key = '';
  for (const step of steps) {
    key += `/${step}`;
    let next = memo.get(key);
    if (!next) {
      next = expandStep(current, step);
      memo.set(key, next);
    }
    current = next;
  }
  return current;
}

/** Counters for one validation run, used by tests and the docs to show coverage. */
export interface CelStats {
  /** Rule evaluations performed (one per rule per instance). */
  evaluations: number;
  /** Distinct rules (kind + index) evaluated at least once. */
  readonly rulesEvaluated: Set<string>;
  /** Transition rules whose node was present and which were skipped. */
  transitionSkips: number;
}

/** Fresh counters. */
export function newCelStats(): CelStats {
  return { evaluations: 0, rulesEvaluated: new Set(), transitionSkips: 0 };
}

/**
 * Evaluates every rule of the kind on `obj` (already defaulted). A rule that
 * returns false fails. A rule whose evaluation errs (for instance it reads an
 * absent field without `has()`) fails as well, as on the API server, unless a
 * schema error at or below that place explains it (a wrongly typed field makes
 * rules err, and the schema diagnostic already says what is wrong).
 */
export function validateCel(
  obj: unknown,
  crd: CrdValidationData,
  object: DiagnosticObject | undefined,
  schemaErrorFields: readonly string[],
  stats?: CelStats,
): Diagnostic[] {
  const set = compiledRules(crd);
  const cel = toCelValue(obj, crd.schema as SchemaNode);
  const out: Diagnostic[] = [];
  const memo = new Map<string, RuleInstance[]>();
  set.rules.forEach((rule, index) => {
    for (const inst of ruleInstances(rule.steps, obj, cel, memo)) {
      if (rule.transition || !rule.run) {
        if (stats) stats.transitionSkips++;
        continue;
      }
      if (stats) {
        stats.evaluations++;
        stats.rulesEvaluated.add(`${crd.channel}/${crd.kind}#${index}`);
      }
      const result = rule.run(inst.cel);
      if (result === true) continue;
      const field = formatFieldPath(instancePath(inst));
      let evaluationError: string | undefined;
      if (result !== false) {
        // An error (typically "no such key" for an absent field the rule reads without has()) fails the
        // rule on the API server too, unless a schema error at or below this place already explains it.
        const underSchemaError = schemaErrorFields.some((f) => f === '' || f === field || f.startsWith(`${field}.`) || f.startsWith(`${field}[`) || field.startsWith(`${f}.`) || field.startsWith(`${f}[`));
        if (underSchemaError) continue;
        evaluationError = isCelError(result) ? result.message : `it returned ${String(result)} instead of true or false`;
      }
      out.push(failure(rule, inst, object, evaluationError));
    }
  });
  return out;
}

function failure(rule: CompiledRule, inst: RuleInstance, object: DiagnosticObject | undefined, evaluationError: string | undefined): Diagnostic {
  let crdMessage = rule.data.message ?? `failed the rule \`${rule.data.rule}\``;
  if (rule.message) {
    const m = rule.message(inst.cel);
    if (typeof m === 'string' && m.trim() !== '') crdMessage = m;
  }
  const readable = readableRuleFailure(rule.data, inst.json, crdMessage);
  const at = readable.at ? [...instancePath(inst), ...readable.at] : instancePath(inst);
  let field = formatFieldPath(at);
  if (!readable.at && rule.data.fieldPath) field += rule.data.fieldPath.startsWith('[') ? rule.data.fieldPath : rule.data.fieldPath.replace(/^(?!\.)/, '.');
  if (field.startsWith('.')) field = field.slice(1);
  return {
    code: rule.code,
    severity: 'error',
    message: evaluationError === undefined
      ? readable.message
      : `${readable.message} (the rule could not even be evaluated, ${evaluationError}; the API server rejects that too)`,
    ...(object ? { object } : {}),
    ...(field ? { field } : {}),
  };
}
