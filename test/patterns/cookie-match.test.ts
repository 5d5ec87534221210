import * as fc from 'fast-check';
import { RE2JS } from 're2js';
import { MatchType } from '../../src';
import { cookieMatch } from '../../src/patterns/cookie-match';
import { SEED } from '../testing/properties/arbitraries';

function matcher(name: string, value: string): (cookie: string) => boolean {
  const m = cookieMatch('test', name, value);
  expect([m.name, m.type]).toEqual(['Cookie', MatchType.REGULAR_EXPRESSION]);
  const re = RE2JS.compile(m.value);
  // Anchored: a full match and a search agree.
  return (cookie) => {
    const full = re.matches(cookie);
    expect(re.matcher(cookie).find()).toBe(full);
    return full;
  };
}

describe('cookieMatch', () => {
  test('matches the cookie wherever it is in the header', () => {
    const m = matcher('a', '1');
    expect(['a=1', 'a=1; b=2', 'b=2; a=1', 'b=2;a=1;c=3', 'b=2;\ta=1'].map(m)).toEqual([true, true, true, true, true]);
  });

  test('anchored on cookie boundaries: not xa=1, a=12, a=1x, or a value elsewhere', () => {
    const m = matcher('a', '1');
    expect(['xa=1', 'a=12', 'a=1x', 'b=a=1', 'b=xa=1; c=2', '', 'a=', 'A=1'].map(m)).toEqual([false, false, false, false, false, false, false, false]);
  });

  test('RE2 metacharacters in the name and value are literal', () => {
    const m = matcher('a.b', 'v+1');
    expect(m('a.b=v+1')).toBe(true);
    expect(m('aXb=v+1')).toBe(false);
    expect(m('a.b=vv1')).toBe(false);
  });

  test('fails if the name or value is not a cookie token', () => {
    expect(() => cookieMatch('here', 'a b', '1')).toThrow(/here: cookie name "a b" is not a cookie name/);
    expect(() => cookieMatch('here', 'a', 'x;y')).toThrow(/here: cookie value "x;y" for 'a' must be non-empty/);
    expect(() => cookieMatch('here', 'a', '')).toThrow(/must be non-empty/);
  });
});

describe('cookieMatch (property)', () => {
  test('holds exactly when the Cookie header carries that cookie with that value', () => {
    // Cookie-name and cookie-value characters, RE2 metacharacters included.
    const name = fc.stringMatching(/^[a-c.+*|^$_-]{1,4}$/);
    const value = fc.stringMatching(/^[a-c.+*?()[\]{}|^$_=-]{1,4}$/);
    const arb = fc.record({
      name,
      value,
      others: fc.array(fc.tuple(name, value), { maxLength: 4 }),
      insert: fc.option(fc.nat({ max: 4 }), { nil: undefined }),
      spaces: fc.constantFrom('; ', ';', ';\t'),
    });
    let hits = 0;
    fc.assert(fc.property(arb, ({ name, value, others, insert, spaces }) => {
      const pairs = others.map(([n, v]) => `${n}=${v}`);
      if (insert !== undefined) pairs.splice(Math.min(insert, pairs.length), 0, `${name}=${value}`);
      const header = pairs.join(spaces);
      const expected = header.split(';').map(p => p.trim()).includes(`${name}=${value}`);
      if (expected) hits++;
      expect(RE2JS.compile(cookieMatch('p', name, value).value).matches(header)).toBe(expected);
    }), { numRuns: 300, seed: SEED });
    expect(hits).toBeGreaterThan(100);
  });
});
