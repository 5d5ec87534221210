import { RE2JS } from 're2js';
import { Headers, firstMatchPerHeaderName } from './headers';
import type { HTTPHeaderMatch, HTTPQueryParamMatch, HTTPRouteMatch } from '../../generated/experimental';

/**
 * One HTTPRoute match compiled for evaluation: regular expressions are
 * compiled with RE2 semantics (re2js) on first use, then kept (the
 * controller has already checked at load that they compile; most matches of
 * a large table never see a request, and a compiled RE2 program is several
 * kilobytes), and the precedence key is computed once.
 */
export interface CompiledHttpMatch {
  /** Path match type. */
  readonly pathType: 'Exact' | 'PathPrefix' | 'RegularExpression';
  /** Path match value. */
  readonly pathValue: string;
  /** PathPrefix value without its trailing `/` (`''` for `/`). */
  readonly prefix: string;
  /** The compiled path pattern (RegularExpression only). @default - absent unless the path type is RegularExpression */
  readonly pathRe?: RE2JS;
  /** Method to match. @default - every method */
  readonly method?: string;
  /** Header conditions. */
  readonly headers: readonly ValueMatcher[];
  /** Query parameter conditions. */
  readonly query: readonly ValueMatcher[];
}

/** A header or query parameter condition. */
export interface ValueMatcher {
  /** Header or parameter name. */
  readonly name: string;
  /** Match type. */
  readonly type: 'Exact' | 'RegularExpression';
  /** Value or RE2 pattern. */
  readonly value: string;
  /** The compiled pattern. @default - absent unless the match type is RegularExpression */
  readonly re?: RE2JS;
}

/** Compiles a pattern with RE2 semantics; a full match is required by callers. */
export function compileRe2(pattern: string): RE2JS {
  return RE2JS.compile(pattern);
}

/** The conditions of a match without header or query parameter conditions (one shared empty list). */
const NO_CONDITIONS: readonly ValueMatcher[] = Object.freeze([]);

/**
 * A compiled match as the routing tables hold it: one object of one shape
 * per match, its pattern compiled on first use into a field (the getter is
 * the class's, not a closure per match).
 */
export class HttpMatchProgram implements CompiledHttpMatch {
  public readonly pathType: 'Exact' | 'PathPrefix' | 'RegularExpression';
  public readonly pathValue: string;
  public readonly prefix: string;
  public readonly method: string | undefined;
  public readonly headers: readonly ValueMatcher[];
  public readonly query: readonly ValueMatcher[];
  private compiledPath: RE2JS | undefined = undefined;

  /** Compiles one `matches[]` entry of an HTTPRoute rule (CRD defaults already applied). */
  public constructor(m: HTTPRouteMatch) {
    const pathValue = m.path?.value ?? '/';
    this.pathType = m.path?.type ?? 'PathPrefix';
    this.pathValue = pathValue;
    this.prefix = pathValue.endsWith('/') ? pathValue.slice(0, -1) : pathValue;
    this.method = m.method;
    this.headers = m.headers && m.headers.length > 0 ? firstMatchPerHeaderName(m.headers).map((h) => new ValueCondition(h)) : NO_CONDITIONS;
    this.query = m.queryParams && m.queryParams.length > 0 ? m.queryParams.map((q) => new ValueCondition(q)) : NO_CONDITIONS;
  }

  /** The compiled path pattern (RegularExpression only), compiled on first use. */
  public get pathRe(): RE2JS | undefined {
    if (this.pathType !== 'RegularExpression') return undefined;
    this.compiledPath ??= compileRe2(this.pathValue);
    return this.compiledPath;
  }
}

/** Compiles one `matches[]` entry of an HTTPRoute rule (CRD defaults already applied). */
export function compileHttpMatch(m: HTTPRouteMatch): CompiledHttpMatch {
  return new HttpMatchProgram(m);
}

/** A header or query parameter condition whose pattern (RegularExpression only) is compiled on first use. */
class ValueCondition implements ValueMatcher {
  public readonly name: string;
  public readonly type: 'Exact' | 'RegularExpression';
  public readonly value: string;
  private compiled: RE2JS | undefined = undefined;

  public constructor(h: HTTPHeaderMatch | HTTPQueryParamMatch) {
    this.name = h.name;
    this.type = h.type ?? 'Exact';
    this.value = h.value;
  }

  /** The compiled pattern (RegularExpression only). */
  public get re(): RE2JS | undefined {
    if (this.type !== 'RegularExpression') return undefined;
    this.compiled ??= compileRe2(this.value);
    return this.compiled;
  }
}

