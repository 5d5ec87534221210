/**
 * Strings that an RE2 pattern matches (full match), for the routing diff's
 * witness requests. A small generator over the part of RE2 that routes use:
 * literals and escapes, `.`, character classes (ranges, negation, `\d \w \s`,
 * `[:alpha:]`-style names), groups (capturing, `(?:...)`, named, flag groups
 * such as `(?i)`), alternation, the quantifiers `* + ? {n} {n,} {n,m}` (lazy
 * or not) and the anchors `^ $ \A \z`. Whatever else appears (word
 * boundaries, Unicode classes, ...) makes the pattern "too complex to
 * sample". Every string returned has been checked with re2js to match the
 * whole pattern, so a sample is never wrong; it can only be absent.
 */
import { compileRe2 } from './http-match';

/** A set of code points as sorted, inclusive ranges. */
type Ranges = [number, number][];

/** Thrown inside the generator for a construct outside the subset. */
class TooComplex extends Error {}

/** Characters preferred in samples, in order: they read well in URLs and headers. */
const PREFERRED = 'a0A-_.~/bcdefghijklmnopqrstuvwxyz123456789BCDEFGHIJKLMNOPQRSTUVWXYZ';

const DIGIT: Ranges = [[0x30, 0x39]];
const WORD: Ranges = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];
const SPACE: Ranges = [[0x09, 0x0a], [0x0c, 0x0d], [0x20, 0x20]];
const POSIX: { readonly [name: string]: Ranges } = {
  alnum: [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]],
  alpha: [[0x41, 0x5a], [0x61, 0x7a]],
  ascii: [[0x00, 0x7f]],
  blank: [[0x09, 0x09], [0x20, 0x20]],
  cntrl: [[0x00, 0x1f], [0x7f, 0x7f]],
  digit: DIGIT,
  graph: [[0x21, 0x7e]],
  lower: [[0x61, 0x7a]],
  print: [[0x20, 0x7e]],
  punct: [[0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]],
  space: [[0x09, 0x0d], [0x20, 0x20]],
  upper: [[0x41, 0x5a]],
  word: WORD,
  xdigit: [[0x30, 0x39], [0x41, 0x46], [0x61, 0x66]],
};

function inRanges(c: number, ranges: Ranges): boolean {
  return ranges.some(([lo, hi]) => c >= lo && c <= hi);
}

/** A character of the set (or, negated, outside it), preferring readable ones. */
function pick(ranges: Ranges, negated: boolean): string {
  const wanted = (c: number) => inRanges(c, ranges) !== negated;
  for (const ch of PREFERRED) if (wanted(ch.codePointAt(0)!)) return ch;
  for (let c = 0x21; c < 0x7f; c++) if (wanted(c)) return String.fromCodePoint(c);
  if (!negated && ranges.length > 0) return String.fromCodePoint(ranges[0][0]);
  throw new TooComplex('no character fits the class');
}

/** Recursive-descent generator: one sample per construct, the shortest choice of each quantifier and the first alternative that works. */
class Generator {
  private pos = 0;
  constructor(private readonly src: string) {}

  public run(): string {
    const out = this.alternation();
    if (this.pos !== this.src.length) throw new TooComplex(`unexpected '${this.src[this.pos]}'`);
    return out;
  }

  private peek(): string | undefined {
    return this.src[this.pos];
  }

  /** The first alternative that samples; an alternative outside the subset is skipped. */
  private alternation(): string {
    let chosen: string | undefined;
    let problem: TooComplex | undefined;
    for (;;) {
      const start = this.pos;
      try {
        const sample = this.concat();
        chosen ??= sample;
      } catch (err) {
        if (!(err instanceof TooComplex)) throw err;
        problem ??= err;
        this.pos = start;
        this.skipBranch();
      }
      if (this.peek() !== '|') break;
      this.pos++;
    }
    if (chosen === undefined) throw problem ?? new TooComplex('no alternative');
    return chosen;
  }

