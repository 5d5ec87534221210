import { GrpcMatch, HeaderMatch } from '../src';

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