/** The parts of a request a match looks at. */
interface MatchInput {
  /** Path without query. */
  readonly path: string;
  /** First value of each query parameter. */
  readonly query: ReadonlyMap<string, string>;
  /** HTTP method. */
  readonly method: string;
  /** Request headers. */
  readonly headers: Headers;
}

/** Whether `path` falls under a PathPrefix (element-wise: `/foo` covers `/foo` and `/foo/x`, never `/foobar`). */
export function pathHasPrefix(path: string, prefix: string): boolean {
  if (prefix === '') return true;
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** Why a match fails for a request, or undefined when it matches. */
export function httpMatchFailure(m: CompiledHttpMatch, req: MatchInput): string | undefined {
  switch (m.pathType) {
    case 'Exact':
      if (req.path !== m.pathValue) return `path ${req.path} is not exactly ${m.pathValue}`;
      break;
    case 'PathPrefix':
      if (!pathHasPrefix(req.path, m.prefix)) return `path ${req.path} is not under prefix ${m.pathValue}`;
      break;
    default:
      if (!m.pathRe!.matches(req.path)) return `path ${req.path} does not match regular expression ${m.pathValue}`;
  }
  if (m.method && m.method !== req.method) return `method ${req.method} is not ${m.method}`;
  for (const h of m.headers) {
    const v = req.headers.get(h.name);
    if (v === undefined) return `header ${h.name} is absent`;
    if (h.re ? !h.re.matches(v) : v !== h.value) return `header ${h.name}: ${JSON.stringify(v)} does not match ${h.type === 'Exact' ? JSON.stringify(h.value) : `/${h.value}/`}`;
  }
  for (const q of m.query) {
    const v = req.query.get(q.name);
    if (v === undefined) return `query parameter ${q.name} is absent`;
    if (q.re ? !q.re.matches(v) : v !== q.value) return `query parameter ${q.name}: ${JSON.stringify(v)} does not match ${q.type === 'Exact' ? JSON.stringify(q.value) : `/${q.value}/`}`;
  }
  return undefined;
}

/**
 * Compares two matches by the spec's precedence among matches (negative when
 * `a` takes precedence): Exact path over PathPrefix over RegularExpression;
 * longer prefix first (regular expressions rank equal among themselves); a
 * method match first; more header matches first; more query parameter
 * matches first. 0 when equally specific.
 */
export function compareHttpMatchSpecificity(a: CompiledHttpMatch, b: CompiledHttpMatch): number {
  const rank = (m: CompiledHttpMatch) => (m.pathType === 'Exact' ? 3 : m.pathType === 'PathPrefix' ? 2 : 1);
  if (rank(a) !== rank(b)) return rank(b) - rank(a);
  // Longer prefixes first. The spec leaves the order among RegularExpression matches to the
  // implementation; the plane ranks them equal, so the later criteria (and rule order) decide.
  if (a.pathType === 'PathPrefix' && a.prefix.length !== b.prefix.length) return b.prefix.length - a.prefix.length;
  if (!!a.method !== !!b.method) return a.method ? -1 : 1;
  if (a.headers.length !== b.headers.length) return b.headers.length - a.headers.length;
  if (a.query.length !== b.query.length) return b.query.length - a.query.length;
  return 0;
}

/** Describes a match in one line, e.g. `PathPrefix /api, GET, 1 header`. */
export function describeHttpMatch(m: CompiledHttpMatch): string {
  const parts = [`${m.pathType} ${m.pathValue}`];
  if (m.method) parts.push(m.method);
  for (const h of m.headers) parts.push(`header ${h.name}${h.type === 'Exact' ? '=' : '~'}${h.value}`);
  for (const q of m.query) parts.push(`query ${q.name}${q.type === 'Exact' ? '=' : '~'}${q.value}`);
  return parts.join(', ');
}

/** Splits `path?query` into the path and the first value of each query parameter. */
export function splitPath(pathAndQuery: string): { path: string; rawQuery: string; query: Map<string, string> } {
  const i = pathAndQuery.indexOf('?');
  const path = i < 0 ? pathAndQuery : pathAndQuery.slice(0, i);
  const rawQuery = i < 0 ? '' : pathAndQuery.slice(i + 1);
  const query = new Map<string, string>();
  for (const part of rawQuery.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const v = eq < 0 ? '' : safeDecode(part.slice(eq + 1));
    if (!query.has(k)) query.set(k, v);
  }
  return { path: path || '/', rawQuery, query };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
