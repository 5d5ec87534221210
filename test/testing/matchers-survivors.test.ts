import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { Backend, Gateway, GatewayClass, HttpRoute, ListenerProtocol, testing } from '../../src';
import { validateApp } from '../../src/synth-validation';
import { planeOf, toBeAccepted, toHaveCondition, toHaveNoValidationErrors, toRedirect, toRespond, toRoute, toSplit } from '../../src/testing/matchers';

// What the routing matchers must tell apart, found by reading the mutants of matchers.ts that no test
// killed: malformed backend strings, the gRPC trace and status words, the closest candidate (rule numbers
// past 9, a route without namespace or without rules, a rule that splits), the parentRef an entry of
// status.parents answers for, the parents the missing-parent hint counts, and the messages' lines.
const G = 'gateway.networking.k8s.io/v1';
const all = { namespaces: { from: 'All' } };
const svc = (namespace: string | undefined, name: string, port = 80) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, ...(namespace ? { namespace } : {}) }, spec: { ports: [{ port }] } });
const gatewayClass = { apiVersion: G, kind: 'GatewayClass', metadata: { name: 'cls' }, spec: { controllerName: 'example.com/ctl' } };
const gateway = (namespace: string | undefined, name: string, className = 'cls') => ({
  apiVersion: G,
  kind: 'Gateway',
  metadata: { name, ...(namespace ? { namespace } : {}) },
  spec: { gatewayClassName: className, listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: all }] },
});
const prefix = (value: string) => ({ matches: [{ path: { type: 'PathPrefix', value } }] });
const to = (...names: string[]) => ({ backendRefs: names.map((name) => ({ name, port: 80, weight: 1 })) });
const parent = { name: 'gw', namespace: 'infra' };

const objects = [
  gatewayClass,
  gateway('infra', 'gw'),
  ...['web', 'a', 'b', 'c', 'lonely', 'echo', 'echo-next'].map((n) => svc('apps', n, n.startsWith('echo') ? 9000 : 80)),
  svc(undefined, 'plain'), svc(undefined, 'other'),
  {
    apiVersion: G,
    kind: 'HTTPRoute',
    metadata: { namespace: 'apps', name: 'web' },
    spec: {
      parentRefs: [parent],
      hostnames: ['www.example.com'],
      rules: [
        // equal prefix lengths: the trace lists these rules in rule order
        { ...prefix('/hdr'), filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x', value: '1' }] } }], ...to('c') },
        { ...prefix('/aaa'), filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }] },
        { ...prefix('/bbb'), ...to('a', 'b') },
        { ...prefix('/web'), ...to('web') },
        { ...prefix('/hlf'), backendRefs: [{ name: 'web', port: 80 }, { name: 'gone', port: 80 }] },
      ],
    },
  },
  {
    apiVersion: G,
    kind: 'HTTPRoute',
    metadata: { namespace: 'apps', name: 'many' },
    spec: {
      parentRefs: [parent],
      hostnames: ['many.example.com'],
      // rules 0 to 9 go to apps/a, rule 10 to apps/c; all prefixes have one length, so rule 10 is the last candidate
      rules: [...Array.from({ length: 10 }, (_, i) => ({ ...prefix(`/p0${i}`), ...to('a') })), { ...prefix('/p10'), ...to('c') }],
    },
  },
  {
    apiVersion: G,
    kind: 'HTTPRoute',
    metadata: { name: 'plain' },
    spec: { parentRefs: [parent], hostnames: ['plain.example.com'], rules: [{ ...prefix('/a'), ...to('other') }, { ...prefix('/c'), ...to('plain') }, { ...prefix('/b'), ...to('other') }] },
  },
  { apiVersion: G, kind: 'HTTPRoute', metadata: { namespace: 'apps', name: 'deep' }, spec: { parentRefs: [parent], hostnames: ['rules.example.com'], rules: [{ ...prefix('/deep'), ...to('web') }] } },
  { apiVersion: G, kind: 'HTTPRoute', metadata: { namespace: 'apps', name: 'norules' }, spec: { parentRefs: [parent], hostnames: ['rules.example.com'] } },
  {
    apiVersion: G,
    kind: 'GRPCRoute',
    metadata: { namespace: 'apps', name: 'echo' },
    spec: {
      parentRefs: [parent],
      hostnames: ['api.example.com'],
      rules: [
        { matches: [{ method: { service: 'echo.Echo', method: 'Say' } }], backendRefs: [{ name: 'echo', port: 9000 }] },
        { matches: [{ method: { service: 'echo.Echo', method: 'Other' } }], backendRefs: [{ name: 'echo-next', port: 9000 }] },
        { matches: [{ method: { service: 'echo.Echo', method: 'Half' } }], backendRefs: [{ name: 'echo', port: 9000 }, { name: 'gone', port: 9000 }] },
      ],
    },
  },
  {
    apiVersion: G,
    kind: 'BackendTLSPolicy',
    metadata: { namespace: 'apps', name: 'unused' },
    spec: { targetRefs: [{ group: '', kind: 'Service', name: 'lonely' }], validation: { hostname: 'lonely.apps', wellKnownCACertificates: 'System' } },
  },
];
const plane = testing.DataPlane.fromManifests(objects);
const WWW = 'http://www.example.com';