  /** Moves past one alternative (to the `|` or `)` that ends it at this depth, or the end), minding escapes, classes and groups. */
  private skipBranch(): void {
    let depth = 0;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === '\\') {
        this.pos += 2;
        continue;
      }
      if (c === '[') {
        this.pos++;
        if (this.peek() === '^') this.pos++;
        if (this.peek() === ']') this.pos++;
        while (this.pos < this.src.length && this.src[this.pos] !== ']') this.pos += this.src[this.pos] === '\\' ? 2 : 1;
        this.pos++;
        continue;
      }
      if (c === '(') {depth++;} else if (c === ')') {
        if (depth === 0) return;
        depth--;
      } else if (c === '|' && depth === 0) {return;}
      this.pos++;
    }
  }

  private concat(): string {
    let out = '';
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) {
      const atom = this.atom();
      out += this.quantified(atom);
    }
    return out;
  }

  private quantified(atom: string): string {
    const c = this.peek();
    let count: number | undefined;
    if (c === '*' || c === '?') {
      count = 0;
      this.pos++;
    } else if (c === '+') {
      count = 1;
      this.pos++;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
      if (m) {
        count = Number(m[1]);
        if (count > 1000) throw new TooComplex('repeat count over 1000');
        this.pos += m[0].length;
      }
    }
    if (count === undefined) return atom;
    if (this.peek() === '?') this.pos++; // lazy: the same strings
    return atom.repeat(count);
  }

  private atom(): string {
    const c = this.src[this.pos++];
    switch (c) {
      case '(': return this.group();
      case '[': return pick(...this.charClass());
      case '.': return 'a';
      case '^': case '$': return '';
      case '\\': return this.escape(false).sample;
      case '*': case '+': case '?': case '{':
        if (c === '{' && !/^\{\d+(,\d*)?\}/.test(this.src.slice(this.pos - 1))) return '{';
        throw new TooComplex(`nothing to repeat before '${c}'`);
      default: return c;
    }
  }

  private group(): string {
    if (this.peek() === '?') {
      this.pos++;
      const named = /^(P?<[A-Za-z_][A-Za-z0-9_]*>)/.exec(this.src.slice(this.pos));
      if (named) {
        this.pos += named[1].length;
      } else {
        const flags = /^([imsU]*(-[imsU]*)?)([:)])/.exec(this.src.slice(this.pos));
        if (!flags) throw new TooComplex('unsupported group');
        this.pos += flags[0].length;
        if (flags[3] === ')') return ''; // (?i): flags for the rest; samples are written as the pattern spells them
      }
    }
    const inner = this.alternation();
    if (this.src[this.pos++] !== ')') throw new TooComplex('unclosed group');
    return inner;
  }

  /** An escape after `\`: the characters it stands for (a set) and a sample. */
  private escape(inClass: boolean): { ranges: Ranges; negated: boolean; sample: string } {
    const c = this.src[this.pos++];
    if (c === undefined) throw new TooComplex('trailing backslash');
    const set = (ranges: Ranges, negated = false) => ({ ranges, negated, sample: pick(ranges, negated) });
    const one = (ch: string) => ({ ranges: [[ch.codePointAt(0)!, ch.codePointAt(0)!]] as Ranges, negated: false, sample: ch });
    switch (c) {
      case 'd': return set(DIGIT);
      case 'D': return set(DIGIT, true);
      case 'w': return set(WORD);
      case 'W': return set(WORD, true);
      case 's': return set(SPACE);
      case 'S': return set(SPACE, true);
      case 'n': return one('\n');
      case 't': return one('\t');
      case 'r': return one('\r');
      case 'f': return one('\f');
      case 'v': return one('\v');
      case 'a': return one('\x07');
      case 'A': case 'z':
        if (inClass) throw new TooComplex(`\\${c} in a class`);
        return { ranges: [], negated: false, sample: '' };
      case 'Q': {
        if (inClass) throw new TooComplex('\\Q in a class');
        const end = this.src.indexOf('\\E', this.pos);
        const text = this.src.slice(this.pos, end < 0 ? undefined : end);
        this.pos = end < 0 ? this.src.length : end + 2;
        return { ranges: [], negated: false, sample: text };
      }
      case 'x': {
        const m = /^(\{([0-9A-Fa-f]{1,6})\}|[0-9A-Fa-f]{2})/.exec(this.src.slice(this.pos));
        if (!m) throw new TooComplex('bad \\x escape');
        this.pos += m[0].length;
        return one(String.fromCodePoint(parseInt(m[2] ?? m[1], 16)));
      }
      default:
        if (/[A-Za-z0-9]/.test(c)) throw new TooComplex(`escape \\${c}`);
        return one(c);
    }
  }

  /** A class after `[`: its ranges and whether it is negated. */
  private charClass(): [Ranges, boolean] {
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos++;
    }
    const ranges: Ranges = [];
    const excluded: Ranges = [];
    let first = true;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) throw new TooComplex('unclosed class');
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(this.src.slice(this.pos));
      if (posix) {
        const r = POSIX[posix[2]];
        if (!r) throw new TooComplex(`class [:${posix[2]}:]`);
        this.pos += posix[0].length;
        if (posix[1]) excluded.push(...r);
        else ranges.push(...r);
        continue;
      }
      let lo: number;
      this.pos++;
      if (c === '\\') {
        const e = this.escape(true);
        if (e.negated) {
          excluded.push(...e.ranges);
          continue;
        }
        if (e.ranges.length !== 1 || e.ranges[0][0] !== e.ranges[0][1]) {
          ranges.push(...e.ranges);
          continue;
        }
        lo = e.ranges[0][0];
      } else {
        lo = c.codePointAt(0)!;
      }
      if (this.peek() === '-' && this.src[this.pos + 1] !== undefined && this.src[this.pos + 1] !== ']') {
        this.pos++;
        const h = this.src[this.pos++];
        const hi = h === '\\' ? this.escape(true) : undefined;
        const end = hi ? (hi.ranges.length === 1 && hi.ranges[0][0] === hi.ranges[0][1] ? hi.ranges[0][0] : NaN) : h.codePointAt(0)!;
        if (Number.isNaN(end) || end < lo) throw new TooComplex('bad range');
        ranges.push([lo, end]);
      } else {
        ranges.push([lo, lo]);
      }
    }
    if (excluded.length > 0) {
      // [\D...] and [[:^alpha:]...]: a union with a complement; keep it simple.
      if (ranges.length > 0 || negated) throw new TooComplex('class mixing a negated escape with other items');
      return [excluded, true];
    }
    return [ranges, negated];
  }
}

/**
 * The generator's string for `pattern`, not checked against the pattern;
 * undefined when the pattern is outside the subset. Use {@link sampleRe2};
 * this is exported for the property test of the generator itself.
 */
export function generateRe2Sample(pattern: string): string | undefined {
  try {
    return new Generator(pattern).run();
  } catch (err) {
    if (err instanceof TooComplex) return undefined;
    throw err;
  }
}

/**
 * A string the RE2 `pattern` matches in full, or undefined when the pattern
 * is outside the subset this generator handles ("too complex to sample") or
 * does not compile. Deterministic.
 */
export function sampleRe2(pattern: string): string | undefined {
  const sample = generateRe2Sample(pattern);
  if (sample === undefined) return undefined;
  try {
    return compileRe2(pattern).matches(sample) ? sample : undefined;
  } catch {
    return undefined;
  }
}

/** A string from `candidates` the RE2 `pattern` does not match in full; undefined when each of them matches (or the pattern does not compile). */
export function missRe2(pattern: string, candidates: readonly string[]): string | undefined {
  try {
    const re = compileRe2(pattern);
    return candidates.find((c) => !re.matches(c));
  } catch {
    return undefined;
  }
}
