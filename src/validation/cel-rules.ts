/**
 * The CRDs' CEL rules (`x-kubernetes-validations`), compiled once per kind and
 * channel and evaluated at every place their schema node occurs in an object
 * (a rule on `spec.rules[].matches[]` runs once per match of every rule).
 * Transition rules (those reading `oldSelf`) compare an update with the stored
 * object; a manifest has no stored object, so they are counted and skipped.
 */
import { isCelError, parse, plan, type CelResult } from '@bufbuild/cel';
import { decodeCelAst, type CelExpr } from './cel-ast';
import { kubernetesCelEnv } from './cel-environment';
import { escapeCelPropertyName, toCelValue, type CelInputValue } from './cel-values';
import type { Diagnostic, DiagnosticObject } from './diagnostic';
import { formatFieldPath, type PathSegment } from './field-path';
import { fingerprint } from './fingerprint';
import { readableRuleFailure, ruleSlug } from './rule-messages';
import { additionalSchema, isJsonObject, propertySchema, type SchemaNode } from './structural-schema';
import { workCounters } from './work-counters';
import type { CelRuleData, CrdValidationData } from '../../generated';

/** One CEL rule, ready to run. */
interface CompiledRule {
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
  /** Runs the rule with `self` bound (its program compiled on the first run); undefined for transition rules. @default - absent for transition rules (they are not run) */
  readonly run?: (self: CelInputValue) => CelResult;
  /** Runs the rule's `messageExpression`, when it has one. @default - absent when the rule has no messageExpression (its message is used) */
  readonly message?: (self: CelInputValue) => CelResult;
}

