/**
 * An ordered, case-insensitive multimap of HTTP headers. A value given with
 * commas in a plain object stands for one header with that raw value (as the
 * conformance vectors write several values).
 */
export class Headers {
  private readonly map = new Map<string, { name: string; values: string[] }>();

  /** Builds headers from a plain object (`{ 'X-A': 'v' }` or `{ 'X-A': ['v1', 'v2'] }`). */
  public static from(obj: { readonly [name: string]: string | readonly string[] } | undefined): Headers {
    const h = new Headers();
    for (const [k, v] of Object.entries(obj ?? {})) {
      for (const value of typeof v === 'string' ? [v] : v) h.add(k, value);
    }
    return h;
  }

  /** A copy. */
  public clone(): Headers {
    const h = new Headers();
    for (const [k, e] of this.map) h.map.set(k, { name: e.name, values: [...e.values] });
    return h;
  }

  /** The header's values joined with `,`, or undefined when absent. */
  public get(name: string): string | undefined {
    return this.map.get(name.toLowerCase())?.values.join(',');
  }

  /** Whether the header is present. */
  public has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }

  /** Replaces every value of the header. */
  public set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), { name, values: [value] });
  }

  /** Appends a value to the header (creating it when absent). */
  public add(name: string, value: string): void {
    const e = this.map.get(name.toLowerCase());
    if (e) e.values.push(value);
    else this.map.set(name.toLowerCase(), { name, values: [value] });
  }

  /** Removes the header. */
  public remove(name: string): void {
    this.map.delete(name.toLowerCase());
  }

  /** A plain object: lower-case name to values joined with `,`. */
  public toObject(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, e] of [...this.map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) out[k] = e.values.join(',');
    return out;
  }
}

/**
 * The header matches that count: header names are case-insensitive, and
 * where several entries of one match name the same header, only the first
 * one is considered (a MUST of HTTPRoute and GRPCRoute header matching).
 */
export function firstMatchPerHeaderName<T extends { readonly name?: string }>(matches: readonly T[]): T[] {
  const seen = new Set<string>();
  return matches.filter((m) => {
    const key = String(m.name ?? '').toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