describe('backend strings', () => {
  test('a backend string is namespace/name[:port] from start to end; anything else is an error naming the forms', () => {
    const refused = /backend '.*' is not 'namespace\/name' or 'namespace\/name:port'/;
    expect(() => toRoute(plane, `${WWW}/web`, 'x/apps/web')).toThrow(refused);
    expect(() => toRoute(plane, `${WWW}/web`, 'apps/web:80x')).toThrow(refused);
    expect(() => toRoute(plane, `${WWW}/web`, 'apps/web:http')).toThrow(refused);
    expect(toRoute(plane, `${WWW}/web`, 'apps/web:80').pass).toBe(true);
  });

  test('a backend with a port, for a request no route takes: a failure, not a crash', () => {
    const m = toRoute(plane, 'http://nothing.example.org/', 'apps/web:80');
    expect(m.pass).toBe(false);
    expect(m.message()).toMatch(/^Expected http:\/\/nothing.example.org\/ to route to apps\/web:80\nInstead: 404 \(no route matched\)/);
  });
});

describe('gRPC requests', () => {
  test('a failing toRoute traces the gRPC request with its losing candidates, and names the closest', () => {
    const m = toRoute(plane, 'grpc://api.example.com/echo.Echo/Say', 'apps/echo-next');
    expect(m.pass).toBe(false);
    expect(m.message()).toContain('Closest losing candidate: no match: GRPCRoute apps/echo rule 1 match 0: method Say is not Other');
    expect(m.message()).toContain('Explain:\n  host api.example.com selects listener http of infra/gw\n    no match: GRPCRoute apps/echo rule 1 match 0');
  });

  test('a split names gRPC outcomes by their status name; an HTTP split keeps the HTTP status', () => {
    expect(toRoute(plane, 'grpc://api.example.com/echo.Echo/Half', 'apps/echo').message())
      .toMatch(/^Expected grpc:\/\/api.example.com\/echo.Echo\/Half to route to apps\/echo, but the traffic is split: 50% get UNAVAILABLE \(14\), 50% to apps\/echo\n/);
    expect(toSplit(plane, 'grpc://api.example.com/echo.Echo/Half', { 'apps/echo': 1 }).message())
      .toContain("Instead: { '(14)': 0.5, 'apps/echo': 0.5 } (50% get UNAVAILABLE (14), 50% to apps/echo)");
    expect(toRoute(plane, `${WWW}/hlf`, 'apps/web').message()).toContain('but the traffic is split: 50% get (500), 50% to apps/web\n');
    expect(toSplit(plane, `${WWW}/hlf`, { 'apps/web': 1 }).message()).toContain("Instead: { '(500)': 0.5, 'apps/web': 0.5 } (50% get (500), 50% to apps/web)");
  });

  test('toRespond on an HTTP request says the HTTP status, even one that is also a gRPC code', () => {
    const m = toRespond(plane, `${WWW}/web`, 14);
    expect(m.pass).toBe(false);
    expect(m.message()).toMatch(/^Expected http:\/\/www.example.com\/web to get 14\n/);
    expect(m.message()).not.toContain('UNAVAILABLE');
  });
});