/** The rules of one kind with their bookkeeping. */
interface CompiledRuleSet {
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

/**
 * Planned programs by expression text, shared by every kind and channel: most
 * rules read the same in the standard and experimental CRDs, and a program
 * depends only on its text and the (one) environment.
 */
const programs = new Map<string, (self: CelInputValue) => CelResult>();

/**
 * The program of a CEL expression, planned the first time it is asked for
 * (then cached by its text) from `ast`, the expression parsed at build time
 * (src/validation/cel-ast.ts), or, without one, from the text parsed now.
 * Throws if the expression does not parse.
 */
export function celProgram(expr: string, ast?: string): (self: CelInputValue) => CelResult {
  let run = programs.get(expr);
  if (!run) {
    let parsed: CelExpr;
    if (ast !== undefined) {
      parsed = decodeCelAst(ast);
    } else {
      parsed = parse(expr).expr;
      workCounters.celExpressionsParsed++;
    }
    const program = plan(kubernetesCelEnv(), parsed);
    // The environment declares no variables; `self` is bound at evaluation, as the API server does.
    run = (self) => program({ self } as Parameters<typeof program>[0]);
    programs.set(expr, run);
    workCounters.celProgramsCompiled++;
  }
  return run;
}

/**
 * Runs `expr`, compiled on the first call: a kind has many rules on fields an
 * object seldom has (HTTPRoute's filters, timeouts, retries...), and a rule
 * that never meets its field is never planned nor its AST read.
 */
function lazyExpression(expr: string, ast: string | undefined): (self: CelInputValue) => CelResult {
  let run: ((self: CelInputValue) => CelResult) | undefined;
  return (self) => (run ??= celProgram(expr, ast))(self);
}

/**
 * Every rule of a kind (once, then cached), ready to run: each program is
 * planned on its first run ({@link celProgram} compiles one now).
 */
export function compiledRules(crd: CrdValidationData): CompiledRuleSet {
  let set = compiledSets.get(crd);
  if (!set) {
    const rules = crd.rules.map((data): CompiledRule => {
      const transition = /\boldSelf\b/.test(data.rule);
      const base = { kind: crd.kind, data, steps: ruleSteps(data.path), code: `cel/${crd.kind}/${ruleSlug(data)}`, transition };
      if (transition) return base;
      return {
        ...base,
        run: lazyExpression(data.rule, data.ruleAst),
        ...(data.messageExpression ? { message: lazyExpression(data.messageExpression, data.messageExpressionAst) } : {}),
      };
    });
    set = { rules };
    compiledSets.set(crd, set);
  }
  return set;
}

/** One place where a rule's `self` occurs in an object. */
interface RuleInstance {
  /** The instance this one is inside of (undefined for the object root). @default - absent for the object root */
  readonly parent?: RuleInstance;
  /** The step from the parent to here. @default - absent for the object root */
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
 * The rules of a kind arranged by path: one node per schema location some
 * rule path reaches, holding the rules whose `self` is there. Walking an
 * object along this tree visits every instance of every rule once, whatever
 * the number of rules sharing a path prefix.
 */
interface RuleNode {
  /** The step from the parent node (undefined at the root). @default - absent at the root */
  readonly step?: string;
  /** The schema at this location (what `self` is converted with). */
  readonly schema: SchemaNode | undefined;
  /** The rules whose `self` is here, with their index in the kind's rule list. */
  readonly rules: Array<{ readonly rule: CompiledRule; readonly index: number }>;
  /** True when some rule here is evaluated (not a transition rule). */
  evaluated: boolean;
  readonly children: RuleNode[];
  /**
   * Results of the evaluated rules here (in `rules` order), by the JSON text of
   * `self`: a non-transition rule is a pure function of `self`, so identical
   * sub-objects (the same match, filter or backend in many routes) are
   * evaluated once. Bounded: cleared when it reaches RESULT_CACHE_LIMIT entries.
   * A value is stored on its second sighting only (see `seen`).
   */
  readonly results: Map<string, StoredResults>;
  /**
   * Fingerprints of the JSON texts evaluated here once and not stored. A value
   * is stored at its second sighting: most values a large input holds appear
   * once (a route's own hostnames, its rule list), and storing each one's JSON
   * text kept it alive long enough to be promoted to V8's old generation and
   * collected there (the 100,000-route plane's peak memory). A fingerprint is
   * a number, held in the set's own table. Two texts with one fingerprint only
   * make the second stored a sighting early. Bounded: cleared at
   * SEEN_LIMIT entries.
   */
  readonly seen: Set<number>;
}

/**
 * Entries of one node's result cache before it is cleared (bounds memory on large inputs of distinct values). The
 * values that repeat (a filter, backend or parentRef many routes share) are back after a clear at their next use; the
 * distinct ones never hit, and at 20,000 entries they lived long enough to be promoted to V8's old generation before
 * being dropped together (garbage that raised the 100,000-route plane's peak RSS). The benchmark's plane and synth
 * scenarios count the same cache hits at 2,000 as at 20,000.
 */
const RESULT_CACHE_LIMIT = 2_000;

/** Fingerprints one node keeps of values seen once before the set is cleared. */
const SEEN_LIMIT = 20_000;

/**
 * The stored results of one value at one rule node. `clean` is set once every
 * rule at this node and at every place below it, evaluated on this value,
 * returned true: the rules below are pure functions of parts of this value, so
 * the next sighting of the same JSON text needs no walk below this node (no
 * JSON text of each nested value to key its own cache, no instance of each
 * nested place). A value with any other result keeps being walked, so its
 * diagnostics are found at every sighting.
 */
interface StoredResults {
  readonly results: readonly CelResult[];
  clean: boolean;
}

const ruleTrees = new Map<CrdValidationData, RuleNode>();

function schemaStep(schema: SchemaNode | undefined, step: string): SchemaNode | undefined {
  if (!schema) return undefined;
  if (step === '[]') return schema.items;
  if (step === '{}') return additionalSchema(schema);
  return propertySchema(schema, step);
}

function ruleTree(crd: CrdValidationData): RuleNode {
  let root = ruleTrees.get(crd);
  if (!root) {
    const newNode = (step: string | undefined, schema: SchemaNode | undefined): RuleNode =>
      ({ step, schema, rules: [], evaluated: false, children: [], results: new Map(), seen: new Set() });
    root = newNode(undefined, crd.schema as SchemaNode);
    compiledRules(crd).rules.forEach((rule, index) => {
      let node = root!;
      for (const step of rule.steps) {
        let child = node.children.find((c) => c.step === step);
        if (!child) {
          child = newNode(step, schemaStep(node.schema, step));
          node.children.push(child);
        }
        node = child;
      }
      node.rules.push({ rule, index });
      if (!rule.transition && rule.run) node.evaluated = true;
    });
    ruleTrees.set(crd, root);
  }
  return root;
}

/** An instance whose CEL form is converted on first use (most instances only need their cached results). */
class LazyInstance implements RuleInstance {
  private celValue?: CelInputValue;
  private converted = false;
  public constructor(
    public readonly parent: RuleInstance | undefined,
    public readonly step: PathSegment | undefined,
    public readonly json: unknown,
    private readonly schema: SchemaNode | undefined,
  ) {}
  public get cel(): CelInputValue {
    if (!this.converted) {
      this.celValue = toCelValue(this.json, this.schema);
      this.converted = true;
    }
    return this.celValue!;
  }
}

/**
 * Evaluates every rule of the kind on `obj` (already defaulted). A rule that
 * returns false fails. A rule whose evaluation errs (for instance it reads an
 * absent field without `has()`) fails as well, as on the API server, unless a
 * schema error at or below that place explains it (a wrongly typed field makes
 * rules err, and the schema diagnostic already says what is wrong).
 *
 * The object is walked once along the kind's rule tree; the diagnostics come
 * in rule order, and for one rule in document order.
 */
export function validateCel(
  obj: unknown,
  crd: CrdValidationData,
  object: DiagnosticObject | undefined,
  schemaErrorFields: readonly string[],
  stats?: CelStats,
): Diagnostic[] {
  const found: Array<{ index: number; diagnostic: Diagnostic }> = [];
  /** Rule results other than true seen so far in this walk (a subtree whose count did not grow is clean). */
  const tally = { notTrue: 0 };
  const visit = (node: RuleNode, inst: RuleInstance) => {
    workCounters.celInstances++;
    const before = tally.notTrue;
    const stored = node.rules.length > 0 ? evaluateNode(node, inst, crd, object, schemaErrorFields, stats, found, tally) : undefined;
    // Coverage counters count every rule at every place, so a walk that keeps them skips nothing.
    if (stored?.clean && !stats && node.children.length > 0) {
      workCounters.celSubtreesSkipped++;
      return;
    }
    for (const child of node.children) {
      const step = child.step!;
      const json = inst.json;
      if (step === '[]') {
        if (Array.isArray(json)) json.forEach((item, i) => visit(child, new LazyInstance(inst, i, item, child.schema)));
      } else if (step === '{}') {
        if (isJsonObject(json)) {
          for (const [key, value] of Object.entries(json)) {
            if (value !== undefined) visit(child, new LazyInstance(inst, key, value, child.schema));
          }
        }
      } else if (isJsonObject(json)) {
        const value = json[step];
        if (value !== undefined && value !== null) visit(child, new LazyInstance(inst, step, value, child.schema));
      }
    }
    if (stored && tally.notTrue === before) stored.clean = true;
  };
  const root = ruleTree(crd);
  visit(root, new LazyInstance(undefined, undefined, obj, root.schema));
  // Stable sort: rule order, then document order within a rule (the order of the walk).
  found.sort((a, b) => a.index - b.index);
  return found.map((f) => f.diagnostic);
}

function evaluateNode(
  node: RuleNode,
  inst: RuleInstance,
  crd: CrdValidationData,
  object: DiagnosticObject | undefined,
  schemaErrorFields: readonly string[],
  stats: CelStats | undefined,
  found: Array<{ index: number; diagnostic: Diagnostic }>,
  tally: { notTrue: number },
): StoredResults | undefined {
  let results: readonly CelResult[] | undefined;
  let stored: StoredResults | undefined;
  if (node.evaluated) {
    const key = JSON.stringify(inst.json);
    stored = node.results.get(key);
    if (stored) {
      results = stored.results;
      workCounters.celCacheHits++;
    } else {
      results = node.rules.map(({ rule }) => {
        if (rule.transition || !rule.run) return true;
        workCounters.celEvaluations++;
        return rule.run(inst.cel);
      });
      const print = fingerprint(key);
      if (node.seen.has(print)) {
        if (node.results.size >= RESULT_CACHE_LIMIT) node.results.clear();
        stored = { results, clean: false };
        node.results.set(key, stored);
        workCounters.celResultsStored++;
      } else {
        if (node.seen.size >= SEEN_LIMIT) node.seen.clear();
        node.seen.add(print);
      }
    }
  }
  node.rules.forEach(({ rule, index }, i) => {
    if (rule.transition || !rule.run) {
      if (stats) stats.transitionSkips++;
      return;
    }
    if (stats) {
      stats.evaluations++;
      stats.rulesEvaluated.add(`${crd.channel}/${crd.kind}#${index}`);
    }
    const result = results![i];
    if (result === true) return;
    tally.notTrue++;
    const field = formatFieldPath(instancePath(inst));
    let evaluationError: string | undefined;
    if (result !== false) {
      // An error (typically "no such key" for an absent field the rule reads without has()) fails the
      // rule on the API server too, unless a schema error at or below this place already explains it.
      const underSchemaError = schemaErrorFields.some((f) => f === '' || f === field || f.startsWith(`${field}.`) || f.startsWith(`${field}[`) || field.startsWith(`${f}.`) || field.startsWith(`${f}[`));
      if (underSchemaError) return;
      evaluationError = isCelError(result) ? result.message : `it returned ${String(result)} instead of true or false`;
    }
    found.push({ index, diagnostic: failure(rule, inst, object, evaluationError) });
  });
  return stored;
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
    ...(readable.fix ? { fix: readable.fix } : {}),
    ...(object ? { object } : {}),
    ...(field ? { field } : {}),
  };
}
