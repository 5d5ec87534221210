/**
 * Single-object checks beyond the CRD: problems the API server accepts but
 * that make a route behave in a way nobody intends.
 *
 * Every route of an app is looked at and most have nothing to report, so the
 * rules are read in one pass (`lintRoute`) that makes nothing for a rule
 * without findings: no location is built unless a diagnostic needs it.
 */
import { RE2JS } from 're2js';
import { backendsTakingTraffic, isRouteKind, undeliveredTraffic, type RouteKindName } from '../model';
import type { Diagnostic, DiagnosticObject } from './diagnostic';
import { formatFieldPath, type PathSegment } from './field-path';
import { isJsonObject } from './structural-schema';
import { workCounters } from './work-counters';

/** No finding (shared: most routes have none). */
const NONE: readonly Diagnostic[] = Object.freeze([]);

/** A control character other than the horizontal tab (CR and LF above all): no HTTP field value can hold one. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/** The header modifiers of a filter, in the order their lists are read. */
const MODIFIERS = ['requestHeaderModifier', 'responseHeaderModifier'] as const;

/** The lists of a header modifier that name a header with a value, in the order they are read. */
const WRITES = ['set', 'add'] as const;

/** What one pass over a route finds, by check, each in document order. */
class RouteFindings {
  public weights?: Diagnostic[];
  public headerCase?: Diagnostic[];
  public regex?: Diagnostic[];
  public headerValues?: Diagnostic[];
  /** The fields with a schema error, made into a set on first use. */
  private skip?: ReadonlySet<string>;

  public constructor(
    public readonly kind: RouteKindName,
    public readonly object: DiagnosticObject,
    private readonly skipFields: readonly string[],
  ) {}

  /** True when `field` already has a schema error (such a value is not judged again). */
  public skipped(field: string): boolean {
    if (this.skipFields.length === 0) return false;
    this.skip ??= new Set(this.skipFields);
    return this.skip.has(field);
  }

  /** The diagnostics in the order the checks are documented: weights, header names, regular expressions, header values. */
  public all(): readonly Diagnostic[] {
    if (!this.weights && !this.headerCase && !this.regex && !this.headerValues) return NONE;
    return [...this.weights ?? [], ...this.headerCase ?? [], ...this.regex ?? [], ...this.headerValues ?? []];
  }
}

/**
 * The checks beyond the CRD on a route (any other object has none), in this
 * order:
 *
 * - a rule whose backendRefs all have weight 0 sends no traffic anywhere
 *   (what happens to it instead is {@link undeliveredTraffic});
 * - HTTP header names are case-insensitive, but the CRD only rejects exact
 *   duplicates: `X-Env` and `x-env` in one list (header matches, header
 *   modifier set/add/remove) pass the API server, and then only the first
 *   entry counts (a warning);
 * - a RegularExpression value (HTTPRoute path, header and query parameter
 *   matches; GRPCRoute method service/method and header matches) that RE2
 *   cannot compile: the API server stores it, but implementations reject the
 *   route (Accepted=False, UnsupportedValue); the message is RE2's;
 * - a header value that a filter sets or adds must be a valid HTTP field
 *   value: the experimental-channel CRD rejects a value with a line break
 *   (the usual cause is a YAML `|` block, which keeps the final newline), and
 *   no implementation can send one, so it is an error in either channel.
 *
 * `route` must already carry the schema defaults (weight defaults to 1).
 * `skipFields` are fields that already have a schema error: their header
 * values are not judged again.
 */
export function lintRoute(route: Record<string, unknown>, object: DiagnosticObject, skipFields: readonly string[]): readonly Diagnostic[] {
  const kind = route.kind;
  if (typeof kind !== 'string' || !isRouteKind(kind)) return NONE;
  const spec = route.spec;
  if (!isJsonObject(spec) || !Array.isArray(spec.rules)) return NONE;
  const found = new RouteFindings(kind, object, skipFields);
  const headers = kind === 'HTTPRoute' || kind === 'GRPCRoute';
  const rules = spec.rules;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (!isJsonObject(rule)) continue;
    const backendRefs = Array.isArray(rule.backendRefs) ? rule.backendRefs : undefined;
    if (backendRefs && backendRefs.length > 0) checkWeights(found, backendRefs, i);
    if (!headers) continue;
    // Header names: the matches' lists, then the rule's modifiers, then each backend's; header values: the rule's
    // modifiers, then each backend's (each check has its own list, so reading a modifier once serves both).
    const matches = Array.isArray(rule.matches) ? rule.matches : undefined;
    if (matches) {
      for (let j = 0; j < matches.length; j++) {
        const m = matches[j];
        if (!isJsonObject(m)) continue;
        checkHeaderNames(found, m.headers, nameOf, () => ['spec', 'rules', i, 'matches', j, 'headers'], 'header matches');
        checkMatchExpressions(found, m, i, j);
      }
    }
    checkModifiers(found, rule.filters, () => ['spec', 'rules', i, 'filters']);
    if (backendRefs) {
      for (let j = 0; j < backendRefs.length; j++) {
        const b = backendRefs[j];
        if (isJsonObject(b)) checkModifiers(found, b.filters, () => ['spec', 'rules', i, 'backendRefs', j, 'filters']);
      }
    }
  }
  return found.all();
}

