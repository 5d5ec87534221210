import { GatewayApiError } from '../../src/gateway-api-error';
import { ConstructScope, constructError } from '../../src/private/error-scope';

describe('constructError', () => {
  test('about a construct: kind and path, and the construct/ code', () => {
    const e = constructError(new ConstructScope('HTTPRoute', 'c/web'), 'duplicate', "hostname 'a' is already listed", 'hostnames');
    expect(e).toBeInstanceOf(GatewayApiError);
    expect(e).toMatchObject({ code: 'construct/duplicate', kind: 'HTTPRoute', path: 'c/web', field: 'hostnames', message: "HTTPRoute 'c/web': hostname 'a' is already listed" });
    expect(e.api).toBeUndefined();
  });

  test('about a call: a string names it', () => {
    const e = constructError('Filter.urlRewrite', 'missing', 'give a hostname, a path or both');
    expect(e).toMatchObject({ code: 'construct/missing', api: 'Filter.urlRewrite', message: 'Filter.urlRewrite: give a hostname, a path or both' });
    expect(e.path).toBeUndefined();
    expect(e.field).toBeUndefined();
  });

  test('a ConstructScope prints as the prefix messages used before', () => {
    expect(`${new ConstructScope('Gateway', 'app/c/gw')}`).toBe("Gateway 'app/c/gw'");
  });
});
