import { RE2JS } from 're2js';
import { Headers } from './headers';
import type { HTTPCORSFilter, HTTPHeaderFilter, HTTPPathModifier, HTTPRequestMirrorFilter, HTTPRequestRedirectFilter } from '../../generated/experimental';

/** Applies a RequestHeaderModifier / ResponseHeaderModifier: set, then add, then remove. */
export function applyHeaderModifier(h: Headers, mod: HTTPHeaderFilter | undefined): void {
  if (!mod) return;
  for (const s of firstPerName(mod.set ?? [])) h.set(s.name, s.value);
  for (const a of firstPerName(mod.add ?? [])) h.add(a.name, a.value);
  for (const r of mod.remove ?? []) h.remove(r);
}

/** The entries of a set/add list whose name (without case) no earlier entry has: later equivalent names are ignored. */
function firstPerName<T extends { readonly name: string }>(entries: readonly T[]): T[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    const k = e.name.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Rewrites a path by a ReplacePrefixMatch modifier: the part of `path`
 * covered by the matched `prefix` is replaced by `replacement`, keeping one
 * `/` between the replacement and the rest.
 */
export function replacePrefix(path: string, prefix: string, replacement: string): string {
  const p = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  let rest = path.slice(p.length); // '' or '/...'
  // The root prefix covers the leading '/' itself: '/' under prefix '/' leaves nothing behind.
  if (p === '' && rest === '/') rest = '';
  let rep = replacement;
  if (rep.endsWith('/') && rest.startsWith('/')) rep = rep.slice(0, -1);
  if (rep === '' && rest === '') return '/';
  if (rep === '' ) return rest;
  if (rest !== '' && !rest.startsWith('/')) rest = `/${rest}`;
  return rep + rest;
}

/** Applies an HTTPPathModifier; `matchedPrefix` is the PathPrefix of the match that won (for ReplacePrefixMatch). */
export function modifyPath(path: string, mod: HTTPPathModifier | undefined, matchedPrefix: string | undefined): string {
  if (!mod) return path;
  if (mod.type === 'ReplaceFullPath') return mod.replaceFullPath ?? path;
  if (mod.type === 'ReplacePrefixMatch' && matchedPrefix !== undefined) return replacePrefix(path, matchedPrefix, mod.replacePrefixMatch ?? '/');
  return path;
}

/** The well-known port of a scheme. */
export function defaultPort(scheme: string): number | undefined {
  return scheme === 'http' ? 80 : scheme === 'https' ? 443 : undefined;
}

/**
 * The status a RequestRedirect answers with: the filter's `statusCode`, else
 * the API default 302 (which admission writes into stored objects, so the
 * fallback serves filters read before defaulting).
 */
export function redirectStatus(f: HTTPRequestRedirectFilter | undefined): number {
  return f?.statusCode ?? 302;
}

/**
 * Builds the Location of a RequestRedirect: scheme and hostname default to
 * the request's; the port is the filter's, else the well-known port of a
 * scheme the filter sets, else the listener port; a port that is the
 * well-known one of the scheme is left out.
 */
export function redirectLocation(f: HTTPRequestRedirectFilter, req: { scheme: string; host: string | undefined; path: string; rawQuery: string; listenerPort: number }, matchedPrefix: string | undefined): string {
  const scheme = f.scheme ?? req.scheme;
  const host = f.hostname ?? req.host ?? '';
  const port = f.port ?? (f.scheme ? (defaultPort(f.scheme) ?? req.listenerPort) : req.listenerPort);
  const showPort = port !== defaultPort(scheme);
  const path = modifyPath(req.path, f.path, matchedPrefix);
  return `${scheme}://${host}${showPort ? `:${port}` : ''}${path}${req.rawQuery ? `?${req.rawQuery}` : ''}`;
}

function originMatches(pattern: string, origin: string): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*')) return pattern.toLowerCase() === origin.toLowerCase();
  // A `*` stands for any run of characters within the host part; quote everything else for RE2.
  const re = pattern.split('*').map((p) => RE2JS.quote(p)).join('[^/]*');
  return RE2JS.compile(`(?i)${re}`).matches(origin);
}

/** The outcome of a CORS filter for one request. */
interface CorsOutcome {
  /** True when the request is a preflight the Gateway answers itself. */
  readonly preflight: boolean;
  /** Headers to add to the response. */
  readonly headers: Record<string, string>;
}

/**
 * Evaluates an HTTPCORSFilter. A preflight (OPTIONS with Origin and
 * Access-Control-Request-Method) is answered by the Gateway; an allowed
 * origin gets the Access-Control-* response headers, a disallowed one gets
 * none.
 */
export function evaluateCors(cors: HTTPCORSFilter, method: string, headers: Headers): CorsOutcome {
  const origin = headers.get('origin');
  const preflight = method === 'OPTIONS' && origin !== undefined && headers.has('access-control-request-method');
  const out: Record<string, string> = {};
  if (origin === undefined) return { preflight, headers: out };
  const origins: string[] = cors.allowOrigins ?? [];
  if (!origins.some((p) => originMatches(p, origin))) return { preflight, headers: out };
  const wildcardOnly = origins.includes('*') && !cors.allowCredentials;
  out['access-control-allow-origin'] = wildcardOnly ? '*' : origin;
  if (cors.allowCredentials) out['access-control-allow-credentials'] = 'true';
  if (preflight) {
    const methods = wildcardList(cors.allowMethods ?? [], cors.allowCredentials === true, headers.get('access-control-request-method'));
    if (methods) out['access-control-allow-methods'] = methods;
    const allowHeaders = wildcardList(cors.allowHeaders ?? [], cors.allowCredentials === true, headers.get('access-control-request-headers'));
    if (allowHeaders) out['access-control-allow-headers'] = allowHeaders;
    if (cors.maxAge !== undefined) out['access-control-max-age'] = String(cors.maxAge);
  }
  // with credentials `*` is no wildcard to a browser, and no request header says which names to expose instead
  const expose = (cors.exposeHeaders ?? []).filter((h) => h !== '*' || !cors.allowCredentials);
  if (expose.length) out['access-control-expose-headers'] = expose.join(', ');
  return { preflight, headers: out };
}

/**
 * The value of Access-Control-Allow-Methods / -Headers for a configured list:
 * the names joined; for `*` without credentials the wildcard itself; for `*`
 * with credentials (where browsers take `*` literally) the request's own
 * Access-Control-Request-* value, and no header at all when the request has
 * none (or an empty one).
 */
function wildcardList(configured: readonly string[], credentials: boolean, requested: string | undefined): string | undefined {
  if (configured.length === 0) return undefined;
  if (!configured.includes('*')) return configured.join(', ');
  if (!credentials) return '*';
  const asked = requested?.trim();
  return asked ? asked : undefined;
}

/** The fraction of requests a RequestMirror filter copies (1 when neither percent nor fraction is set). */
export function mirrorFraction(f: Pick<HTTPRequestMirrorFilter, 'percent' | 'fraction'>): number {
  if (f.percent !== undefined) return f.percent / 100;
  if (f.fraction) return f.fraction.numerator / (f.fraction.denominator ?? 100);
  return 1;
}
