import { App, Chart } from 'cdk8s';
import { testing } from '../../src';
import { describeOutcome, planeOf, toBeAccepted, toHaveCondition, toHaveNoValidationErrors, toRedirect, toRespond, toRoute } from '../../src/testing/matchers';

// Boundaries and messages of the routing matchers that the behaviour tests in matchers.test.ts leave
// open: a backend equal by name but not namespace or port, a split that is not a route, the default
// namespace, parents that are absent or write no status, subjects that are none of the three kinds.
const G = 'gateway.networking.k8s.io/v1';
const all = { namespaces: { from: 'All' } };
const svc = (namespace: string, name: string, port = 80) => ({ apiVersion: 'v1', kind: 'Service', metadata: { namespace, name }, spec: { ports: [{ port }] } });
const objects = [
  { apiVersion: G, kind: 'GatewayClass', metadata: { name: 'cls' }, spec: { controllerName: 'example.com/ctl' } },
  { apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name: 'gw' }, spec: { gatewayClassName: 'cls', listeners: [{ name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: all }] } },
  { apiVersion: G, kind: 'Gateway', metadata: { namespace: 'infra', name: 'foreign' }, spec: { gatewayClassName: 'not-ours', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] } },
  svc('apps', 'web'), svc('other', 'web'), svc('apps', 'split-a'), svc('apps', 'split-b'), svc('default', 'plain'),
  {
    apiVersion: G,
    kind: 'HTTPRoute',
    metadata: { namespace: 'apps', name: 'web' },
    spec: {
      parentRefs: [{ name: 'gw', namespace: 'infra' }],
      hostnames: ['www.example.com'],
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: '/web' } }], backendRefs: [{ name: 'web', port: 80 }] },
        { matches: [{ path: { type: 'PathPrefix', value: '/split' } }], backendRefs: [{ name: 'split-a', port: 80, weight: 1 }, { name: 'split-b', port: 80, weight: 1 }] },
        { matches: [{ path: { type: 'PathPrefix', value: '/other' } }], backendRefs: [{ name: 'web', namespace: 'other', port: 80 }] },
        { matches: [{ path: { type: 'PathPrefix', value: '/gone' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 302 } }] },
      ],
    },
  },
  { apiVersion: G, kind: 'ReferenceGrant', metadata: { namespace: 'other', name: 'g' }, spec: { from: [{ group: G.split('/')[0], kind: 'HTTPRoute', namespace: 'apps' }], to: [{ group: '', kind: 'Service' }] } },
  {
    apiVersion: G,
    kind: 'HTTPRoute',
    metadata: { name: 'plain' },
    spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], hostnames: ['plain.example.com'], rules: [{ backendRefs: [{ name: 'plain', port: 80 }] }] },
  },
];
const plane = testing.DataPlane.fromManifests(objects);
const WWW = 'http://www.example.com';

describe('toRoute boundaries', () => {
  test('the same name in another namespace, or another port, is another backend', () => {
    expect(toRoute(plane, `${WWW}/web`, 'apps/web').pass).toBe(true);
    expect(toRoute(plane, `${WWW}/web`, 'apps/web:80').pass).toBe(true);
    expect(toRoute(plane, `${WWW}/web`, 'other/web').pass).toBe(false);
    expect(toRoute(plane, `${WWW}/web`, 'apps/web:81').pass).toBe(false);
    expect(toRoute(plane, `${WWW}/other`, 'other/web').pass).toBe(true);
    expect(toRoute(plane, `${WWW}/other`, 'apps/web').pass).toBe(false);
    expect(toRoute(plane, `${WWW}/web`, { namespace: 'apps', name: 'web', port: 80 }).pass).toBe(true);
    expect(toRoute(plane, `${WWW}/web`, { namespace: 'apps', name: 'web2' }).pass).toBe(false);
  });

  test('one backend of a split is not a route to it, and the message points to toSplit', () => {
    const m = toRoute(plane, `${WWW}/split`, 'apps/split-a');
    expect(m.pass).toBe(false);
    expect(m.message()).toContain('but the traffic is split: 50% to apps/split-a, 50% to apps/split-b\nEvery request must reach the backend for toRoute; test a weighted split with toSplit.');
  });

  test('the closest candidate is the rule that forwards to the wanted backend (by namespace and port)', () => {
    const m = toRoute(plane, `${WWW}/web`, 'other/web:80');
    expect(m.message()).toContain('Closest losing candidate: no match: HTTPRoute apps/web rule 2 match 0 [PathPrefix /other]');
    expect(m.message()).not.toContain('Split:');
    expect(toRoute(plane, `${WWW}/split`, 'apps/web:80').message()).toContain('Closest losing candidate: no match: HTTPRoute apps/web rule 0 match 0 [PathPrefix /web]');
    // no rule sends to apps/web:81: the first candidate of the trace is named instead
    expect(toRoute(plane, `${WWW}/split`, 'apps/web:81').message()).toContain('Closest losing candidate: no match: HTTPRoute apps/web rule 2 match 0 [PathPrefix /other]');
  });

  test('a request no rule matches: 404 and no closest candidate line when nothing was tried', () => {
    const m = toRoute(plane, 'http://nothing.example.org/', 'apps/web');
    expect(m.message()).toMatch(/^Expected http:\/\/nothing.example.org\/ to route to apps\/web\nInstead: 404 \(no route matched\)\n/);
    expect(m.message()).not.toContain('Closest losing candidate');
  });

  test('.not messages say what happens', () => {
    expect(toRoute(plane, `${WWW}/web`, 'apps/web').message()).toMatch(/^Expected http:\/\/www.example.com\/web not to route to apps\/web, but it does: forwarded to apps\/web:80 \(200\) by HTTPRoute apps\/web rule 0\nExplain:/);
  });
});

