import { isWildcardHostname, wildcardsCovering } from '../model';

/**
 * Entries (compiled route matches) of one listener, indexed by the hostname
 * they serve: exact hostnames, wildcard suffixes, and "every host". A lookup
 * walks only the buckets that can match the request's host, most specific
 * first, so its cost does not grow with the number of routes on other
 * hostnames.
 */
export class HostnameTable<E> {
  private readonly exact = new Map<string, E[]>();
  /** Keyed by the lowercase wildcard hostname, `*.example.com`. */
  private readonly wildcard = new Map<string, E[]>();
  private readonly catchAll: E[] = [];

  /** Adds an entry under each hostname (undefined = every host). */
  public add(hostnames: readonly string[] | undefined, entry: E): void {
    if (hostnames === undefined) {
      this.catchAll.push(entry);
      return;
    }
    for (const h of hostnames) {
      const lower = h.toLowerCase();
      const map = isWildcardHostname(lower) ? this.wildcard : this.exact;
      const list = map.get(lower);
      if (list) {
        if (!list.includes(entry)) list.push(entry);
      } else {
        map.set(lower, [entry]);
      }
    }
  }

  /** Sorts every bucket with `compare` (and trims the hostname buckets to their size: a table holds thousands). */
  public sort(compare: (a: E, b: E) => number): void {
    for (const [h, l] of this.exact) this.exact.set(h, l.sort(compare).slice());
    for (const [h, l] of this.wildcard) this.wildcard.set(h, l.sort(compare).slice());
    this.catchAll.sort(compare);
  }

  /** The buckets that serve `host`, most specific hostname first. */
  public buckets(host: string | undefined): { hostname: string | undefined; entries: readonly E[] }[] {
    const out: { hostname: string | undefined; entries: readonly E[] }[] = [];
    if (host) {
      const h = host.toLowerCase();
      const e = this.exact.get(h);
      if (e) out.push({ hostname: h, entries: e });
      for (const wildcard of wildcardsCovering(h)) {
        const w = this.wildcard.get(wildcard);
        if (w) out.push({ hostname: wildcard, entries: w });
      }
    }
    if (this.catchAll.length > 0) out.push({ hostname: undefined, entries: this.catchAll });
    return out;
  }

  /**
   * Every bucket: exact hostnames (alphabetical), then wildcards
   * (alphabetical, as `*.suffix`), then "every host" (hostname undefined).
   */
  public all(): { hostname: string | undefined; entries: readonly E[] }[] {
    const out: { hostname: string | undefined; entries: readonly E[] }[] = [];
    for (const h of [...this.exact.keys()].sort()) out.push({ hostname: h, entries: this.exact.get(h)! });
    for (const h of [...this.wildcard.keys()].sort()) out.push({ hostname: h, entries: this.wildcard.get(h)! });
    if (this.catchAll.length > 0) out.push({ hostname: undefined, entries: this.catchAll });
    return out;
  }

  /** Number of distinct buckets (for explanations). */
  public get size(): number {
    return this.exact.size + this.wildcard.size + (this.catchAll.length > 0 ? 1 : 0);
  }
}