describe('the closest losing candidate', () => {
  test('rule numbers of two digits: the candidate is rule 10, not rule 1', () => {
    const m = toRoute(plane, 'http://many.example.com/p99', 'apps/c');
    expect(m.message()).toContain('Closest losing candidate: no match: HTTPRoute apps/many rule 10 match 0 [PathPrefix /p10]');
  });

  test('a route without metadata.namespace: its backendRefs are in default, and its rule that sends there is the candidate', () => {
    expect(toRoute(plane, 'http://plain.example.com/c', 'default/plain').pass).toBe(true);
    const m = toRoute(plane, 'http://plain.example.com/b', 'default/plain');
    expect(m.pass).toBe(false);
    expect(m.message()).toContain('Closest losing candidate: no match: HTTPRoute default/plain rule 1 match 0 [PathPrefix /c]');
  });

  test('a route without rules that lost: no rule of it is wanted, so the candidate is the one that lost', () => {
    const m = toRoute(plane, 'http://rules.example.com/deep', 'apps/other');
    expect(m.pass).toBe(false);
    expect(m.message()).toContain('Closest losing candidate: lost: HTTPRoute apps/norules rule 0 match 0 [PathPrefix /]');
  });

  test('for toRoute, a rule that splits to the backend among others is closer than a rule without backends', () => {
    const m = toRoute(plane, `${WWW}/web`, 'apps/b');
    expect(m.message()).toContain('Closest losing candidate: no match: HTTPRoute apps/web rule 2 match 0 [PathPrefix /bbb]');
  });

  test('for toRedirect, the closest rule is one with a RequestRedirect filter, not any filter', () => {
    const m = toRedirect(plane, `${WWW}/web`, 'https://www.example.com/web');
    expect(m.message()).toContain('Closest losing candidate: no match: HTTPRoute apps/web rule 1 match 0 [PathPrefix /aaa]');
  });
});

describe('request text echoed in the trace', () => {
  test('the closest candidate is a candidate line of the trace, never request text that looks like one', () => {
    // a route without hostnames is tried for any host, so the trace's first line echoes the (malformed) host
    const p = testing.DataPlane.fromManifests([gateway('infra', 'gw'),
      { apiVersion: G, kind: 'HTTPRoute', metadata: { namespace: 'apps', name: 'any' }, spec: { parentRefs: [parent], rules: [{ ...prefix('/a'), ...to('web') }] } }], { assumeMissing: true });
    const m = toRespond(p, { host: 'x lost: HTTPRoute apps/any rule 0', path: '/z' }, 200);
    expect(m.message()).toContain('\nExplain:\n  Host x lost: ');
    expect(m.message()).toContain('\nClosest losing candidate: no match: HTTPRoute apps/any rule 0 match 0 [PathPrefix /a]: path /z is not under prefix /a\n');
  });
});

describe('toHaveCondition', () => {
  test('the condition type must match, not only its status', () => {
    expect(toHaveCondition(plane, 'Gateway', 'infra/gw', 'Programmed').pass).toBe(true);
    expect(toHaveCondition(plane, 'Gateway', 'infra/gw', 'ResolvedRefs').pass).toBe(false);
  });

  test('.not lists each condition the object has, one indented line each', () => {
    expect(toHaveCondition(plane, 'Gateway', 'infra/gw', 'Accepted').message().split('\n')).toEqual([
      'Expected Gateway infra/gw not to have condition Accepted=True, but it has',
      '  Accepted=True (Accepted: the Gateway is accepted)',
      '  Programmed=True (Programmed: the Gateway is programmed in the in-memory data plane)',
    ]);
  });

  test('a status without any condition (a BackendTLSPolicy no Gateway uses) says so', () => {
    const m = toHaveCondition(plane, 'BackendTLSPolicy', 'apps/unused', 'Accepted');
    expect(m.pass).toBe(false);
    expect(m.message()).toBe('Expected BackendTLSPolicy apps/unused to have condition Accepted=True\nInstead: it has no conditions');
  });

  test('a GatewayClass name is taken whole; a name with an empty namespace is not in default', () => {
    expect(toHaveCondition(plane, 'GatewayClass', 'cls', 'Accepted').pass).toBe(true);
    expect(() => toHaveCondition(plane, 'GatewayClass', 'infra/cls', 'Accepted')).toThrow("there is no GatewayClass 'infra/cls' among the loaded objects");
    expect(toHaveCondition(plane, 'HTTPRoute', 'plain', 'Accepted').pass).toBe(true);
    expect(() => toHaveCondition(plane, 'HTTPRoute', '/plain', 'Accepted')).toThrow("there is no HTTPRoute '/plain' among the loaded objects");
    // the part after the first '/' is the name, so a typo with a leading '/' is still two edits from apps/web
    expect(() => toHaveCondition(plane, 'HTTPRoute', '/aps/web', 'Accepted')).toThrow("there is no HTTPRoute '/aps/web' among the loaded objects; did you mean 'apps/web'?");
  });
});

