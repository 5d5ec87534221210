/**
 * Input checks specific to routes (header names, RE2 patterns, integer
 * ranges, keyed lists), complementing `field-checks.ts`. Same conventions:
 * `(value, where, field)`, and an Error naming where the value came from, the
 * field, the value and what would be valid. Internal; not re-exported.
 */
import { RE2JS } from 're2js';
import { constructError, Where } from './error-scope';
import { invalid } from './field-checks';

/** RFC 7230 token: the characters an HTTP header or query parameter name may use. */
const HTTP_TOKEN = /^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/;

/** Throws unless `value` is an integer in `[min, max]`. */
export function checkInteger(value: number, min: number, max: number, where: Where, field: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    invalid(where, field, value, `expected an integer from ${min} to ${max}`);
  }
}

/** Throws unless `value` is a non-empty string of at most `max` characters. */
export function checkText(value: string, max: number, where: Where, field: string): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > max) {
    invalid(where, field, value, `expected a non-empty string of at most ${max} characters`);
  }
}

/** Throws unless `name` is a valid HTTP header (or query parameter) name. */
export function checkHeaderName(name: string, where: Where, field: string): void {
  if (typeof name !== 'string' || name.length === 0 || name.length > 256 || !HTTP_TOKEN.test(name)) {
    invalid(where, field, name, 'expected an HTTP token of 1-256 letters, digits or !#$%&\'*+-.^_`|~ (no spaces, colons or slashes)');
  }
}

/** Throws unless `pattern` compiles as an RE2 regular expression (the dialect Gateway API implementations use). */
export function checkRe2(pattern: string, maxLength: number, where: Where, field: string): void {
  checkText(pattern, maxLength, where, field);
  try {
    RE2JS.compile(pattern);
  } catch (e) {
    invalid(where, field, pattern, `expected an RE2 regular expression (${(e as Error).message})`);
  }
}

/** Throws when two entries of a keyed list share a key (optionally compared case-insensitively). */
export function checkUnique(keys: readonly string[], caseInsensitive: boolean, where: Where, field: string): void {
  // No map for fewer than two keys (most matches have zero or one header and query parameter).
  if (keys.length < 2) return;
  const seen = new Map<string, string>();
  for (const key of keys) {
    const k = caseInsensitive ? key.toLowerCase() : key;
    const prev = seen.get(k);
    if (prev !== undefined) {
      const what = prev === key ? `'${key}' appears twice` : `'${prev}' and '${key}' name the same entry (names are case-insensitive)`;
      throw constructError(where, 'duplicate', `${field} must not repeat a name; ${what}`, field);
    }
    seen.set(k, key);
  }
}