describe('toRedirect and toRespond boundaries', () => {
  test('location and status must both match', () => {
    expect(toRedirect(plane, `${WWW}/gone`, 'https://www.example.com/gone', 302).pass).toBe(true);
    expect(toRedirect(plane, `${WWW}/gone`, 'https://www.example.com/gone').pass).toBe(true);
    expect(toRedirect(plane, `${WWW}/gone`, 'https://www.example.com/gone', 301).pass).toBe(false);
    expect(toRedirect(plane, `${WWW}/gone`, 'https://www.example.com/x', 302).pass).toBe(false);
    expect(toRedirect(plane, `${WWW}/web`, 'https://www.example.com/web').pass).toBe(false);
  });

  test('a failing toRedirect on a redirect names no closest candidate; on a forward it names the redirecting rule', () => {
    const onRedirect = toRedirect(plane, `${WWW}/gone`, 'https://www.example.com/gone', 301).message();
    expect(onRedirect).toMatch(/^Expected http:\/\/www.example.com\/gone to redirect 301 to https:\/\/www.example.com\/gone\nInstead: redirect 302 to https:\/\/www.example.com\/gone by HTTPRoute apps\/web rule 3\n/);
    expect(onRedirect).not.toContain('Closest');
    const onForward = toRedirect(plane, `${WWW}/web`, 'https://www.example.com/web').message();
    expect(onForward).toContain('Closest losing candidate: no match: HTTPRoute apps/web rule 3 match 0 [PathPrefix /gone]');
    expect(toRedirect(plane, `${WWW}/gone`, 'https://www.example.com/gone', 302).message()).toMatch(/^Expected http:\/\/www.example.com\/gone not to redirect 302 to https:\/\/www.example.com\/gone, but it does: redirect 302/);
  });

  test('toRespond compares the status exactly', () => {
    expect(toRespond(plane, `${WWW}/gone`, 302).pass).toBe(true);
    expect(toRespond(plane, `${WWW}/gone`, 301).pass).toBe(false);
    expect(toRespond(plane, `${WWW}/web`, 200).message()).toMatch(/^Expected http:\/\/www.example.com\/web not to get 200, but it does: forwarded to apps\/web:80 \(200\)/);
  });
});