/** A rule whose backendRefs (at least one) all have weight 0. */
function checkWeights(found: RouteFindings, backendRefs: readonly unknown[], i: number): void {
  const refs = backendRefs.map((b) => ({ weight: isJsonObject(b) && typeof b.weight === 'number' ? b.weight : undefined }));
  if (backendsTakingTraffic(refs) > 0) return;
  const traffic = undeliveredTraffic(found.kind);
  (found.weights ??= []).push({
    code: 'route/all-weights-zero',
    severity: 'error',
    message: `all ${backendRefs.length} backendRef(s) of this rule have weight 0, so all ${traffic.units} this rule would take ${traffic.fate}; give at least one backend a positive weight, or remove the rule`,
    fix: 'give at least one backend a positive weight, or remove the rule',
    object: found.object,
    field: formatFieldPath(['spec', 'rules', i, 'backendRefs']),
  });
}

/** The `name` of an entry that is an object. */
function nameOf(x: unknown): unknown {
  return isJsonObject(x) ? x.name : undefined;
}

/** The entry itself (a `remove` list holds the names). */
function itself(x: unknown): unknown {
  return x;
}

/**
 * Two names of one header-name list that differ only in case (a list of fewer than two names cannot have them).
 * `at` gives the list's location, asked only for a finding.
 */
function checkHeaderNames(found: RouteFindings, list: unknown, pick: (x: unknown) => unknown, at: () => PathSegment[], what: string): void {
  if (!Array.isArray(list) || list.length < 2) return;
  workCounters.headerListsCompared++;
  const names = list.map((x) => {
    const n = pick(x);
    return typeof n === 'string' ? n : '';
  });
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === '') return;
    const key = name.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
    } else if (names[first] !== name) {
      (found.headerCase ??= []).push({
        code: 'route/duplicate-header-name',
        severity: 'warning',
        message: `${what} ${first} and ${i} name the same header ('${names[first]}' and '${name}'; header names are case-insensitive), so only the first one takes effect; remove one`,
        fix: `remove entry ${i}`,
        object: found.object,
        field: formatFieldPath([...at(), i]),
      });
    }
  });
}

/** The regular expressions of one match, each compiled with RE2. */
function checkMatchExpressions(found: RouteFindings, m: Record<string, unknown>, i: number, j: number): void {
  const at = (...rest: PathSegment[]): PathSegment[] => ['spec', 'rules', i, 'matches', j, ...rest];
  if (found.kind === 'HTTPRoute' && isRegex(m.path)) checkExpression(found, m.path.value, () => at('path', 'value'), 'path');
  if (found.kind === 'GRPCRoute' && isRegex(m.method)) {
    checkExpression(found, m.method.service, () => at('method', 'service'), 'method.service');
    checkExpression(found, m.method.method, () => at('method', 'method'), 'method.method');
  }
  for (const list of found.kind === 'HTTPRoute' ? ['headers', 'queryParams'] as const : ['headers'] as const) {
    const entries = m[list];
    if (!Array.isArray(entries)) continue;
    for (let k = 0; k < entries.length; k++) {
      const h = entries[k];
      if (isRegex(h)) checkExpression(found, h.value, () => at(list, k, 'value'), `${list === 'headers' ? 'header' : 'query parameter'} ${JSON.stringify(h.name)}`);
    }
  }
}

/** A match (or method match) of type RegularExpression. */
function isRegex(x: unknown): x is Record<string, unknown> {
  return isJsonObject(x) && x.type === 'RegularExpression';
}

/** A regular expression value RE2 cannot compile. */
function checkExpression(found: RouteFindings, value: unknown, at: () => PathSegment[], what: string): void {
  if (typeof value !== 'string') return;
  try {
    RE2JS.compile(value);
  } catch (e) {
    (found.regex ??= []).push({
      code: 'route/regex-invalid',
      severity: 'error',
      message: `${what} ${JSON.stringify(value)} is not a regular expression RE2 accepts (${String((e as Error | undefined)?.message ?? e)}); implementations reject the route (Accepted=False, UnsupportedValue)`,
      object: found.object,
      field: formatFieldPath(at()),
    });
  }
}

/**
 * The header modifiers of a filter list, request then response, filter by filter: their header-name lists (set,
 * add, then remove) and the values they set or add that hold a control character.
 */
function checkModifiers(found: RouteFindings, filters: unknown, at: () => PathSegment[]): void {
  if (!Array.isArray(filters)) return;
  for (let k = 0; k < filters.length; k++) {
    const f = filters[k];
    if (!isJsonObject(f)) continue;
    for (const which of MODIFIERS) {
      const m = f[which];
      if (!isJsonObject(m)) continue;
      for (const op of WRITES) checkHeaderNames(found, m[op], nameOf, () => [...at(), k, which, op], `${which}.${op} entries`);
      checkHeaderNames(found, m.remove, itself, () => [...at(), k, which, 'remove'], `${which}.remove entries`);
      for (const op of WRITES) {
        const list = m[op];
        if (!Array.isArray(list)) continue;
        for (let i = 0; i < list.length; i++) {
          const entry = list[i];
          const value = isJsonObject(entry) ? entry.value : undefined;
          if (typeof value !== 'string' || !CONTROL_CHARACTER.test(value)) continue;
          const field = formatFieldPath([...at(), k, which, op, i, 'value']);
          if (found.skipped(field)) continue;
          const c = CONTROL_CHARACTER.exec(value)![0];
          const name = c === '\n' ? 'a line feed' : c === '\r' ? 'a carriage return' : `the control character U+${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`;
          (found.headerValues ??= []).push({
            code: 'route/header-value-invalid',
            severity: 'error',
            message: `header value ${JSON.stringify(value)} contains ${name}, which no HTTP header value can hold (a YAML '|' block keeps its final newline; use a plain or quoted string)`,
            fix: `remove ${name} from the value (in YAML, use a plain or quoted string rather than a '|' block)`,
            object: found.object,
            field,
          });
        }
      }
    }
  }
}
