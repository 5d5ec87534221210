import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, ApiObject } from 'cdk8s';
import { tlsSecret } from './tls-fixture';
import { DataPlane } from '../../src/testing';

const G = 'gateway.networking.k8s.io/v1';
const gatewayClass = { apiVersion: G, kind: 'GatewayClass', metadata: { name: 'cls' }, spec: { controllerName: 'example.com/ctl' } };
const svc = (namespace: string, name: string, port = 8080) => ({ apiVersion: 'v1', kind: 'Service', metadata: { namespace, name }, spec: { ports: [{ port }] } });
const ns = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
const gw = (listeners: any[], name = 'gw', namespace = 'infra') => ({ apiVersion: G, kind: 'Gateway', metadata: { namespace, name }, spec: { gatewayClassName: 'cls', listeners } });
const http = (name = 'http', extra: object = {}) => ({ name, port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } }, ...extra });
function route(name: string, spec: any, namespace = 'apps', meta: object = {}): any {
  return { apiVersion: G, kind: 'HTTPRoute', metadata: { namespace, name, ...meta }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], ...spec } };
}
const to = (name: string, extra: object = {}) => ({ name, port: 8080, ...extra });
const base = [gatewayClass, gw([http()]), svc('apps', 'a'), svc('apps', 'b'), svc('apps', 'c')];
const cond = (conds: any[], type: string) => conds.find((c) => c.type === type);

describe('loading', () => {
  test('malformed objects become diagnostics naming the document and field; unknown kinds are ignored', () => {
    const p = DataPlane.fromYaml([
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: d }',
      'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: { name: r, namespace: apps }\nspec: { rules: [ { matches: [ { path: { type: Fuzzy, value: / } } ] } ] }',
      'kind: Service',
      'apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: { namespace: infra }\nspec: {}',
    ].join('\n---\n'), { source: 'routes.yaml' });
    // The same checks (and messages) as validateManifests: the enum and the CEL rule both reject 'Fuzzy'.
    expect(p.diagnostics).toEqual(expect.arrayContaining([
      expect.objectContaining({ source: 'routes.yaml#1', severity: 'error', object: { kind: 'HTTPRoute', namespace: 'apps', name: 'r' }, field: 'spec.rules[0].matches[0].path.type', code: 'schema/enum', message: expect.stringMatching(/'Fuzzy' is not allowed; use one of: 'Exact', 'PathPrefix', 'RegularExpression'/) }),
      expect.objectContaining({ source: 'routes.yaml#2', field: 'apiVersion', code: 'object/missing-type' }),
      expect.objectContaining({ source: 'routes.yaml#3', object: expect.objectContaining({ kind: 'Gateway' }), field: 'metadata.name', code: 'metadata/name-required' }),
    ]));
    expect(new Set(p.diagnostics.map((d) => d.source))).toEqual(new Set(['routes.yaml#1', 'routes.yaml#2', 'routes.yaml#3']));
    expect(p.objects()).toEqual([]);
  });

  test('fails if strict and an object is malformed', () => {
    expect(() => DataPlane.fromManifests([{ apiVersion: G, kind: 'Gateway', metadata: { name: 'x' }, spec: { listeners: [] } }], { strict: true }))
      .toThrow(/manifests#0: error Gateway x spec.gatewayClassName: required field 'gatewayClassName' is missing.* \[schema\/required\]/);
  });

  test('YAML that does not parse is reported with its file and document index', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dp-'));
    const file = path.join(dir, 'bad.yaml');
    fs.writeFileSync(file, 'kind: Namespace\napiVersion: v1\nmetadata: { name: ok }\n---\nkey: [unclosed\n');
    const p = DataPlane.fromFiles([file, path.join(dir, 'missing.yaml')]);
    expect(p.diagnostics.map((d) => [d.code, path.basename(d.source!), d.message.split(':')[0]])).toEqual([
      ['input/yaml-error', 'bad.yaml#1', 'document 1 is not valid YAML'],
      ['input/unreadable', 'missing.yaml', 'cannot read the file'],
    ]);
    expect(p.objects().map((o) => o.metadata.name)).toEqual(['ok']);
  });

  test('List documents and JSON arrays are read item by item', () => {
    const p = DataPlane.fromManifests([{ apiVersion: 'v1', kind: 'List', items: [svc('apps', 'a'), { apiVersion: 'v1', metadata: { name: 'x' } }] }, [svc('apps', 'b')]]);
    expect(p.objects().map((o) => o.metadata.name)).toEqual(['a', 'b']);
    expect(p.diagnostics).toEqual([expect.objectContaining({ source: 'manifests#0.items[1]', field: 'kind', code: 'object/missing-type' })]);
  });

  test('two documents naming one object are reported; the later one wins', () => {
    const p = DataPlane.fromManifests([svc('apps', 'a', 80), svc('apps', 'a', 81)]);
    expect(p.diagnostics).toEqual([{ code: 'object/duplicate', severity: 'error', source: 'manifests#1', object: { kind: 'Service', namespace: 'apps', name: 'a' }, field: 'metadata.name', message: 'names the same object as manifests#0; this later document replaces it' }]);
    expect((p.objects()[0] as any).spec.ports[0].port).toBe(81);
  });

  test('CRD defaults are applied (a rule without matches is PathPrefix /, weight 1)', () => {
    const p = DataPlane.fromManifests([...base, route('r', { rules: [{ backendRefs: [to('a')] }] })]);
    const r: any = p.objects().find((o) => o.kind === 'HTTPRoute');
    expect(r.spec.rules[0].matches).toEqual([{ path: { type: 'PathPrefix', value: '/' } }]);
    expect(r.spec.rules[0].backendRefs[0]).toMatchObject({ weight: 1, group: '', kind: 'Service' });
  });

  test('fromChart and fromApp read synthesized objects', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    for (const [i, o] of [...base, route('r', { rules: [{ backendRefs: [to('a')] }] })].entries()) new ApiObject(chart, `o${i}`, o as any);
    expect(DataPlane.fromChart(chart).http({ gateway: 'infra/gw', path: '/' }).backend?.name).toBe('a');
    expect(DataPlane.fromApp(app).http({ gateway: 'infra/gw', path: '/' }).backend?.name).toBe('a');
  });

  test('controllerNames limits the classes the plane acts for', () => {
    const p = DataPlane.fromManifests(base, { controllerNames: ['other.io/ctl'] });
    expect(p.status('Gateway', 'infra', 'gw')).toBeUndefined();
    expect(() => p.http({ gateway: 'infra/gw' })).toThrow(/Gateway infra\/gw is not known to the data plane/);
  });
});

