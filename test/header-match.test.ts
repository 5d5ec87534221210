import { HeaderMatch, MatchType } from '../src';

describe('HeaderMatch', () => {
  test('exact() writes name and value only (the API default type applies)', () => {
    // GIVEN / WHEN
    const m = HeaderMatch.exact('X-Version', 'v2');
    // THEN
    expect(m._render()).toEqual({ name: 'X-Version', value: 'v2' });
  });

  test('of() with an explicit type writes that type even when it is the default', () => {
    const m = HeaderMatch.of({ name: 'X-Beta-User', value: 'true', type: MatchType.EXACT });
    expect(m._render()).toEqual({ name: 'X-Beta-User', type: 'Exact', value: 'true' });
  });

  test('regex() writes type RegularExpression', () => {
    expect(HeaderMatch.regex('User-Agent', '.*Mobile.*')._render()).toEqual({ name: 'User-Agent', type: 'RegularExpression', value: '.*Mobile.*' });
  });

  test('fails if the header name is not an HTTP token', () => {
    expect(() => HeaderMatch.exact('X Version', 'v2')).toThrow(/HeaderMatch: name "X Version" is invalid; expected an HTTP token/);
  });

  test('fails if the value is empty', () => {
    expect(() => HeaderMatch.exact('X-Version', '')).toThrow(/value of header 'X-Version' "" is invalid/);
  });

  test('fails if the regex is not valid RE2 (backreferences are not RE2)', () => {
    expect(() => HeaderMatch.regex('X-A', '(a)\\1')).toThrow(/HeaderMatch: value of header 'X-A' .* expected an RE2 regular expression/);
  });

  test('fails if the regex does not compile at all', () => {
    expect(() => HeaderMatch.regex('X-A', '(')).toThrow(/expected an RE2 regular expression/);
  });
});
