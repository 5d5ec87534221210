import { HeaderMatch } from '../header-match';
import { constructError, Where } from './pattern-error';

/** A cookie name or value token: the characters RFC 6265 allows unquoted (a name also excludes `=`). */
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const COOKIE_VALUE = /^[!#$%&'()*+\-./0-9:<=>?@A-Z[\]^_`a-z{|}~]+$/;

/** RE2 metacharacters, escaped to match literally. */
function escapeRe2(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, c => `\\${c}`);
}

/** Throws unless `name` is a cookie name RFC 6265 allows. */
export function checkCookieToken(name: string, where: Where, field: string): void {
  if (typeof name !== 'string' || !COOKIE_NAME.test(name)) {
    throw constructError(where, 'invalid-value', `${field} ${JSON.stringify(name)} is not a cookie name; use letters, digits and !#$%&'*+-.^_\`|~ (no spaces, '=', ';' or ',')`, field);
  }
}

/**
 * A RegularExpression match on the `Cookie` request header that holds when
 * the cookie `name` has exactly `value`: anchored on cookie boundaries (the
 * start of the header or a `;`), so `a=1` matches neither `xa=1` nor `a=12`.
 * RE2 syntax, with the name and value escaped.
 */
export function cookieMatch(where: Where, name: string, value: string): HeaderMatch {
  checkCookieToken(name, where, 'cookie name');
  if (typeof value !== 'string' || !COOKIE_VALUE.test(value)) {
    throw constructError(where, 'invalid-value', `cookie value ${JSON.stringify(value)} for '${name}' must be non-empty and free of spaces, '"', ',', ';' and '\\'`);
  }
  return HeaderMatch.regex('Cookie', `^(?:.*;[ \\t]*)?${escapeRe2(name)}=${escapeRe2(value)}(?:;.*)?$`);
}