describe('controller status', () => {
  test('a route from a namespace the listener does not allow is NotAllowedByListeners', () => {
    const p = DataPlane.fromManifests([gatewayClass, gw([{ name: 'http', port: 80, protocol: 'HTTP' }]), svc('apps', 'a'), route('r', { rules: [{ backendRefs: [to('a')] }] })]);
    const parent = p.status('HTTPRoute', 'apps', 'r')!.parents[0];
    expect(parent.parentRef).toEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra', name: 'gw' });
    expect(cond(parent.conditions, 'Accepted')).toMatchObject({ status: 'False', reason: 'NotAllowedByListeners' });
    expect(p.status('Gateway', 'infra', 'gw')!.listeners[0].attachedRoutes).toBe(0);
  });

  test('a Selector admits only namespaces whose labels match', () => {
    const sel = { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'web' } } } } };
    const objs = [gatewayClass, gw([sel]), ns('apps', { team: 'web' }), ns('other'), svc('apps', 'a'), svc('other', 'a'),
      route('r', { rules: [{ backendRefs: [to('a')] }] }), route('r', { rules: [{ backendRefs: [to('a')] }] }, 'other')];
    const p = DataPlane.fromManifests(objs);
    expect(cond(p.status('HTTPRoute', 'apps', 'r')!.parents[0].conditions, 'Accepted').status).toBe('True');
    expect(cond(p.status('HTTPRoute', 'other', 'r')!.parents[0].conditions, 'Accepted').reason).toBe('NotAllowedByListeners');
  });

  test('hostnames that do not intersect give NoMatchingListenerHostname; an unknown sectionName NoMatchingParent', () => {
    const p = DataPlane.fromManifests([gatewayClass, gw([http('http', { hostname: '*.example.com' })]), svc('apps', 'a'),
      route('r1', { hostnames: ['example.org'], rules: [{ backendRefs: [to('a')] }] }),
      route('r2', { parentRefs: [{ name: 'gw', namespace: 'infra', sectionName: 'nope' }], rules: [{ backendRefs: [to('a')] }] })]);
    expect(cond(p.status('HTTPRoute', 'apps', 'r1')!.parents[0].conditions, 'Accepted').reason).toBe('NoMatchingListenerHostname');
    expect(cond(p.status('HTTPRoute', 'apps', 'r2')!.parents[0].conditions, 'Accepted').reason).toBe('NoMatchingParent');
  });

  test('backend problems: BackendNotFound, InvalidKind, RefNotPermitted (until a ReferenceGrant allows it)', () => {
    const objs = [...base, svc('backends', 'x'),
      route('missing', { rules: [{ backendRefs: [to('nope')] }] }),
      route('kind', { rules: [{ backendRefs: [{ group: 'example.com', kind: 'Bucket', name: 'b' }] }] }),
      route('cross', { rules: [{ backendRefs: [to('x', { namespace: 'backends' })] }] })];
    const p = DataPlane.fromManifests(objs);
    const reason = (q: DataPlane, n: string) => cond(q.status('HTTPRoute', 'apps', n)!.parents[0].conditions, 'ResolvedRefs').reason;
    expect([reason(p, 'missing'), reason(p, 'kind'), reason(p, 'cross')]).toEqual(['BackendNotFound', 'InvalidKind', 'RefNotPermitted']);
    expect(p.http({ gateway: 'infra/gw', path: '/' }).status).toBe(500);
    const grant = { apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { namespace: 'backends', name: 'g' }, spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'apps' }], to: [{ group: '', kind: 'Service' }] } };
    expect(reason(DataPlane.fromManifests([...objs, grant]), 'cross')).toBe('ResolvedRefs');
  });

  test('a regular expression that is not RE2 makes the route UnsupportedValue', () => {
    const p = DataPlane.fromManifests([...base, route('r', { rules: [{ matches: [{ path: { type: 'RegularExpression', value: '/(?=look)ahead' } }], backendRefs: [to('a')] }] })]);
    expect(cond(p.status('HTTPRoute', 'apps', 'r')!.parents[0].conditions, 'Accepted')).toMatchObject({ status: 'False', reason: 'UnsupportedValue', message: expect.stringMatching(/not a valid RE2/) });
  });

  test('listener conflicts and unsupported protocols', () => {
    // Two HTTP listeners with one port and hostname are refused by the CRD's CEL rule; HTTP and TCP on one port load and conflict.
    expect(DataPlane.fromManifests([gatewayClass, gw([http('a'), http('b')])]).diagnostics).toEqual([expect.objectContaining({ code: 'cel/Gateway/listener-duplicate' })]);
    const p = DataPlane.fromManifests([gatewayClass, gw([http('a'), { name: 'b', port: 80, protocol: 'TCP' }, { name: 'q', port: 9000, protocol: 'example.com/quic' }])]);
    const st = p.status('Gateway', 'infra', 'gw')!;
    expect(cond(st.listeners[0].conditions, 'Conflicted')).toMatchObject({ status: 'True', reason: 'ProtocolConflict' });
    expect(cond(st.listeners[2].conditions, 'Accepted')).toMatchObject({ status: 'False', reason: 'UnsupportedProtocol' });
    expect(st.listeners[2].supportedKinds).toEqual([]);
    expect(cond(st.conditions, 'Accepted')).toMatchObject({ status: 'False', reason: 'ListenersNotValid' });
  });

  test('ListenerSets: allowed by the Gateway, yield to older listeners, and say when age came from document order', () => {
    const ls = (name: string, listeners: any[]) => ({ apiVersion: G, kind: 'ListenerSet', metadata: { namespace: 'infra', name }, spec: { parentRef: { name: 'gw' }, listeners } });
    const g = { ...gw([http('main', { hostname: 'main.test' })]), spec: { gatewayClassName: 'cls', allowedListeners: { namespaces: { from: 'Same' } }, listeners: [http('main', { hostname: 'main.test' })] } };
    const p = DataPlane.fromManifests([gatewayClass, g, ls('first', [http('x', { hostname: 'x.test' })]), ls('second', [http('y', { hostname: 'x.test' })])]);
    expect(p.status('Gateway', 'infra', 'gw')!.attachedListenerSets).toBe(1);
    expect(cond(p.status('ListenerSet', 'infra', 'first')!.conditions, 'Accepted').status).toBe('True');
    const second = p.status('ListenerSet', 'infra', 'second')!;
    expect(cond(second.conditions, 'Accepted')).toMatchObject({ status: 'False', reason: 'ListenersNotValid' });
    expect(cond(second.listeners[0].conditions, 'Conflicted')).toMatchObject({ status: 'True', reason: 'HostnameConflict', message: expect.stringMatching(/listener x of ListenerSet infra\/first .*by document order/) });
    const closed = DataPlane.fromManifests([gatewayClass, gw([http()]), ls('first', [http('x')])]);
    expect(cond(closed.status('ListenerSet', 'infra', 'first')!.conditions, 'Accepted')).toMatchObject({ status: 'False', reason: 'NotAllowed' });
  });

  test('objects() returns every object with its status', () => {
    const p = DataPlane.fromManifests([...base, route('r', { rules: [{ backendRefs: [to('a')] }] })]);
    const gwObj: any = p.objects().find((o) => o.kind === 'Gateway');
    expect(gwObj.status.addresses).toHaveLength(1);
    expect(cond(gwObj.status.conditions, 'Programmed').status).toBe('True');
  });
});