describe('the missing-parent hint', () => {
  const failing = (p: testing.DataPlane) => toRoute(p, 'http://plain.example.com/a', 'default/nothing').message();

  test('a Gateway without metadata.namespace is loaded in default: a route of default naming it misses nothing', () => {
    const p = testing.DataPlane.fromManifests([gatewayClass, gateway(undefined, 'gw'), svc(undefined, 'other'),
      { apiVersion: G, kind: 'HTTPRoute', metadata: { name: 'plain' }, spec: { parentRefs: [{ name: 'gw' }], hostnames: ['plain.example.com'], rules: [to('other')] } }]);
    expect(toRoute(p, 'http://plain.example.com/a', 'default/other').pass).toBe(true);
    expect(failing(p)).not.toContain('Note:');
  });

  test('a route that names no parentRefs, or a parent of another kind of the Gateway API group, misses no Gateway', () => {
    const p = testing.DataPlane.fromManifests([gatewayClass, gateway(undefined, 'gw'), svc(undefined, 'other'),
      { apiVersion: G, kind: 'HTTPRoute', metadata: { name: 'plain' }, spec: { parentRefs: [{ name: 'gw' }], hostnames: ['plain.example.com'], rules: [to('other')] } },
      { apiVersion: G, kind: 'HTTPRoute', metadata: { name: 'loose' }, spec: { rules: [to('other')] } },
      { apiVersion: G, kind: 'HTTPRoute', metadata: { name: 'mesh' }, spec: { parentRefs: [{ kind: 'XMesh', name: 'm' }], rules: [to('other')] } },
      // only routes name parents: a stray parentRefs field on another kind names none
      { ...svc(undefined, 'stray'), spec: { ports: [{ port: 80 }], parentRefs: [{ name: 'gone' }] } }], { assumeMissing: true });
    expect(failing(p)).not.toContain('Note:');
    // the boundary: a missing Gateway named with no group is reported
    const missing = testing.DataPlane.fromManifests([gatewayClass, gateway(undefined, 'gw'), svc(undefined, 'other'),
      { apiVersion: G, kind: 'HTTPRoute', metadata: { name: 'plain' }, spec: { parentRefs: [{ name: 'gw' }, { name: 'gone' }], hostnames: ['plain.example.com'], rules: [to('other')] } }], { assumeMissing: true });
    expect(failing(missing).split('\n').pop()).toBe("Note: the routes' Gateway default/gone (named by HTTPRoute default/plain) is not among the loaded objects; load the manifests or App that define it (DataPlane.fromApp)");
  });
});

