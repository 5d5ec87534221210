/**
 * Hostname semantics of the Gateway API: wildcard matching, the intersection
 * of a listener hostname with route hostnames, and specificity ordering.
 *
 * Hostnames are compared case-insensitively (DNS names). A wildcard hostname
 * is `*.` followed by a suffix; it stands for one or more leading DNS labels.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#hostname
 */

/** True when `hostname` is a wildcard hostname such as `*.example.com`. */
export function isWildcardHostname(hostname: string): boolean {
  return hostname.startsWith('*.');
}

/**
 * Whether the concrete host `host` (no wildcard, e.g. a request's Host or SNI)
 * is covered by `pattern`. An exact pattern must equal the host; a wildcard
 * `*.example.com` covers `a.example.com` and `a.b.example.com`, never
 * `example.com` itself. An absent pattern covers every host. A wildcard
 * `host` is covered when every host it stands for is: `*.example.com` covers
 * `*.example.com` and `*.a.example.com`, not `*.com`.
 */
export function hostnameMatches(pattern: string | undefined, host: string): boolean {
  if (pattern === undefined || pattern === '') return true;
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (!isWildcardHostname(p)) return p === h;
  const suffix = p.slice(1); // ".example.com"
  return h.length > suffix.length && h.endsWith(suffix);
}

/**
 * The wildcard hostnames that cover the concrete host `host`, most specific
 * first, in lowercase: for `a.b.example.com`, `*.b.example.com`,
 * `*.example.com` and `*.com`. Each one is a pattern {@link hostnameMatches}
 * accepts for `host`, so an index keyed by wildcard hostname finds exactly the
 * patterns that match without testing every pattern.
 */
export function wildcardsCovering(host: string): string[] {
  const h = host.toLowerCase();
  const out: string[] = [];
  for (let i = h.indexOf('.'); i >= 0; i = h.indexOf('.', i + 1)) {
    const wildcard = `*${h.slice(i)}`;
    if (hostnameMatches(wildcard, h)) out.push(wildcard);
  }
  return out;
}

/**
 * The hostnames a route serves through a listener: the spec's intersection of
 * the listener hostname with the route hostnames.
 *
 * - no listener hostname: the route hostnames as given (or `undefined`, meaning
 *   every host, when the route has none);
 * - no route hostnames: the listener hostname;
 * - otherwise each route hostname that overlaps the listener hostname, narrowed
 *   to the more specific of the two (a route `*.example.com` through a listener
 *   `foo.example.com` serves `foo.example.com`).
 *
 * Returns `undefined` for "every host", and an empty array when nothing
 * intersects (the route then cannot attach: `NoMatchingListenerHostname`).
 */
export function intersectHostnames(listenerHostname: string | undefined, routeHostnames: readonly string[] | undefined): string[] | undefined {
  const routes = routeHostnames ?? [];
  if (!listenerHostname) return routes.length === 0 ? undefined : [...routes];
  if (routes.length === 0) return [listenerHostname];
  const out: string[] = [];
  for (const r of routes) {
    const narrowed = narrowHostnames(listenerHostname, r);
    if (narrowed !== undefined && !out.includes(narrowed)) out.push(narrowed);
  }
  return out;
}

/**
 * The more specific of two hostnames when one covers the other (or they are
 * equal), else `undefined`. Two wildcards overlap when one's suffix covers
 * the other's.
 */
export function narrowHostnames(a: string, b: string): string | undefined {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la === lb) return b;
  const wa = isWildcardHostname(la);
  const wb = isWildcardHostname(lb);
  if (wa && hostnameMatches(la, wb ? lb.slice(2) : lb)) {
    // a covers b (for a wildcard b: a covers b's suffix and so every host b covers)
    if (!wb || lb.slice(1).length > la.slice(1).length) return b;
  }
  if (wb && hostnameMatches(lb, wa ? la.slice(2) : la)) {
    if (!wa || la.slice(1).length > lb.slice(1).length) return a;
  }
  return undefined;
}

/**
 * Orders hostname patterns from most to least specific, as the spec ranks
 * them for a given host: any exact hostname before any wildcard, longer
 * wildcards (more characters) before shorter ones, and an absent hostname
 * (matches everything) last. Negative when `a` is more specific than `b`.
 * Equal specificity compares 0.
 */
export function compareHostnameSpecificity(a: string | undefined, b: string | undefined): number {
  return hostnameRank(b) - hostnameRank(a);
}

/**
 * A number that grows with specificity: exact hostnames rank above every
 * wildcard, and within each group more characters rank higher; an absent
 * hostname ranks lowest (0).
 */
export function hostnameRank(hostname: string | undefined): number {
  if (!hostname) return 0;
  if (isWildcardHostname(hostname)) return 1 + hostname.length;
  return 1_000_000 + hostname.length;
}

/**
 * A concrete host inside a hostname pattern: the pattern itself when it has
 * no wildcard, else `host.<domain>`, `host1.<domain>`, ... the first that is
 * not one of `taken` (the exact hostnames of listeners or routes, so that the
 * host stands for the wildcard as a whole, not for an exact name inside it).
 * Deterministic: the same pattern and names give the same host.
 */
export function sampleHost(hostname: string, taken: Iterable<string | undefined>): string {
  if (!isWildcardHostname(hostname)) return hostname;
  const exact = new Set<string | undefined>(taken);
  for (let i = 0; ; i++) {
    const host = `host${i === 0 ? '' : i}${hostname.slice(1)}`;
    if (!exact.has(host)) return host;
  }
}
