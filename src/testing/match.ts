/** One place where a value differs from a pattern. */
export interface MatchMismatch {
  /** Where, e.g. `spec.rules[0].backendRefs[1].port` (empty for the value itself). */
  readonly path: string;
  /** What differs, e.g. `expected 8080, got 80`. */
  readonly message: string;
}

function show(v: unknown): string {
  if (v === undefined) return 'absent';
  if (v instanceof Matcher) return v.toString();
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;
}

/**
 * A pattern for {@link Manifests} assertions. Plain values in a pattern
 * match partially: an object matches when every key of the pattern matches
 * (other keys may exist), an array when it has the same length and each
 * element matches, anything else when equal. `Match` factories change that
 * for one place of the pattern.
 *
 * @example
 * manifests.hasObject('HTTPRoute', {
 *   metadata: { name: 'api' },
 *   spec: { rules: Match.arrayWith([{ backendRefs: [{ name: 'api-v2', port: 80 }] }]), sessionPersistence: Match.absent() },
 * });
 */
export abstract class Match {
  /** The value must equal `value` exactly: no extra keys in objects, deep. */
  public static exact(value: unknown): Match {
    return new ExactMatch(value);
  }

  /** The value must be an array containing elements matching each of `patterns`, in this order (other elements may come between). */
  public static arrayWith(patterns: readonly unknown[]): Match {
    return new ArrayWithMatch(patterns);
  }

  /** The key must be absent (or `undefined`). */
  public static absent(): Match {
    return new AbsentMatch();
  }

  /** Any value, as long as the key is present. */
  public static anyValue(): Match {
    return new AnyValueMatch();
  }

  /** The value must be an object matching `pattern` partially (the default for plain objects; useful inside {@link Match.exact}). */
  public static objectLike(pattern: { readonly [key: string]: unknown }): Match {
    return new ObjectLikeMatch(pattern);
  }

  /** The mismatches of `actual` against this pattern at `path` (empty when it matches). */
  public abstract test(actual: unknown, path: string): MatchMismatch[];

  /** The pattern in words, for messages. */
  public abstract toString(): string;
}

// The base class, for `instanceof` checks in the helpers above.
const Matcher = Match;

class ExactMatch extends Match {
  public constructor(private readonly value: unknown) { super(); }
  public test(actual: unknown, path: string): MatchMismatch[] {
    return exactMismatches(this.value, actual, path);
  }
  public toString(): string { return `exactly ${show(this.value)}`; }
}

class ArrayWithMatch extends Match {
  public constructor(private readonly patterns: readonly unknown[]) { super(); }
  public test(actual: unknown, path: string): MatchMismatch[] {
    if (!Array.isArray(actual)) return [{ path, message: `expected an array, got ${show(actual)}` }];
    let from = 0;
    for (let i = 0; i < this.patterns.length; i++) {
      let found = -1;
      let best: MatchMismatch[] | undefined;
      for (let j = from; j < actual.length; j++) {
        const m = matchPattern(this.patterns[i], actual[j], join(path, j));
        if (m.length === 0) {
          found = j;
          break;
        }
        if (!best || m.length < best.length) best = m;
      }
      if (found < 0) {
        const where = from > 0 ? ` after index ${from - 1}` : '';
        return best && best.length
          ? [{ path, message: `no element${where} matches arrayWith pattern ${i}; the closest differs: ${best.map((b) => `${b.path}: ${b.message}`).join('; ')}` }]
          : [{ path, message: `no element${where} matches arrayWith pattern ${i} (${show(this.patterns[i])})` }];
      }
      from = found + 1;
    }
    return [];
  }
  public toString(): string { return `an array with ${show(this.patterns)}`; }
}

class AbsentMatch extends Match {
  public test(actual: unknown, path: string): MatchMismatch[] {
    return actual === undefined ? [] : [{ path, message: `expected absent, got ${show(actual)}` }];
  }
  public toString(): string { return 'absent'; }
}

class AnyValueMatch extends Match {
  public test(actual: unknown, path: string): MatchMismatch[] {
    return actual === undefined ? [{ path, message: 'expected a value, got absent' }] : [];
  }
  public toString(): string { return 'any value'; }
}

class ObjectLikeMatch extends Match {
  public constructor(private readonly pattern: { readonly [key: string]: unknown }) { super(); }
  public test(actual: unknown, path: string): MatchMismatch[] {
    return matchPattern(this.pattern, actual, path);
  }
  public toString(): string { return `an object like ${show(this.pattern)}`; }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Matcher);
}

function exactMismatches(expected: unknown, actual: unknown, path: string): MatchMismatch[] {
  if (expected instanceof Matcher) return expected.test(actual, path);
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [{ path, message: `expected ${show(expected)}, got ${show(actual)}` }];
    if (expected.length !== actual.length) return [{ path, message: `expected ${expected.length} elements, got ${actual.length}` }];
    return expected.flatMap((e, i) => exactMismatches(e, actual[i], join(path, i)));
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return [{ path, message: `expected ${show(expected)}, got ${show(actual)}` }];
    const out: MatchMismatch[] = [];
    for (const k of Object.keys(actual).sort()) {
      if (!(k in expected) && actual[k] !== undefined) out.push({ path: join(path, k), message: `unexpected key (Match.exact), value ${show(actual[k])}` });
    }
    for (const k of Object.keys(expected)) out.push(...exactMismatches(expected[k], actual[k], join(path, k)));
    return out;
  }
  return Object.is(expected, actual) ? [] : [{ path, message: `expected ${show(expected)}, got ${show(actual)}` }];
}

/**
 * The mismatches of `actual` against a pattern (plain values match
 * partially, {@link Match} instances as they say); empty when it matches.
 */
export function matchPattern(pattern: unknown, actual: unknown, path = ''): MatchMismatch[] {
  if (pattern instanceof Matcher) return pattern.test(actual, path);
  if (Array.isArray(pattern)) {
    if (!Array.isArray(actual)) return [{ path, message: `expected an array of ${pattern.length}, got ${show(actual)}` }];
    if (pattern.length !== actual.length) return [{ path, message: `expected ${pattern.length} elements, got ${actual.length} (use Match.arrayWith to match some elements)` }];
    return pattern.flatMap((p, i) => matchPattern(p, actual[i], join(path, i)));
  }
  if (isPlainObject(pattern)) {
    if (!isPlainObject(actual)) return [{ path, message: `expected an object, got ${show(actual)}` }];
    return Object.keys(pattern).flatMap((k) => matchPattern(pattern[k], actual[k], join(path, k)));
  }
  return Object.is(pattern, actual) ? [] : [{ path, message: `expected ${show(pattern)}, got ${show(actual)}` }];
}
