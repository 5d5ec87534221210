/**
 * One object for equal parts of the objects a data plane stores. Manifests
 * repeat themselves: the routes of a team name the same parentRefs, the same
 * backendRefs and the same filters, and the defaults the plane applies are the
 * same in every route. The plane never changes a stored object, so an equal
 * part can be one shared object instead of a copy per route (at 100,000
 * routes of the benchmark's scenario, 60 % of the objects and arrays of the
 * stored routes are equal to one stored before them).
 */
import { fingerprint } from '../validation/fingerprint';
import { workCounters } from '../validation/work-counters';

/** Slots of the largest table (a power of two): 512 KB of references. */
const MAX_SLOTS = 1 << 16;
/** Slots per document the table is sized with, up to MAX_SLOTS. */
const SLOTS_PER_DOCUMENT = 64;
/** Slots of the smallest table. */
const MIN_SLOTS = 256;

/**
 * Replaces parts of JSON data by equal parts met before, through a table of
 * recent parts by hash: bounded (a part whose slot another part took since is
 * simply kept as it is), and allocating nothing per part. Two parts are equal
 * when they are both arrays of the same length, or both plain objects with the
 * same keys in the same order, and their children are identical (strings and
 * numbers by value; objects and arrays by identity, which the children's own
 * sharing makes true for equal children). A part is never shared within the
 * object being stored (the plane keys some state by the identity of a
 * backendRef or match inside one route), only with parts of objects stored
 * before it.
 */
export class SubtreeSharing {
  /** Slots of the table (a power of two). */
  public readonly size: number;
  private readonly slots: (object | undefined)[];
  /** The serial of the object that last took or used each slot (0: none; objects count from 1). */
  private readonly owners: Int32Array;
  private readonly mask: number;
  private serial = 0;
  /** The hash of the value `share` last returned (what a parent's hash is built from). */
  private lastHash = 0;

  /** A table sized for about `documents` objects (between 256 and 65,536 slots). */
  public constructor(documents: number) {
    let size = MIN_SLOTS;
    while (size < MAX_SLOTS && size < documents * SLOTS_PER_DOCUMENT) size *= 2;
    this.size = size;
    this.slots = new Array(size).fill(undefined);
    this.owners = new Int32Array(size);
    this.mask = size - 1;
  }

  /**
   * `value` (JSON data, which this may change: its parts are replaced in place)
   * with its parts replaced by equal ones stored before. The top-level value
   * itself is not shared.
   */
  public shareParts<T>(value: T): T {
    this.serial++;
    if (value === null || typeof value !== 'object') return value;
    this.children(value as unknown as object);
    return value;
  }

  /** Shares the children of a container in place and returns its hash. */
  private children(node: object): number {
    let h = Array.isArray(node) ? 0x9e3779b1 : 0x85ebca6b;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        node[i] = this.share(node[i]);
        h = mix(h, this.lastHash);
      }
    } else {
      const o = node as Record<string, unknown>;
      for (const key of Object.keys(o)) {
        h = mix(h, fingerprint(key));
        o[key] = this.share(o[key]);
        h = mix(h, this.lastHash);
      }
    }
    return h;
  }

  /** The value itself (a scalar) or an equal container met before; sets `lastHash`. */
  private share(value: unknown): unknown {
    if (value === null) {
      this.lastHash = 0x27d4eb2f;
      return value;
    }
    switch (typeof value) {
      case 'string':
        this.lastHash = fingerprint(value);
        return value;
      case 'number':
        // Integers (ports, weights) without making a string; other numbers by their text.
        this.lastHash = Number.isInteger(value) && Math.abs(value as number) <= 0x7fffffff ? mix(0x165667b1, value as number) : fingerprint(String(value));
        return value;
      case 'boolean':
        this.lastHash = value ? 0x3c6ef372 : 0xa54ff53a;
        return value;
      default:
    }
    const node = value as object;
    const h = this.children(node);
    const slot = h & this.mask;
    const held = this.slots[slot];
    if (held !== undefined && this.owners[slot] !== this.serial && sameParts(held, node)) {
      this.owners[slot] = this.serial;
      this.lastHash = h;
      workCounters.partsShared++;
      return held;
    }
    this.slots[slot] = node;
    this.owners[slot] = this.serial;
    this.lastHash = h;
    return node;
  }
}

/** Whether two containers have identical children (same kind, length, keys in the same order). */
export function sameParts(a: object, b: object): boolean {
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i] || (a as Record<string, unknown>)[ka[i]] !== (b as Record<string, unknown>)[kb[i]]) return false;
  }
  return true;
}

/** Combines a running hash with the next part's hash (order matters). */
function mix(h: number, next: number): number {
  return Math.imul(h ^ next, 0x01000193) ^ (h >>> 15);
}