describe('toBeAccepted: the status entry of each parentRef', () => {
  const route = (parentRefs: object[]) => ({ apiVersion: G, kind: 'HTTPRoute', metadata: { namespace: 'apps', name: 'r' }, spec: { parentRefs, rules: [to('web')] } });
  const base = [gatewayClass, gateway('infra', 'gw'), svc('apps', 'web')];
  const problems = (extra: object[]) => {
    const m = toBeAccepted(testing.DataPlane.fromManifests([...base, ...extra]));
    return m.pass ? [] : m.message().split('\n').slice(2);
  };

  test('a parent of another name, namespace or section does not answer for the parentRef', () => {
    // another name: infra/foreign writes no status, although infra/gw accepted the route
    expect(problems([gateway('infra', 'foreign', 'not-ours'), route([parent, { name: 'foreign', namespace: 'infra' }])]))
      .toEqual(['  HTTPRoute apps/r: Gateway infra/foreign writes no status (its GatewayClass is not handled by the plane)']);
    // another namespace: a Gateway gw of another class in infra2
    expect(problems([gateway('infra2', 'gw', 'not-ours'), route([parent, { name: 'gw', namespace: 'infra2' }])]))
      .toEqual(['  HTTPRoute apps/r: Gateway infra2/gw writes no status (its GatewayClass is not handled by the plane)']);
    // another section: http accepts, none does not exist
    expect(problems([route([{ ...parent, sectionName: 'http' }, { ...parent, sectionName: 'none' }])]))
      .toEqual([expect.stringMatching(/^ {2}HTTPRoute apps\/r: Gateway infra\/gw section none: Accepted=False \(NoMatchingParent: /)]);
    expect(problems([route([{ ...parent, sectionName: 'http' }, parent])])).toEqual([]);
  });

  test('a parentRef of another kind or API group is not answered by the status of the Gateway of that name', () => {
    // infra/gw accepts the route as a Gateway; no ListenerSet infra/gw and no example.com Gateway infra/gw exists
    const listenerSet = problems([route([parent, { kind: 'ListenerSet', name: 'gw', namespace: 'infra' }])]);
    expect(listenerSet).toEqual(['  HTTPRoute apps/r: ListenerSet infra/gw is not among the loaded objects; if it is defined in another chart, test the App (expect(app)) or use DataPlane.fromApp']);
    const otherGroup = problems([route([parent, { group: 'example.com', kind: 'Gateway', name: 'gw', namespace: 'infra' }])]);
    // a Service of the core group named as parent (a mesh): loaded, but the plane writes no status for it
    const mesh = problems([route([parent, { group: '', kind: 'Service', name: 'web' }])]);
    expect(mesh).toEqual(['  HTTPRoute apps/r: Service apps/web writes no status (the plane writes route status for Gateway and ListenerSet parents only)']);
    expect(problems([route([parent, { group: '', kind: 'Service', name: 'nothing' }])])).toEqual(['  HTTPRoute apps/r: Service apps/nothing is not among the loaded objects; if it is defined in another chart, test the App (expect(app)) or use DataPlane.fromApp']);
    expect(otherGroup).toEqual(['  HTTPRoute apps/r: Gateway infra/gw is not among the loaded objects; if it is defined in another chart, test the App (expect(app)) or use DataPlane.fromApp']);
  });

  test('a parent is "not loaded" unless an object of that kind, namespace and name is', () => {
    const notLoaded = (ref: string) => `  HTTPRoute apps/r: ${ref} is not among the loaded objects; if it is defined in another chart, test the App (expect(app)) or use DataPlane.fromApp`;
    // a Service infra/missing, a Gateway missing in infra2, a Gateway of another name in infra: none is the Gateway infra/missing
    expect(problems([svc('infra', 'missing'), gateway('infra2', 'missing'), route([parent, { name: 'missing', namespace: 'infra' }])])).toEqual([notLoaded('Gateway infra/missing')]);
    // a ListenerSet named as such: its kind is given, not defaulted to Gateway
    expect(problems([route([parent, { kind: 'ListenerSet', name: 'set', namespace: 'infra' }])])).toEqual([notLoaded('ListenerSet infra/set')]);
  });

  test('a Gateway without metadata.namespace, of a class the plane does not handle, is loaded in default', () => {
    const r = { apiVersion: G, kind: 'HTTPRoute', metadata: { name: 'r' }, spec: { parentRefs: [{ name: 'foreign' }], rules: [to('web')] } };
    const m = toBeAccepted(testing.DataPlane.fromManifests([gatewayClass, gateway(undefined, 'foreign', 'not-ours'), svc(undefined, 'web'), r]));
    expect(m.message().split('\n').slice(2)).toEqual(['  HTTPRoute default/r: Gateway default/foreign writes no status (its GatewayClass is not handled by the plane)']);
  });
});

describe('subjects', () => {
  test('planeOf refuses values that only look like a Chart or an App', () => {
    const chartLike = Object.assign(() => undefined, { toJson: () => [], node: {} });
    const appLike = Object.assign(() => undefined, { charts: [], synth: () => undefined });
    expect(() => planeOf(chartLike)).toThrow(/got function$/);
    expect(() => planeOf(appLike)).toThrow(/got function$/);
    expect(() => planeOf({ node: {} })).toThrow(/got Object$/);
    expect(() => planeOf({ toJson: () => [] })).toThrow(/got Object$/);
    expect(() => planeOf({ charts: [] })).toThrow(/got Object$/);
    expect(planeOf(Testing.chart()).objects()).toEqual([]);
    expect(planeOf(Testing.app()).objects()).toEqual([]);
  });

  test('toHaveNoValidationErrors counts errors only: a chart with a warning passes', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const gw = new Gateway(chart, 'Gw', {
      metadata: { name: 'gw', namespace: 'infra' },
      gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Class', 'envoy'),
      listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP }],
    });
    // a Service web in apps, and a route in infra that names web: a warning (perhaps the other namespace was meant)
    new ApiObject(chart, 'Svc', svc('apps', 'web'));
    new HttpRoute(chart, 'Route', { metadata: { name: 'web', namespace: 'infra' }, parents: [gw], rules: [{ backends: [Backend.fromServiceName('web', { port: 80 })] }] });
    expect(validateApp(app).map((d) => [d.code, d.severity])).toEqual([['xref/backend-not-found', 'warning']]);
    expect(toHaveNoValidationErrors(chart).pass).toBe(true);
    expect(toHaveNoValidationErrors(new App()).pass).toBe(true);
  });
});
