/**
 * What a route's rules resolve to before the route attaches anywhere: every
 * backendRef (and RequestMirror backendRef) resolved to a Service or a
 * reason, the rules whose values the plane cannot serve (regular expressions
 * that are not RE2), and, by the partially-invalid approach, whether that
 * rejects the route or drops those rules. Also how a result names the rule
 * that decided it (`routeDecision`).
 */
import { RE2JS } from 're2js';
import type { PartiallyInvalidApproach, RouteState } from './controller';
import { routeFeatureProblem, ruleFeatureProblems, type PlaneClaims, type RuleFeatureProblem } from './implementation-features';
import type { ObjectStore, StoredObject } from './object-store';
import { BackendResolution, resolveBackendRef } from './references';
import type { RouteDecision } from './requests';
import { AnyBackendRef, AnyRouteRule, RouteDocument, routeSpec } from './stored-kinds';
import type { GRPCRouteRule, HTTPRouteRule } from '../../generated/experimental';

/** A route's rules, resolved. */
export interface ResolvedRules {
  /** backendRef (object identity) to its resolution, in rule order. */
  readonly backends: Map<object, BackendResolution>;
  /** The first backendRef that does not resolve, for ResolvedRefs. @default - every backendRef resolves */
  readonly firstUnresolved?: BackendResolution;
  /** Why the route as a whole is not usable. @default - it is usable */
  readonly invalid?: string;
  /** The reason of Accepted=False when `invalid`. @default 'UnsupportedValue' */
  readonly invalidReason?: string;
  /** Rules dropped under the `drop-rule` approach, by index, with why. */
  readonly droppedRules: ReadonlyMap<number, string>;
}

/** The dropped rules of a route that drops none (one shared empty map: most routes drop none). */
const NO_DROPPED_RULES: ReadonlyMap<number, string> = new Map();

/**
 * Resolves the rules of route `r`. With `shared`, a backendRef that resolves
 * gets the resolution an earlier route of the same kind and namespace got for
 * the same reference (a resolution that does not is the route's own: its
 * message may name the route); a plane holds one resolution per backend, not
 * one per backendRef. `shared` must not outlive the store's present content.
 */
export function resolveRouteRules(
  store: ObjectStore, r: StoredObject<RouteDocument>, approach: PartiallyInvalidApproach | undefined, claims?: PlaneClaims,
  shared?: Map<string, BackendResolution>,
): ResolvedRules {
  const rules = routeSpec(r.obj).rules ?? [];
  const invalidRules = new Map<number, string>();
  const reasons = new Map<number, string>();
  const unclaimed = claims ? ruleFeatureProblems(r.obj, claims) : new Map<number, RuleFeatureProblem>();
  rules.forEach((rule, ri) => {
    const problem = ruleValueProblem(r.kind, rule, ri);
    if (problem) {invalidRules.set(ri, problem);} else if (unclaimed.has(ri)) {
      invalidRules.set(ri, unclaimed.get(ri)!.message);
      reasons.set(ri, unclaimed.get(ri)!.reason);
    }
  });
  const routeProblem = claims ? routeFeatureProblem(r.obj, claims) : undefined;
  const backends = new Map<object, BackendResolution>();
  for (const ref of backendRefsOf(rules)) backends.set(ref, shared ? sharedResolution(shared, store, r, ref) : resolveBackendRef(store, r, ref));
  const firstUnresolved = [...backends.values()].find((b) => !b.ok);
  if (routeProblem) return { backends, firstUnresolved, invalid: routeProblem, droppedRules: NO_DROPPED_RULES };
  const dropRules = approach === 'drop-rule' && invalidRules.size > 0 && invalidRules.size < rules.length;
  const invalid = invalidRules.size > 0 && !dropRules
    ? `${[...invalidRules.values()][0]}${invalidRules.size < rules.length ? ' (the whole route is rejected; the option partiallyInvalid: \'drop-rule\' would drop only the invalid rules)' : ''}`
    : undefined;
  const invalidReason = invalid !== undefined ? reasons.get([...invalidRules.keys()][0]) : undefined;
  return { backends, firstUnresolved, invalid, ...(invalidReason ? { invalidReason } : {}), droppedRules: dropRules ? invalidRules : NO_DROPPED_RULES };
}