describe('HTTP precedence', () => {
  const rules = [
    { matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [to('a')] },
    { matches: [{ path: { type: 'Exact', value: '/api/login' } }], backendRefs: [to('b')] },
    { matches: [{ path: { type: 'PathPrefix', value: '/api' }, method: 'POST' }], backendRefs: [to('c')] },
  ];
  const p = DataPlane.fromManifests([...base, route('r', { rules })]);
  test('Exact beats PathPrefix; a method match beats none; prefixes match whole segments', () => {
    expect(p.http({ gateway: 'infra/gw', path: '/api/login' }).backend?.name).toBe('b');
    expect(p.http({ gateway: 'infra/gw', method: 'POST', path: '/api/x' }).backend?.name).toBe('c');
    expect(p.http({ gateway: 'infra/gw', path: '/api/x' }).backend?.name).toBe('a');
    expect(p.http({ gateway: 'infra/gw', path: '/apix' })).toMatchObject({ outcome: 'no-route', status: 404 });
  });

  test('a 404 explains why every candidate failed', () => {
    const r = p.http({ gateway: 'infra/gw', path: '/apix' });
    expect(r.explanation).toContainEqual(expect.stringMatching(/no match: HTTPRoute apps\/r rule 0 .*path \/apix is not under prefix \/api/));
  });

  test('more header matches win, then more query matches; regular expressions use RE2', () => {
    const q = DataPlane.fromManifests([...base, route('r', {
      rules: [
        { matches: [{ headers: [{ name: 'x-a', value: '1' }] }], backendRefs: [to('a')] },
        { matches: [{ headers: [{ name: 'x-a', value: '1' }, { name: 'x-b', type: 'RegularExpression', value: 'v[0-9]+' }] }], backendRefs: [to('b')] },
        { matches: [{ headers: [{ name: 'x-a', value: '1' }], queryParams: [{ name: 'q', value: 'yes' }] }], backendRefs: [to('c')] },
      ],
    })]);
    expect(q.http({ gateway: 'infra/gw', headers: { 'X-A': '1', 'X-B': 'v12' }, path: '/?q=yes' }).backend?.name).toBe('b');
    expect(q.http({ gateway: 'infra/gw', headers: { 'X-A': '1', 'X-B': 'v1x' }, path: '/?q=yes' }).backend?.name).toBe('c');
    expect(q.http({ gateway: 'infra/gw', headers: { 'X-A': '1' }, path: '/' }).backend?.name).toBe('a');
  });

  test('RE2 matching is linear: a pattern that backtracks exponentially in JS returns at once', () => {
    const q = DataPlane.fromManifests([...base, route('r', { rules: [{ matches: [{ path: { type: 'RegularExpression', value: '/(a+)+b' } }], backendRefs: [to('a')] }] })]);
    const started = Date.now();
    expect(q.http({ gateway: 'infra/gw', path: `/${'a'.repeat(5000)}c` }).status).toBe(404);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('across routes the older creationTimestamp wins; document order stands in and is reported', () => {
    const same = { rules: [{ backendRefs: [to('a')] }] };
    const other = { rules: [{ backendRefs: [to('b')] }] };
    const stamped = DataPlane.fromManifests([...base,
      route('z-new', same, 'apps', { creationTimestamp: '2024-01-02T00:00:00Z' }),
      route('y-old', other, 'apps', { creationTimestamp: '2024-01-01T00:00:00Z' })]);
    expect(stamped.http({ gateway: 'infra/gw' })).toMatchObject({ backend: { name: 'b' }, dependsOnDocumentOrder: false });
    const unstamped = DataPlane.fromManifests([...base, route('z-first', same), route('a-second', other)]);
    expect(unstamped.http({ gateway: 'infra/gw' })).toMatchObject({ backend: { name: 'a' }, dependsOnDocumentOrder: true });
  });

  test('the most specific hostname wins, and listener hostnames isolate routes', () => {
    const q = DataPlane.fromManifests([gatewayClass, gw([http('any'), http('foo', { hostname: 'foo.example.com' })]), svc('apps', 'a'), svc('apps', 'b'), svc('apps', 'c'),
      route('wild', { parentRefs: [{ name: 'gw', namespace: 'infra', sectionName: 'any' }], hostnames: ['*.example.com'], rules: [{ backendRefs: [to('a')] }] }),
      route('exact', { parentRefs: [{ name: 'gw', namespace: 'infra', sectionName: 'any' }], hostnames: ['bar.example.com'], rules: [{ backendRefs: [to('b')] }] }),
      route('foo', { parentRefs: [{ name: 'gw', namespace: 'infra', sectionName: 'foo' }], rules: [{ matches: [{ path: { type: 'Exact', value: '/only' } }], backendRefs: [to('c')] }] })]);
    expect(q.http({ gateway: 'infra/gw', host: 'bar.example.com' }).backend?.name).toBe('b');
    expect(q.http({ gateway: 'infra/gw', host: 'baz.example.com' }).backend?.name).toBe('a');
    expect(q.http({ gateway: 'infra/gw', host: 'foo.example.com', path: '/only' }).backend?.name).toBe('c');
    expect(q.http({ gateway: 'infra/gw', host: 'foo.example.com', path: '/other' }).status).toBe(404);
  });

  test('explain lists the candidates and why each lost', () => {
    const text = p.explain({ gateway: 'infra/gw', path: '/api/login', method: 'DELETE' });
    expect(text).toMatch(/Host \(none\) selects listener http/);
    expect(text).toMatch(/HTTPRoute apps\/r rule 1 match 0 \[Exact \/api\/login\] wins/);
    expect(text).toMatch(/no match: HTTPRoute apps\/r rule 2 .*method DELETE is not POST/);
    expect(text).toMatch(/lost: HTTPRoute apps\/r rule 0 .*lower precedence/);
  });
});

describe('HTTP filters and backends', () => {
  test('request and response header modifiers, backend-level filters, mirrors', () => {
    const p = DataPlane.fromManifests([...base, route('r', {
      rules: [{
        filters: [
          { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-env', value: 'prod' }], remove: ['x-drop'] } },
          { type: 'ResponseHeaderModifier', responseHeaderModifier: { add: [{ name: 'x-served-by', value: 'gw' }] } },
          { type: 'RequestMirror', requestMirror: { backendRef: to('c'), percent: 25 } },
        ],
        backendRefs: [to('a', { filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { add: [{ name: 'x-backend', value: 'a' }] } }] })],
      }],
    })]);
    const r = p.http({ gateway: 'infra/gw', host: 'x.test:80', path: '/p?q=1', headers: { 'X-Drop': '1' }, backendResponseHeaders: { 'X-Origin': 'echo' } });
    expect(r.request).toEqual({ host: 'x.test:80', path: '/p?q=1', method: 'GET', headers: { 'x-env': 'prod', 'x-backend': 'a' }, protocol: 'http' });
    expect(r.responseHeaders).toEqual({ 'x-origin': 'echo', 'x-served-by': 'gw' });
    expect(r.mirrors).toEqual([{ namespace: 'apps', name: 'c', port: 8080, fraction: 0.25 }]);
    expect(p.distribution({ gateway: 'infra/gw' }).mirrored).toEqual({ 'apps/c': 0.25 });
  });

  test('RequestRedirect answers with the Location; URLRewrite changes host and path', () => {
    const p = DataPlane.fromManifests([...base, route('r', {
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: '/old' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301, path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' } } }] },
        { matches: [{ path: { type: 'PathPrefix', value: '/app' } }], filters: [{ type: 'URLRewrite', urlRewrite: { hostname: 'internal', path: { type: 'ReplaceFullPath', replaceFullPath: '/' } } }], backendRefs: [to('a')] },
      ],
    })]);
    expect(p.http({ gateway: 'infra/gw', host: 'ex.com', path: '/old/x?y=1' })).toMatchObject({ outcome: 'redirect', status: 301, location: 'https://ex.com/new/x?y=1' });
    expect(p.http({ gateway: 'infra/gw', host: 'ex.com', path: '/app/deep' }).request).toMatchObject({ host: 'internal', path: '/' });
  });

  test('distribution counts invalid backends as 500 and zero weights as nothing', () => {
    const p = DataPlane.fromManifests([...base, route('r', { rules: [{ backendRefs: [to('a', { weight: 3 }), to('gone', { weight: 1 }), to('b', { weight: 0 })] }] })]);
    expect(p.distribution({ gateway: 'infra/gw' }).backends).toEqual({ 'apps/a': 0.75, '(500)': 0.25 });
  });

  test('the same seed gives the same picks', () => {
    const objs = [...base, route('r', { rules: [{ backendRefs: [to('a'), to('b')] }] })];
    const seq = (seed: number) => { const q = DataPlane.fromManifests(objs, { seed }); return Array.from({ length: 50 }, () => q.http({ gateway: 'infra/gw' }).backend!.name).join(''); };
    expect(seq(3)).toEqual(seq(3));
    expect(seq(3)).not.toEqual(seq(4));
    const q = DataPlane.fromManifests(objs);
    expect(q.http({ gateway: 'infra/gw', seed: 9 }).backend).toEqual(q.http({ gateway: 'infra/gw', seed: 9 }).backend);
  });

  test('timeouts and retries run against a simulated backend', () => {
    const p = DataPlane.fromManifests([...base, route('r', { rules: [{ backendRefs: [to('a')], timeouts: { request: '1s' }, retry: { codes: [503], attempts: 2 } }] })]);
    expect(p.http({ gateway: 'infra/gw', backendLatency: '2s' })).toMatchObject({ outcome: 'direct-response', status: 504, backend: { name: 'a' } });
    expect(p.http({ gateway: 'infra/gw', backendStatuses: [503, 503, 200] })).toMatchObject({ outcome: 'forwarded', status: 200, attempts: 3 });
    expect(p.http({ gateway: 'infra/gw', backendStatuses: [500] })).toMatchObject({ status: 500, attempts: 1 });
  });

  test('fails if the gateway is ambiguous', () => {
    const p = DataPlane.fromManifests([...base, gw([http()], 'gw2')]);
    expect(() => p.http({ path: '/' })).toThrow(/several Gateways have a HTTP listener on port 80 \(infra\/gw, infra\/gw2\); pass `gateway`/);
  });
});

