import { Testing } from 'cdk8s';
import { Node } from 'constructs';
import { Backend, Gateway, GatewayClass, HttpMatch, HttpRoute, ListenerProtocol } from '../../src';
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

describe('a construct\'s scope computes its path only for a message', () => {
  test('a ConstructScope made with a node reads its path once, when it is first read', () => {
    const path = jest.fn(() => 'app/c/r');
    const node = { get path() { return path(); } };
    const scope = new ConstructScope('HTTPRoute', node);
    expect(path).not.toHaveBeenCalled();
    expect(`${scope}`).toBe("HTTPRoute 'app/c/r'");
    expect(constructError(scope, 'missing', 'x')).toMatchObject({ path: 'app/c/r', message: "HTTPRoute 'app/c/r': x" });
    expect(path).toHaveBeenCalledTimes(1);
  });

  test('building a valid route of two rules reads no construct path; a bad one names its path', () => {
    const chart = Testing.chart();
    const cls = new GatewayClass(chart, 'Class', { controllerName: 'example.com/gc' });
    const gateway = new Gateway(chart, 'Gw', { gatewayClass: cls, listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP }] });
    const rule = { matches: [HttpMatch.pathPrefix('/a')], backends: [Backend.fromServiceName('web', { port: 80 })] };
    const spy = jest.spyOn(Node.prototype, 'path', 'get');
    try {
      new HttpRoute(chart, 'R', { metadata: { name: 'r', namespace: 'apps' }, parents: [gateway], hostnames: ['a.example.com'], rules: [rule, rule] });
      // (before: two per route, for its scope before and after its object existed)
      expect(spy).not.toHaveBeenCalled();
      expect(() => new HttpRoute(chart, 'Bad', { metadata: { name: 'b', namespace: 'apps' }, parents: [gateway], hostnames: ['a.example.com', 'a.example.com'] }))
        .toThrow("HTTPRoute 'test/Bad': hostname 'a.example.com' is already listed");
    } finally {
      spy.mockRestore();
    }
  });
});
