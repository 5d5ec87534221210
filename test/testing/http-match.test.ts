import { Headers } from '../../src/testing/headers';
import { compareHttpMatchSpecificity, compileHttpMatch, httpMatchFailure, pathHasPrefix, splitPath } from '../../src/testing/http-match';

describe('http matching', () => {
  test('PathPrefix matches whole segments', () => {
    expect(pathHasPrefix('/foo', '/foo')).toBe(true);
    expect(pathHasPrefix('/foo/bar', '/foo')).toBe(true);
    expect(pathHasPrefix('/foobar', '/foo')).toBe(false);
    expect(pathHasPrefix('/anything', '')).toBe(true);
  });

  test('splitPath keeps the first value of each query parameter, decoded', () => {
    const s = splitPath('/a%20b?x=1&x=2&y=hello%20there&flag');
    expect(s.path).toBe('/a%20b');
    expect([...s.query]).toEqual([['x', '1'], ['y', 'hello there'], ['flag', '']]);
  });

  test('regular expressions must match the whole value (RE2)', () => {
    const m = compileHttpMatch({ path: { type: 'RegularExpression', value: '/v[0-9]+' }, headers: [{ name: 'x', type: 'RegularExpression', value: 'a|b' }] });
    const input = (path: string, x: string) => ({ path, query: new Map(), method: 'GET', headers: Headers.from({ x }) });
    expect(httpMatchFailure(m, input('/v12', 'a'))).toBeUndefined();
    expect(httpMatchFailure(m, input('/v12/x', 'a'))).toMatch(/does not match regular expression/);
    expect(httpMatchFailure(m, input('/v1', 'ab'))).toMatch(/header x/);
  });

  test('specificity: Exact > longer PathPrefix > shorter > RegularExpression; then method, headers, query', () => {
    const c = (m: object) => compileHttpMatch(m);
    const list = [
      c({ path: { type: 'RegularExpression', value: '/.*' } }),
      c({ path: { type: 'PathPrefix', value: '/' } }),
      c({ path: { type: 'PathPrefix', value: '/a/' } }),
      c({ path: { type: 'Exact', value: '/a' } }),
      c({ path: { type: 'PathPrefix', value: '/a' }, method: 'GET' }),
    ];
    const sorted = [...list].sort(compareHttpMatchSpecificity).map((m) => `${m.pathType} ${m.pathValue}${m.method ? ` ${m.method}` : ''}`);
    expect(sorted).toEqual(['Exact /a', 'PathPrefix /a GET', 'PathPrefix /a/', 'PathPrefix /', 'RegularExpression /.*']);
    expect(compareHttpMatchSpecificity(c({ headers: [{ name: 'a', value: '1' }] }), c({ queryParams: [{ name: 'q', value: '1' }] }))).toBeLessThan(0);
  });
});