describe('gRPC, TLS, TCP, UDP', () => {
  test('gRPC: exact service/method, regex, and UNIMPLEMENTED for no match', () => {
    const grpc = (name: string, rules: any[]) => ({ apiVersion: G, kind: 'GRPCRoute', metadata: { namespace: 'apps', name }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules } });
    const p = DataPlane.fromManifests([...base, grpc('g', [
      { matches: [{ method: { service: 'pkg.Echo', method: 'Ping' } }], backendRefs: [to('a')] },
      { matches: [{ method: { type: 'RegularExpression', service: 'pkg\\..*', method: 'Get.*' } }], backendRefs: [to('b')] },
    ])]);
    expect(p.grpc({ gateway: 'infra/gw', service: 'pkg.Echo', method: 'Ping' })).toMatchObject({ code: 0, backend: { name: 'a' } });
    expect(p.grpc({ gateway: 'infra/gw', service: 'pkg.Store', method: 'GetItem' })).toMatchObject({ code: 0, backend: { name: 'b' } });
    expect(p.grpc({ gateway: 'infra/gw', service: 'pkg.Store', method: 'Put' })).toMatchObject({ outcome: 'no-route', code: 12 });
  });

  test('TLS: passthrough keeps the client stream, terminate hands plaintext to the backend; unknown SNI is refused', () => {
    const tlsRoute = (name: string, section: string, hostnames: string[], backend: string) => ({ apiVersion: G, kind: 'TLSRoute', metadata: { namespace: 'infra', name }, spec: { parentRefs: [{ name: 'gw', sectionName: section }], hostnames, rules: [{ backendRefs: [{ name: backend, port: 443 }] }] } });
    const p = DataPlane.fromManifests([gatewayClass, tlsSecret('infra', 'cert'), svc('infra', 'pt', 443), svc('infra', 'term', 443),
      gw([{ name: 'pass', port: 443, protocol: 'TLS', hostname: '*.pass.test', tls: { mode: 'Passthrough' } },
        { name: 'term', port: 8443, protocol: 'TLS', tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert' }] } }]),
      tlsRoute('p', 'pass', ['a.pass.test'], 'pt'), tlsRoute('t', 'term', ['t.test'], 'term')]);
    expect(p.tls({ gateway: 'infra/gw', sni: 'a.pass.test' })).toMatchObject({ outcome: 'forwarded', backend: { name: 'pt' }, backendTLS: true, backendSNI: 'a.pass.test' });
    expect(p.tls({ gateway: 'infra/gw', port: 8443, sni: 't.test' })).toMatchObject({ backend: { name: 'term' }, backendTLS: false });
    expect(p.tls({ gateway: 'infra/gw', sni: 'b.pass.test' }).outcome).toBe('refused');
  });

  test('TCP and UDP forward by port to the oldest attached route', () => {
    const l4 = (kind: string, name: string, section: string, backend: string) => ({ apiVersion: G, kind, metadata: { namespace: 'infra', name }, spec: { parentRefs: [{ name: 'gw', sectionName: section }], rules: [{ backendRefs: [{ name: backend, port: 8080 }] }] } });
    const p = DataPlane.fromManifests([gatewayClass, svc('infra', 'db'), svc('infra', 'dns'), svc('infra', 'db2'),
      gw([{ name: 'tcp', port: 5432, protocol: 'TCP' }, { name: 'udp', port: 53, protocol: 'UDP' }]),
      l4('TCPRoute', 'db', 'tcp', 'db'), l4('TCPRoute', 'db-later', 'tcp', 'db2'), l4('UDPRoute', 'dns', 'udp', 'dns')]);
    expect(p.tcp({ gateway: 'infra/gw', port: 5432 })).toMatchObject({ outcome: 'forwarded', backend: { name: 'db' }, dependsOnDocumentOrder: true });
    expect(p.udp({ gateway: 'infra/gw', port: 53 }).backend?.name).toBe('dns');
    expect(p.tcp({ gateway: 'infra/gw', port: 53 }).outcome).toBe('refused');
  });
});
