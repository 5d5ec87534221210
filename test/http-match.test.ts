import { HeaderMatch, HttpMatch, HttpMethod, MatchType, QueryParamMatch } from '../src';

describe('HttpMatch', () => {
  test('pathPrefix() writes the type and value', () => {
    expect(HttpMatch.pathPrefix('/api')._render()).toEqual({ path: { type: 'PathPrefix', value: '/api' } });
  });

  test('pathExact() writes type Exact', () => {
    expect(HttpMatch.pathExact('/healthz')._render()).toEqual({ path: { type: 'Exact', value: '/healthz' } });
  });

  test('pathRegex() writes type RegularExpression', () => {
    expect(HttpMatch.pathRegex('^/users/[0-9]+$')._render()).toEqual({ path: { type: 'RegularExpression', value: '^/users/[0-9]+$' } });
  });

  test('options add headers, query parameters and method, in that order', () => {
    // GIVEN
    const m = HttpMatch.pathPrefix('/api', {
      headers: [HeaderMatch.exact('X-A', '1')],
      queryParams: [QueryParamMatch.exact('v', '2')],
      method: HttpMethod.POST,
    });
    // THEN
    expect(m._render()).toEqual({
      path: { type: 'PathPrefix', value: '/api' },
      headers: [{ name: 'X-A', value: '1' }],
      queryParams: [{ name: 'v', value: '2' }],
      method: 'POST',
    });
  });

  test('anyPath() writes no path', () => {
    expect(HttpMatch.anyPath({ headers: [HeaderMatch.exact('X-Version', 'v2')] })._render()).toEqual({ headers: [{ name: 'X-Version', value: 'v2' }] });
    expect(HttpMatch.anyPath({ method: HttpMethod.GET })._render()).toEqual({ method: 'GET' });
  });

  test('fails if anyPath() has no condition', () => {
    expect(() => HttpMatch.anyPath({})).toThrow(/HttpMatch.anyPath: give at least one of headers, queryParams or method/);
  });

  test('fails if the path does not start with a slash', () => {
    expect(() => HttpMatch.pathPrefix('api')).toThrow(/HttpMatch.pathPrefix: path must start with '\/', got 'api' \(did you mean '\/api'\?\)/);
  });

  test.each([
    ['/a//b', "must not contain '//'"],
    ['/a/./b', "must not contain '/./'"],
    ['/a/../b', "must not contain '/../'"],
    ['/a%2fb', "must not contain '%2f'"],
    ['/a%2Fb', "must not contain '%2F'"],
    ['/a#b', "must not contain '#'"],
    ['/a/..', "must not end with '/..'"],
    ['/a/.', "must not end with '/.'"],
    ['/a b', 'contains a character that must be percent-encoded'],
  ])('fails if the exact path is %s', (path, message) => {
    expect(() => HttpMatch.pathExact(path)).toThrow(message);
  });

  test('accepts percent-encoded bytes and sub-delimiters', () => {
    expect(HttpMatch.pathExact("/a%20b/c;d=e:f@g!$&'()*+,")._render().path?.value).toBe("/a%20b/c;d=e:f@g!$&'()*+,");
  });

  test('fails if the path is longer than 1024 characters', () => {
    expect(() => HttpMatch.pathPrefix('/' + 'a'.repeat(1024))).toThrow(/at most 1024 characters/);
  });

  test('fails if the path regex is not RE2', () => {
    expect(() => HttpMatch.pathRegex('^/(?=x)')).toThrow(/HttpMatch.pathRegex: pattern .* expected an RE2 regular expression/);
  });

  test('fails if two header matches name the same header (case-insensitively)', () => {
    expect(() => HttpMatch.pathPrefix('/', { headers: [HeaderMatch.exact('X-A', '1'), HeaderMatch.exact('x-a', '2')] }))
      .toThrow(/headers must not repeat a name; 'X-A' and 'x-a' name the same entry/);
  });

  test('fails if two query param matches share a name', () => {
    expect(() => HttpMatch.anyPath({ queryParams: [QueryParamMatch.exact('v', '1'), QueryParamMatch.exact('v', '2')] }))
      .toThrow(/queryParams must not repeat a name; 'v' appears twice/);
  });

  test('query param names are case-sensitive', () => {
    expect(HttpMatch.anyPath({ queryParams: [QueryParamMatch.exact('v', '1'), QueryParamMatch.exact('V', '2')] })._render().queryParams).toHaveLength(2);
  });

  test('fails if there are more than 16 headers', () => {
    const headers = Array.from({ length: 17 }, (_, i) => HeaderMatch.exact(`X-${i}`, 'v'));
    expect(() => HttpMatch.anyPath({ headers })).toThrow(/headers has 17 entries; the Gateway API allows at most 16/);
  });

  test('fails if the method is not an HTTP method', () => {
    expect(() => HttpMatch.anyPath({ method: 'FETCH' as HttpMethod })).toThrow(/method 'FETCH' is not one of GET, HEAD/);
  });
});

describe('QueryParamMatch', () => {
  test('exact() writes no type; of() writes the type given; regex() writes RegularExpression', () => {
    expect(QueryParamMatch.exact('version', '2')._render()).toEqual({ name: 'version', value: '2' });
    expect(QueryParamMatch.of({ name: 'version', value: '2', type: MatchType.EXACT })._render()).toEqual({ name: 'version', type: 'Exact', value: '2' });
    expect(QueryParamMatch.regex('version', '^2')._render()).toEqual({ name: 'version', type: 'RegularExpression', value: '^2' });
  });

  test('fails if the name is empty', () => {
    expect(() => QueryParamMatch.exact('', '2')).toThrow(/QueryParamMatch: name "" is invalid/);
  });

  test('fails if the value is longer than 1024 characters', () => {
    expect(() => QueryParamMatch.exact('v', 'x'.repeat(1025))).toThrow(/at most 1024 characters/);
  });
});
