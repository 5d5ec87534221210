import { GrpcMatch, HeaderMatch, MatchType } from '../src';

describe('GrpcMatch', () => {
  test('exact() with a service writes method.service only', () => {
    expect(GrpcMatch.exact({ service: 'mypackage.UserService' })._render()).toEqual({ method: { service: 'mypackage.UserService' } });
  });

  test('exact() with service and method writes both, no type', () => {
    expect(GrpcMatch.exact({ service: 'mypackage.OrderService', method: 'CreateOrder' })._render())
      .toEqual({ method: { service: 'mypackage.OrderService', method: 'CreateOrder' } });
  });

  test('exact() with a method only matches it in any service', () => {
    expect(GrpcMatch.exact({ method: 'Ping' })._render()).toEqual({ method: { method: 'Ping' } });
  });

  test('regex() writes type RegularExpression', () => {
    expect(GrpcMatch.regex({ service: 'mypackage\\..*', method: 'Get.*' })._render())
      .toEqual({ method: { service: 'mypackage\\..*', method: 'Get.*', type: 'RegularExpression' } });
  });

  test('headers() writes only headers; options add headers to a method match', () => {
    expect(GrpcMatch.headers(HeaderMatch.exact('x-tenant', 'acme'))._render()).toEqual({ headers: [{ name: 'x-tenant', value: 'acme' }] });
    expect(GrpcMatch.exact({ service: 'a.B' }, { headers: [HeaderMatch.regex('x-env', 'prod|stage')] })._render())
      .toEqual({ method: { service: 'a.B' }, headers: [{ name: 'x-env', type: 'RegularExpression', value: 'prod|stage' }] });
  });

  test('fails if neither service nor method is given', () => {
    expect(() => GrpcMatch.exact({})).toThrow(/GrpcMatch.exact: give a service, a method or both/);
    expect(() => GrpcMatch.regex({})).toThrow(/GrpcMatch.regex: give a service, a method or both/);
  });

  test('fails if an exact service name is not a dotted identifier', () => {
    expect(() => GrpcMatch.exact({ service: 'my-package.Users' })).toThrow(/service 'my-package.Users' must be a dotted name of identifiers/);
  });

  test('fails if an exact method name is not an identifier', () => {
    expect(() => GrpcMatch.exact({ service: 'a.B', method: 'Create/Order' })).toThrow(/method 'Create\/Order' must be one identifier/);
  });

  test('fails if a regex is not RE2', () => {
    expect(() => GrpcMatch.regex({ method: '(?<!x)y' })).toThrow(/GrpcMatch.regex: method .* expected an RE2 regular expression/);
  });

  test('fails if headers() gets no header', () => {
    expect(() => GrpcMatch.headers()).toThrow(/GrpcMatch.headers: give at least one HeaderMatch/);
  });
});

describe('GrpcMatch.of', () => {
  test('writes an explicit Exact type', () => {
    expect(GrpcMatch.of({ service: 'a.B', type: MatchType.EXACT })._render()).toEqual({ method: { service: 'a.B', type: 'Exact' } });
  });

  test('without a type it is exact(); with RegularExpression it is regex(); without service or method it is headers()', () => {
    expect(GrpcMatch.of({ service: 'a.B', method: 'C' })._render()).toEqual(GrpcMatch.exact({ service: 'a.B', method: 'C' })._render());
    expect(GrpcMatch.of({ method: 'Get.*', type: MatchType.REGULAR_EXPRESSION })._render()).toEqual({ method: { method: 'Get.*', type: 'RegularExpression' } });
    expect(GrpcMatch.of({ headers: [HeaderMatch.exact('x', 'y')] })._render()).toEqual({ headers: [{ name: 'x', value: 'y' }] });
  });

  test('fails if a type is given without service or method', () => {
    expect(() => GrpcMatch.of({ type: MatchType.EXACT, headers: [HeaderMatch.exact('x', 'y')] })).toThrow(/GrpcMatch.of: a `type` needs a service, a method or both/);
  });

  test('fails if an explicitly exact service is not a dotted identifier', () => {
    expect(() => GrpcMatch.of({ service: 'a-b', type: MatchType.EXACT })).toThrow(/GrpcMatch.of: service 'a-b' must be a dotted name/);
  });
});
