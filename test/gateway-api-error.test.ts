import { Chart, Testing } from 'cdk8s';
import { Backend, Filter, Gateway, GatewayApiError, GatewayClass, HttpRoute, ListenerProtocol, RedirectScheme } from '../src';

function caught(fn: () => unknown): GatewayApiError {
  try {
    fn();
  } catch (err) {
    if (err instanceof GatewayApiError) return err;
    throw new Error(`expected a GatewayApiError, got ${String(err)}`);
  }
  throw new Error('expected a GatewayApiError, nothing was thrown');
}

function gateway(chart: Chart): Gateway {
  return new Gateway(chart, 'Gw', {
    metadata: { name: 'gw', namespace: 'infra' },
    gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Class', 'envoy'),
    listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP }],
  });
}

describe('GatewayApiError', () => {
  test('names a construct once: kind and path, then the detail', () => {
    const e = new GatewayApiError({ code: 'construct/missing', message: 'give at least one backend', path: 'app/chart/web', kind: 'HTTPRoute', field: 'rules[0]' });
    expect(e.message).toBe("HTTPRoute 'app/chart/web': give at least one backend");
    expect(e).toMatchObject({ name: 'GatewayApiError', code: 'construct/missing', path: 'app/chart/web', kind: 'HTTPRoute', field: 'rules[0]', detail: 'give at least one backend' });
    expect(e).toBeInstanceOf(Error);
    expect(e.api).toBeUndefined();
  });

  test('names the call when there is no construct', () => {
    const e = new GatewayApiError({ code: 'construct/invalid-value', message: "scheme 'ftp' must be 'http' or 'https'", api: 'Filter.requestRedirect' });
    expect(e.message).toBe("Filter.requestRedirect: scheme 'ftp' must be 'http' or 'https'");
    expect(e.path).toBeUndefined();
  });

  test('toDiagnostic gives the validation Diagnostic, with the construct path (or call) as source', () => {
    const withPath = new GatewayApiError({ code: 'construct/duplicate', message: "hostname 'a' is already listed", path: 'c/web', kind: 'HTTPRoute', field: 'hostnames' });
    expect(withPath.toDiagnostic()).toEqual({ code: 'construct/duplicate', severity: 'error', message: "hostname 'a' is already listed", field: 'hostnames', source: 'c/web' });
    const withApi = new GatewayApiError({ code: 'construct/missing', message: 'give a hostname, a path or both', api: 'Filter.urlRewrite' });
    expect(withApi.toDiagnostic()).toEqual({ code: 'construct/missing', severity: 'error', message: 'give a hostname, a path or both', source: 'Filter.urlRewrite' });
  });

  test('isGatewayApiError recognizes the class, and not other errors', () => {
    expect(GatewayApiError.isGatewayApiError(new GatewayApiError({ code: 'construct/missing', message: 'x' }))).toBe(true);
    expect(GatewayApiError.isGatewayApiError(new Error('x'))).toBe(false);
    expect(GatewayApiError.isGatewayApiError('construct/missing')).toBe(false);
  });
});

describe('constructs throw GatewayApiError with path, field and code', () => {
  test('an invalid listener name: the Gateway path, the field, construct/invalid-value', () => {
    const chart = Testing.chart();
    const gw = gateway(chart);
    const e = caught(() => gw.addListener('Bad_Name', { port: 8080, protocol: ListenerProtocol.HTTP }));
    expect(e).toMatchObject({ code: 'construct/invalid-value', path: 'test/Gw', kind: 'Gateway' });
    expect(e.field).toMatch(/Bad_Name|name/);
    expect(e.message.startsWith("Gateway 'test/Gw': ")).toBe(true);
    // the location is said once
    expect(e.message.split("'test/Gw'")).toHaveLength(2);
    expect(e.detail).not.toContain('test/Gw');
  });

  test('a listener name given twice: construct/duplicate', () => {
    const chart = Testing.chart();
    const gw = gateway(chart);
    expect(caught(() => gw.addListener('http', { port: 8080, protocol: ListenerProtocol.HTTP }))).toMatchObject({ code: 'construct/duplicate', path: 'test/Gw' });
  });

  test('a redirect together with backends: construct/conflict with the rule field', () => {
    const chart = Testing.chart();
    const gw = gateway(chart);
    const route = new HttpRoute(chart, 'Web', { metadata: { name: 'web', namespace: 'infra' }, parents: [gw] });
    const e = caught(() => route.addRule({ backends: [Backend.fromServiceName('a', { port: 80 })], filters: [Filter.requestRedirect({ scheme: RedirectScheme.HTTPS })] }));
    expect(e).toMatchObject({ code: 'construct/conflict', path: 'test/Web', kind: 'HTTPRoute' });
    expect(e.field).toBe('rules[0]');
  });

  test('a factory with no construct names the call in `api`', () => {
    const e = caught(() => Filter.requestRedirect({}));
    expect(e).toMatchObject({ code: 'construct/missing', api: 'Filter.requestRedirect' });
    expect(e.path).toBeUndefined();
  });
});
