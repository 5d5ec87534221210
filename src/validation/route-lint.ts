/**
 * Single-object checks beyond the CRD: problems the API server accepts but
 * that make a route behave in a way nobody intends.
 */
import { RE2JS } from 're2js';
import { backendsTakingTraffic, isRouteKind, undeliveredTraffic } from '../model';
import type { Diagnostic, DiagnosticObject } from './diagnostic';
import { formatFieldPath } from './field-path';
import { isJsonObject } from './structural-schema';
import { workCounters } from './work-counters';

/**
 * A route rule whose backendRefs all have weight 0 sends no traffic anywhere
 * (what happens to it instead is {@link undeliveredTraffic}).
 * `route` must already carry the schema defaults (weight defaults to 1).
 */
export function checkRouteWeights(route: Record<string, unknown>, object: DiagnosticObject): Diagnostic[] {
  const kind = String(route.kind);
  if (!isRouteKind(kind)) return [];
  const spec = route.spec;
  if (!isJsonObject(spec) || !Array.isArray(spec.rules)) return [];
  const out: Diagnostic[] = [];
  spec.rules.forEach((rule, i) => {
    if (!isJsonObject(rule) || !Array.isArray(rule.backendRefs) || rule.backendRefs.length === 0) return;
    const refs = rule.backendRefs.map((b) => ({ weight: isJsonObject(b) && typeof b.weight === 'number' ? b.weight : undefined }));
    if (backendsTakingTraffic(refs) === 0) {
      const traffic = undeliveredTraffic(kind);
      out.push({
        code: 'route/all-weights-zero',
        severity: 'error',
        message: `all ${refs.length} backendRef(s) of this rule have weight 0, so all ${traffic.units} this rule would take ${traffic.fate}; give at least one backend a positive weight, or remove the rule`,
        fix: 'give at least one backend a positive weight, or remove the rule',
        object,
        field: formatFieldPath(['spec', 'rules', i, 'backendRefs']),
      });
    }
  });
  return out;
}

/** The `name` of an entry that is an object. */
function nameOf(x: unknown): unknown {
  return isJsonObject(x) ? x.name : undefined;
}

/**
 * The header-name lists of a route that have two names or more (a shorter list cannot name one header twice):
 * match headers and header-modifier set/add/remove, with their locations. Every match of every route is
 * looked at, and most have one header or none: nothing is made for those.
 */
function headerLists(route: Record<string, unknown>): Array<{ names: string[]; at: (string | number)[]; what: string }> {
  const out: Array<{ names: string[]; at: (string | number)[]; what: string }> = [];
  const spec = route.spec;
  if (!isJsonObject(spec) || !Array.isArray(spec.rules)) return out;
  const add = (list: unknown, pick: (x: unknown) => unknown, at: () => (string | number)[], what: string): void => {
    if (!Array.isArray(list) || list.length < 2) return;
    workCounters.headerListsCompared++;
    out.push({ names: list.map(pick).map((n) => (typeof n === 'string' ? n : '')), at: at(), what });
  };
  const modifiers = (filters: unknown, at: (string | number)[]): void => {
    if (!Array.isArray(filters)) return;
    filters.forEach((f, k) => {
      for (const which of ['requestHeaderModifier', 'responseHeaderModifier'] as const) {
        const m = isJsonObject(f) ? f[which] : undefined;
        if (!isJsonObject(m)) continue;
        for (const op of ['set', 'add'] as const) add(m[op], nameOf, () => [...at, k, which, op], `${which}.${op} entries`);
        add(m.remove, (x) => x, () => [...at, k, which, 'remove'], `${which}.remove entries`);
      }
    });
  };
  spec.rules.forEach((rule, i) => {
    if (!isJsonObject(rule)) return;
    if (Array.isArray(rule.matches)) {
      rule.matches.forEach((m, j) => {
        if (isJsonObject(m)) add(m.headers, nameOf, () => ['spec', 'rules', i, 'matches', j, 'headers'], 'header matches');
      });
    }
    modifiers(rule.filters, ['spec', 'rules', i, 'filters']);
    if (Array.isArray(rule.backendRefs)) {
      rule.backendRefs.forEach((b, j) => modifiers(isJsonObject(b) ? b.filters : undefined, ['spec', 'rules', i, 'backendRefs', j, 'filters']));
    }
  });
  return out;
}

/**
 * HTTP header names are case-insensitive, but the CRD only rejects exact
 * duplicates: `X-Env` and `x-env` in one list pass the API server, and then
 * only the first entry counts. Warns about such pairs.
 */
export function checkHeaderNameCase(route: Record<string, unknown>, object: DiagnosticObject): Diagnostic[] {
  if (route.kind !== 'HTTPRoute' && route.kind !== 'GRPCRoute') return [];
  const out: Diagnostic[] = [];
  for (const list of headerLists(route)) {
    const seen = new Map<string, number>();
    list.names.forEach((name, i) => {
      if (name === '') return;
      const key = name.toLowerCase();
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, i);
      } else if (list.names[first] !== name) {
        out.push({
          code: 'route/duplicate-header-name',
          severity: 'warning',
          message: `${list.what} ${first} and ${i} name the same header ('${list.names[first]}' and '${name}'; header names are case-insensitive), so only the first one takes effect; remove one`,
          fix: `remove entry ${i}`,
          object,
          field: formatFieldPath([...list.at, i]),
        });
      }
    });
  }
  return out;
}