/** The resolution of `ref` from `shared` when one resolved there, else resolved now (and shared when it resolves). */
function sharedResolution(shared: Map<string, BackendResolution>, store: ObjectStore, r: StoredObject<RouteDocument>, ref: AnyBackendRef): BackendResolution {
  // Every input of a resolution that resolves: the route's kind and namespace (ReferenceGrants) and the reference.
  const key = JSON.stringify([r.kind, r.namespace, ref.group, ref.kind, ref.namespace, ref.name, ref.port]);
  let res = shared.get(key);
  if (!res) {
    res = resolveBackendRef(store, r, ref);
    if (res.ok) shared.set(key, res);
  }
  return res;
}

/** Every backendRef of the rules, in order: each backendRef then its mirrors, then the rule's mirrors. */
function backendRefsOf(rules: readonly AnyRouteRule[]): AnyBackendRef[] {
  const refs: AnyBackendRef[] = [];
  for (const rule of rules) {
    for (const b of rule.backendRefs ?? []) {
      refs.push(b);
      for (const f of b.filters ?? []) if (f.type === 'RequestMirror' && f.requestMirror?.backendRef) refs.push(f.requestMirror.backendRef);
    }
    for (const f of rule.filters ?? []) if (f.type === 'RequestMirror' && f.requestMirror?.backendRef) refs.push(f.requestMirror.backendRef);
  }
  return refs;
}

/** Why rule `ri` cannot be served: a regular expression that is not valid RE2. */
function ruleValueProblem(kind: string, rule: AnyRouteRule, ri: number): string | undefined {
  const patterns = kind === 'HTTPRoute' ? httpPatterns(rule as HTTPRouteRule) : kind === 'GRPCRoute' ? grpcPatterns(rule as GRPCRouteRule) : [];
  for (const [what, pattern] of patterns) {
    const problem = re2Problem(pattern);
    if (problem) return `rules[${ri}]: ${what} ${JSON.stringify(pattern)} is not a valid RE2 regular expression (${problem})`;
  }
  return undefined;
}

/** The RegularExpression values of an HTTPRoute rule, in match order, each with what it matches. */
function httpPatterns(rule: HTTPRouteRule): [string, string][] {
  const out: [string, string][] = [];
  for (const m of rule.matches ?? []) {
    if (m.path?.type === 'RegularExpression') out.push(['path', m.path.value ?? '']);
    for (const h of m.headers ?? []) if (h.type === 'RegularExpression') out.push([`header ${h.name}`, h.value]);
    for (const q of m.queryParams ?? []) if (q.type === 'RegularExpression') out.push([`query param ${q.name}`, q.value]);
  }
  return out;
}

/** The RegularExpression values of a GRPCRoute rule, in match order, each with what it matches. */
function grpcPatterns(rule: GRPCRouteRule): [string, string][] {
  const out: [string, string][] = [];
  for (const m of rule.matches ?? []) {
    if (m.method?.type === 'RegularExpression') {
      for (const f of ['service', 'method'] as const) if (m.method[f] !== undefined) out.push([`method.${f}`, m.method[f]]);
    }
    for (const h of m.headers ?? []) if (h.type === 'RegularExpression') out.push([`header ${h.name}`, h.value]);
  }
  return out;
}

/** The RE2 compiler's complaint about `pattern`, if it has one. */
function re2Problem(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** The route, rule (with its name when it has one) and match that decided a request (`match` absent for TLS, TCP and UDP routes). */
export function routeDecision(route: RouteState, rule: number, match?: number): RouteDecision {
  const name = routeSpec(route.obj.obj).rules?.[rule]?.name;
  return {
    kind: route.kind,
    namespace: route.obj.namespace,
    name: route.obj.name,
    rule,
    ...(name ? { ruleName: name } : {}),
    ...(match !== undefined ? { match } : {}),
  };
}
