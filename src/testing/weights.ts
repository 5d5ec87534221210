import { formatShare } from '../model';

/**
 * A small deterministic pseudo-random generator (mulberry32): the same seed
 * gives the same sequence on every platform.
 */
export class SeededRandom {
  private state: number;
  public constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The next number in [0, 1). */
  public next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

/** The canonical names of the gRPC status codes 0 to 16 (index = code). */
export const GRPC_STATUS_NAMES: readonly string[] = [
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS', 'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE', 'DATA_LOSS', 'UNAUTHENTICATED',
];

/** A gRPC status for people: `UNIMPLEMENTED (12)`; an unknown code is the number alone. */
export function grpcStatusText(code: number): string {
  const name = Number.isInteger(code) ? GRPC_STATUS_NAMES[code] : undefined;
  return name ? `${name} (${code})` : String(code);
}

/** Fractions keyed `namespace/name:port` (or `namespace/name`) and outcomes such as `(500)`, as `DataPlane.distributionByPort` gives them. */
export type SplitByPort = { readonly [target: string]: number };

const SERVICE_KEY = /^([^/:\s()]+\/[^/:\s()]+)(?::(\d+))?$/;

/**
 * The same fractions for people: one entry per Service (`namespace/name`),
 * or per port (`namespace/name:port`) for a Service reached on several
 * ports; outcomes keep their key. Largest share first, then by key.
 */
export function splitEntries(byPort: SplitByPort): { readonly target: string; readonly share: number }[] {
  const name = displayName(byPort);
  const out = new Map<string, number>();
  for (const [k, v] of Object.entries(byPort)) out.set(name(k), (out.get(name(k)) ?? 0) + v);
  return [...out].map(([target, share]) => ({ target, share })).sort((a, b) => b.share - a.share || (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
}

/** How splitEntries names a key of `byPort`: the Service alone unless it is reached on several ports. */
export function displayName(byPort: SplitByPort): (key: string) => string {
  const ports = new Map<string, number>();
  for (const k of Object.keys(byPort)) {
    const m = SERVICE_KEY.exec(k);
    if (m) ports.set(m[1], (ports.get(m[1]) ?? 0) + 1);
  }
  return (key) => {
    const m = SERVICE_KEY.exec(key);
    return m && ports.get(m[1]) === 1 ? m[1] : key;
  };
}

/** A split in words: `90% to shop/web, 10% to shop/web-v2`; outcomes as `50% get (500)`, gRPC codes named with `grpc`: `50% get UNAVAILABLE (14)`. */
export function describeSplit(byPort: SplitByPort, grpc = false): string {
  return splitEntries(byPort).map(({ target, share }) => {
    const pct = formatShare(share);
    if (!target.startsWith('(')) return `${pct} to ${target}`;
    const code = /^\((\d+)\)$/.exec(target);
    return `${pct} get ${grpc && code ? grpcStatusText(Number(code[1])) : target}`;
  }).join(', ');
}

/** True when more than one backend (or outcome) takes part of the traffic. */
export function isSplit(byPort: SplitByPort): boolean {
  return Object.values(byPort).filter((v) => v > 0).length > 1;
}

/** How a split compares with an expected one. */
export interface SplitComparison {
  /** True when every expected share holds and every backend that takes traffic is listed. */
  readonly pass: boolean;
  /** One line per difference: a wrong share, a backend that takes traffic but is not listed, a listed one that takes none. */
  readonly problems: string[];
}

const EPSILON = 1e-9;

/**
 * Compares an expected split (`{ 'ns/name': 0.9, 'ns/name:port': 0.1, '(500)': ... }`,
 * fractions of 1) with the plane's fractions per port. A key without a port
 * stands for every port of that Service; a key with a port for that port only.
 * Every backend (and outcome) that takes traffic must be covered by a key.
 *
 * @throws Error when a key is malformed, a share is not a number from 0 to 1,
 *   or a Service is listed both with and without a port
 */
export function compareSplit(byPort: SplitByPort, expected: { readonly [target: string]: number }): SplitComparison {
  const keys = Object.keys(expected);
  for (const k of keys) {
    if (!SERVICE_KEY.test(k) && !/^\([^()\s]+\)$/.test(k)) throw new Error(`split key '${k}' is not 'namespace/name', 'namespace/name:port' or an outcome such as '(500)'`);
    const v = expected[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) throw new Error(`split share of '${k}' must be a number from 0 to 1 (a fraction: 0.9 for 90%), got ${String(v)}`);
    const m = SERVICE_KEY.exec(k);
    if (m && m[2] !== undefined && expected[m[1]] !== undefined) throw new Error(`split lists both '${m[1]}' and '${k}'; list a Service either as a whole or per port`);
  }
  const got = new Map<string, number>();
  const unlisted = new Map<string, number>();
  const name = displayName(byPort);
  for (const [k, v] of Object.entries(byPort)) {
    if (v <= 0) continue;
    const service = SERVICE_KEY.exec(k)?.[1];
    const key = expected[k] !== undefined ? k : service !== undefined && expected[service] !== undefined ? service : undefined;
    if (key === undefined) unlisted.set(name(k), (unlisted.get(name(k)) ?? 0) + v);
    else got.set(key, (got.get(key) ?? 0) + v);
  }
  const problems: [string, string][] = [...unlisted].map(([k, v]) => [k, `${k} takes ${fmt(v)} of the traffic but is not listed (every backend that takes traffic must be listed)`]);
  for (const k of [...keys].sort()) {
    const want = expected[k];
    const have = got.get(k) ?? 0;
    if (Math.abs(have - want) < EPSILON) continue;
    problems.push([k, have === 0 ? `${k}: expected ${fmt(want)}, but it takes no traffic` : `${k}: expected ${fmt(want)}, got ${fmt(have)}`]);
  }
  problems.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { pass: problems.length === 0, problems: problems.map((p) => p[1]) };
}

/** A fraction for messages: at most 6 decimals. */
export function fmt(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}