/** A control character other than the horizontal tab (CR and LF above all): no HTTP field value can hold one. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000a-\u001f\u007f]/;

/**
 * A header value that a filter sets or adds must be a valid HTTP field value:
 * the experimental-channel CRD rejects a value with a line break (the usual
 * cause is a YAML `|` block, which keeps the final newline), and no
 * implementation can send one, so it is an error in either channel.
 * `skipFields` are fields that already have a schema error.
 */
export function checkHeaderValues(route: Record<string, unknown>, object: DiagnosticObject, skipFields: readonly string[] = []): Diagnostic[] {
  if (route.kind !== 'HTTPRoute' && route.kind !== 'GRPCRoute') return [];
  const spec = route.spec;
  if (!isJsonObject(spec) || !Array.isArray(spec.rules)) return [];
  const out: Diagnostic[] = [];
  const skip = new Set(skipFields);
  const modifiers = (filters: unknown, at: (string | number)[]): void => {
    if (!Array.isArray(filters)) return;
    filters.forEach((f, k) => {
      for (const which of ['requestHeaderModifier', 'responseHeaderModifier'] as const) {
        const m = isJsonObject(f) ? f[which] : undefined;
        if (!isJsonObject(m)) continue;
        for (const op of ['set', 'add'] as const) {
          const list = m[op];
          if (!Array.isArray(list)) continue;
          list.forEach((entry, i) => {
            const value = isJsonObject(entry) ? entry.value : undefined;
            if (typeof value !== 'string' || !CONTROL_CHARACTER.test(value)) return;
            const field = formatFieldPath([...at, k, which, op, i, 'value']);
            if (skip.has(field)) return;
            const c = CONTROL_CHARACTER.exec(value)![0];
            const name = c === '\n' ? 'a line feed' : c === '\r' ? 'a carriage return' : `the control character U+${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`;
            out.push({
              code: 'route/header-value-invalid',
              severity: 'error',
              message: `header value ${JSON.stringify(value)} contains ${name}, which no HTTP header value can hold (a YAML '|' block keeps its final newline; use a plain or quoted string)`,
              fix: `remove the ${name} from the value (in YAML, use a plain or quoted string rather than a '|' block)`,
              object,
              field,
            });
          });
        }
      }
    });
  };
  spec.rules.forEach((rule, i) => {
    if (!isJsonObject(rule)) return;
    modifiers(rule.filters, ['spec', 'rules', i, 'filters']);
    if (Array.isArray(rule.backendRefs)) {
      rule.backendRefs.forEach((b, j) => modifiers(isJsonObject(b) ? b.filters : undefined, ['spec', 'rules', i, 'backendRefs', j, 'filters']));
    }
  });
  return out;
}

/**
 * A RegularExpression value (HTTPRoute path, header and query parameter
 * matches; GRPCRoute method service/method and header matches) that RE2
 * cannot compile: the API server stores it, but implementations reject the
 * route (Accepted=False, UnsupportedValue). The message is RE2's.
 */
export function checkRegularExpressions(route: Record<string, unknown>, object: DiagnosticObject): Diagnostic[] {
  if (route.kind !== 'HTTPRoute' && route.kind !== 'GRPCRoute') return [];
  const spec = route.spec;
  if (!isJsonObject(spec) || !Array.isArray(spec.rules)) return [];
  const out: Diagnostic[] = [];
  const check = (value: unknown, at: (string | number)[], what: string): void => {
    if (typeof value !== 'string') return;
    try {
      RE2JS.compile(value);
    } catch (e) {
      out.push({
        code: 'route/regex-invalid',
        severity: 'error',
        message: `${what} ${JSON.stringify(value)} is not a regular expression RE2 accepts (${String((e as Error | undefined)?.message ?? e)}); implementations reject the route (Accepted=False, UnsupportedValue)`,
        object,
        field: formatFieldPath(at),
      });
    }
  };
  spec.rules.forEach((rule, i) => {
    if (!isJsonObject(rule) || !Array.isArray(rule.matches)) return;
    rule.matches.forEach((m, j) => {
      if (!isJsonObject(m)) return;
      const at = ['spec', 'rules', i, 'matches', j];
      const isRegex = (x: unknown): x is Record<string, unknown> => isJsonObject(x) && x.type === 'RegularExpression';
      if (route.kind === 'HTTPRoute' && isRegex(m.path)) check(m.path.value, [...at, 'path', 'value'], 'path');
      if (route.kind === 'GRPCRoute' && isRegex(m.method)) {
        check(m.method.service, [...at, 'method', 'service'], 'method.service');
        check(m.method.method, [...at, 'method', 'method'], 'method.method');
      }
      for (const list of route.kind === 'HTTPRoute' ? ['headers', 'queryParams'] as const : ['headers'] as const) {
        const entries = m[list];
        if (!Array.isArray(entries)) continue;
        entries.forEach((h, k) => {
          if (isRegex(h)) check(h.value, [...at, list, k, 'value'], `${list === 'headers' ? 'header' : 'query parameter'} ${JSON.stringify(h.name)}`);
        });
      }
    });
  });
  return out;
}