describe('toHaveCondition and toBeAccepted boundaries', () => {
  test('a name without namespace is in default; a GatewayClass has no namespace', () => {
    expect(toHaveCondition(plane, 'HTTPRoute', 'plain', 'Accepted').pass).toBe(true);
    expect(toHaveCondition(plane, 'HTTPRoute', 'default/plain', 'Accepted').pass).toBe(true);
    // Another namespace is another object: not loaded, so the lookup fails (an error, even under .not), naming what is.
    expect(() => toHaveCondition(plane, 'HTTPRoute', 'apps/plain', 'Accepted')).toThrow('(HTTPRoutes loaded: apps/web, default/plain)');
    expect(toHaveCondition(plane, 'GatewayClass', 'cls', 'Accepted').pass).toBe(true);
    expect(toHaveCondition(plane, 'Gateway', 'infra/gw', 'Accepted', 'False').pass).toBe(false);
  });

  test('an object that is loaded but has no status, and one that is absent, are told apart', () => {
    const loaded = toHaveCondition(plane, 'Gateway', 'infra/foreign', 'Accepted');
    expect(loaded.pass).toBe(false);
    expect(loaded.message()).toBe('Expected Gateway infra/foreign to have condition Accepted=True\nInstead: it is loaded but the plane writes no status on it (a Gateway of a class the plane does not handle, or a route whose parents are not reconciled)');
    expect(() => toHaveCondition(plane, 'GatewayClass', 'nope', 'Accepted')).toThrow(
      "toHaveCondition: there is no GatewayClass 'nope' among the loaded objects (GatewayClasses loaded: cls); if it is in another chart, pass the App (expect(app) or DataPlane.fromApp)");
    expect(() => toHaveCondition(plane, 'ListenerSet', 'infra/none', 'Accepted')).toThrow('(ListenerSets loaded: none)');
  });

  test('a route whose parent is absent or not reconciled is not accepted, and the message says which', () => {
    const p = testing.DataPlane.fromManifests([
      ...objects,
      { apiVersion: G, kind: 'HTTPRoute', metadata: { namespace: 'apps', name: 'lost' }, spec: { parentRefs: [{ name: 'nowhere' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] } },
      { apiVersion: G, kind: 'HTTPRoute', metadata: { namespace: 'apps', name: 'alien' }, spec: { parentRefs: [{ name: 'foreign', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] } },
      { apiVersion: G, kind: 'HTTPRoute', metadata: { namespace: 'apps', name: 'orphan' }, spec: { rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] } },
    ]);
    const m = toBeAccepted(p);
    expect(m.pass).toBe(false);
    const lines = m.message().split('\n');
    expect(lines.slice(0, 2)).toEqual(['Expected every route to be accepted by every parent it names', 'Instead: 3 not accepted:']);
    expect(lines).toContain('  HTTPRoute apps/lost: Gateway apps/nowhere is not among the loaded objects; if it is defined in another chart, test the App (expect(app)) or use DataPlane.fromApp');
    expect(lines).toContain('  HTTPRoute apps/alien: Gateway infra/foreign writes no status (its GatewayClass is not handled by the plane)');
    expect(lines).toContain('  HTTPRoute apps/orphan: names no parentRefs');
  });

  test('a parentRef by section is matched to the status of that section only', () => {
    const p = testing.DataPlane.fromManifests([
      ...objects.filter((o) => o.kind !== 'HTTPRoute'),
      { apiVersion: G, kind: 'HTTPRoute', metadata: { namespace: 'apps', name: 's' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra', sectionName: 'http' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] } },
      { apiVersion: G, kind: 'HTTPRoute', metadata: { namespace: 'apps', name: 't' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra', sectionName: 'https' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] } },
    ]);
    const m = toBeAccepted(p);
    expect(m.pass).toBe(false);
    expect(m.message()).toContain('HTTPRoute apps/t: Gateway infra/gw section https: Accepted=False (NoMatchingParent: ');
    expect(m.message()).not.toContain('apps/s:');
  });
});

describe('subjects and outcomes', () => {
  test('planeOf names what it got', () => {
    expect(() => planeOf(null)).toThrow(/got null$/);
    expect(() => planeOf(3)).toThrow(/got number$/);
    expect(() => planeOf(Object.create(null))).toThrow(/got an object$/);
    expect(() => planeOf({ charts: 'x', synth: () => undefined })).toThrow(/got Object$/);
    expect(planeOf(plane)).toBe(plane);
  });

  test('toHaveNoValidationErrors refuses what is not a construct tree, naming its type', () => {
    expect(() => toHaveNoValidationErrors('chart')).toThrow(/the subject is a cdk8s Chart or App; got string$/);
    expect(toHaveNoValidationErrors(new Chart(new App(), 'empty')).pass).toBe(true);
    expect(toHaveNoValidationErrors(new App()).message()).toBe('Expected validation errors, but the construct tree validates (CRD schema, CEL rules and cross-object checks)');
  });

  test('describeOutcome of each outcome', () => {
    const base = { explanation: [] } as any;
    expect(describeOutcome({ ...base, outcome: 'forwarded', status: 200, backend: { namespace: 'a', name: 'b' } })).toBe('forwarded to a/b (200)');
    expect(describeOutcome({ ...base, outcome: 'forwarded', backend: { namespace: 'a', name: 'b', port: 1 } })).toBe('forwarded to a/b:1');
    expect(describeOutcome({ ...base, outcome: 'refused', route: { kind: 'TCPRoute', namespace: 'n', name: 'r', rule: 0 } })).toBe('refused by TCPRoute n/r rule 0');
    expect(describeOutcome({ ...base, outcome: 'no-route', code: 12 })).toBe('UNIMPLEMENTED (12), no route matched');
    expect(describeOutcome({ ...base, outcome: 'error', status: 500, backend: { namespace: 'a', name: 'b', port: 2 } })).toBe('answered 500 with a/b:2');
    expect(describeOutcome({ ...base, outcome: 'error', status: 500 })).toBe('answered 500');
  });
});
