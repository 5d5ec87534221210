// Boundaries and absent findings of the lint checks: the hostname a listener serves (exact, wildcard,
// deeper subdomain, parent domain, a suffix without its dot), the listener that captures (more specific,
// same port and protocol only), the grants that cover one another, and the document-order mark that
// only ties get.
import { lintManifests } from '../../src/lint';
import { parseManifests } from '../../src/validation';

const lint = (yaml: string) => {
  const read = parseManifests(yaml, 'in.yaml');
  expect(read.diagnostics).toEqual([]);
  return lintManifests(read.items);
};

function gateway(listeners: string[]): string {
  return `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: infra }
spec:
  gatewayClassName: cls
  listeners:
${listeners.map((l) => `    - ${l}`).join('\n')}
`;
}

function route(hostnames: string[], parentRef = '{ name: gw, namespace: infra }', extra = ''): string {
  return `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: apps${extra} }
spec:
  parentRefs: [${parentRef}]
  hostnames: [${hostnames.map((h) => `'${h}'`).join(', ')}]
  rules: [{ backendRefs: [{ name: web, port: 80 }] }]
`;
}

const ALL = 'allowedRoutes: { namespaces: { from: All } }';

describe('lint/hostname-not-served', () => {
  const wild = gateway([`{ name: wild, port: 80, protocol: HTTP, hostname: '*.example.com', ${ALL} }`]);

  test('a wildcard listener serves one label and deeper subdomains, not the parent domain nor a suffix without its dot', () => {
    const found = lint(wild + route(['a.example.com', 'a.b.example.com', 'example.com', 'badexample.com']));
    expect(found.map((d) => [d.code, d.field])).toEqual([
      ['lint/hostname-not-served', 'spec.hostnames[2]'],
      ['lint/hostname-not-served', 'spec.hostnames[3]'],
    ]);
    expect(found[0].message).toContain('a wildcard listener hostname does not cover its own parent domain');
    // badexample.com is not the parent domain: the generic advice only
    expect(found[1].message).not.toContain('parent domain');
    expect(found[1].message).toContain("hostname 'badexample.com' is served by none of the listeners the route is attached to (wild: *.example.com)");
    expect(found[1].message).toContain('add a listener for it, or remove the hostname');
  });

  test('an exact listener hostname serves only itself; a listener without hostname serves all', () => {
    const exact = gateway([`{ name: one, port: 80, protocol: HTTP, hostname: a.example.com, ${ALL} }`]);
    const found = lint(exact + route(['a.example.com', 'b.example.com']));
    expect(found.map((d) => d.field)).toEqual(['spec.hostnames[1]']);
    expect(found[0].message).toContain('(one: a.example.com)');
    expect(found[0].message).not.toContain('parent domain');
    const any = gateway([`{ name: any, port: 80, protocol: HTTP, ${ALL} }`]);
    expect(lint(any + route(['a.example.com', 'example.org']))).toEqual([]);
  });

  test('a route attached nowhere is not reported (its Accepted condition says so)', () => {
    const found = lint(wild + route(['other.org']));
    expect(found.map((d) => d.code)).not.toContain('lint/hostname-not-served');
  });

  test('the hostname matches without case', () => {
    expect(lint(wild + route(['WWW.Example.COM']))).toEqual([]);
  });
});

describe('lint/hostname-captured', () => {
  test('a more specific listener on another port does not capture', () => {
    const gw = gateway([
      `{ name: wild, port: 80, protocol: HTTP, hostname: '*.example.com', ${ALL} }`,
      '{ name: admin, port: 8080, protocol: HTTP, hostname: admin.example.com }',
    ]);
    expect(lint(gw + route(['*.example.com']))).toEqual([]);
  });

  test('a less specific listener on the same port does not capture; the more specific one does, naming the field', () => {
    const gw = gateway([
      `{ name: deep, port: 80, protocol: HTTP, hostname: '*.shop.example.com', ${ALL} }`,
      '{ name: wide, port: 80, protocol: HTTP, hostname: \'*.example.com\' }',
      '{ name: top, port: 80, protocol: HTTP, hostname: \'a.shop.example.com\' }',
    ]);
    const found = lint(gw + route(['*.shop.example.com'], '{ name: gw, namespace: infra, sectionName: deep }'));
    expect(found.map((d) => [d.code, d.field])).toEqual([['lint/hostname-captured', 'spec.hostnames[0]']]);
    expect(found[0].message).toContain("requests for 'a.shop.example.com' on port 80 go to listener top");
    expect(found[0].message).toContain("the route's parentRefs select other listeners (sectionName deep)");
  });

  test('a listener that does not accept the route kind captures, and says why', () => {
    const gw = gateway([
      `{ name: wild, port: 80, protocol: HTTP, hostname: '*.example.com', ${ALL} }`,
      '{ name: admin, port: 80, protocol: HTTP, hostname: admin.example.com, allowedRoutes: { kinds: [{ kind: GRPCRoute }] } }',
    ]);
    const refused = lint(gw + route(['*.example.com']));
    expect(refused.map((d) => d.code)).toEqual(['lint/hostname-captured']);
    expect(refused[0].message).toContain('because the listener does not accept HTTPRoute');
    expect(refused[0].field).toBe('spec.hostnames[0]');
  });

  test('a route without hostnames is reported on its parentRefs', () => {
    const gw = gateway([
      `{ name: wild, port: 80, protocol: HTTP, hostname: '*.example.com', ${ALL} }`,
      '{ name: admin, port: 80, protocol: HTTP, hostname: admin.example.com }',
    ]);
    const yaml = `${gw}---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: apps }
spec:
  parentRefs: [{ name: gw, namespace: infra, sectionName: wild }]
  rules: [{ backendRefs: [{ name: web, port: 80 }] }]
`;
    const found = lint(yaml);
    expect(found.map((d) => [d.code, d.field])).toEqual([['lint/hostname-captured', 'spec.parentRefs']]);
    expect(found[0].message).toContain("because the route's parentRefs select other listeners (sectionName wild)");
  });
});

describe('lint/reference-grant-*', () => {
  const ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: apps }
spec:
  rules: [{ backendRefs: [{ name: db, namespace: data, port: 5432 }, { name: cache, namespace: data, port: 6379 }] }]
`;
  const grant = (name: string, to: string, ns = 'data', from = '[{ group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: apps }]') => `---
apiVersion: gateway.networking.k8s.io/v1
kind: ReferenceGrant
metadata: { name: ${name}, namespace: ${ns} }
spec:
  from: ${from}
  to: [${to}]
`;

  test('two grants for different names are neither unused nor redundant', () => {
    expect(lint(ROUTE + grant('db', "{ group: '', kind: Service, name: db }") + grant('cache', "{ group: '', kind: Service, name: cache }"))).toEqual([]);
  });

  test('a grant covers another only when its from and to cover every entry of the other', () => {
    // the named grant covers db only, not the unnamed one; the unnamed one covers the named one
    const found = lint(ROUTE + grant('db', "{ group: '', kind: Service, name: db }") + grant('all', "{ group: '', kind: Service }"));
    expect(found.map((d) => [d.code, d.object?.name])).toEqual([['lint/reference-grant-redundant', 'db']]);
    expect(found[0].message).toContain('already permitted by ReferenceGrant data/all (in.yaml#2)');
  });

  test('a grant with another from kind does not cover; nothing into the namespace says so', () => {
    const found = lint(ROUTE + grant('all', "{ group: '', kind: Service }")
      + grant('grpc', "{ group: '', kind: Service }", 'data', '[{ group: gateway.networking.k8s.io, kind: GRPCRoute, namespace: apps }]')
      + grant('elsewhere', "{ group: '', kind: Service }", 'cache'));
    expect(found.map((d) => [d.code, d.object?.name])).toEqual([['lint/reference-grant-unused', 'grpc'], ['lint/reference-grant-unused', 'elsewhere']]);
    expect(found[0].message).toContain('it lets GRPCRoute in apps reference Service in data');
    expect(found[1].message).toContain('nothing among the objects references cache from another namespace');
  });
});

describe('lint/rule-shadowed', () => {
  const gw = gateway([`{ name: wild, port: 80, protocol: HTTP, hostname: '*.example.com', ${ALL} }`]);
  const twin = (name: string, created?: string) => `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: ${name}, namespace: apps${created ? `, creationTimestamp: '${created}'` : ''} }
spec:
  parentRefs: [{ name: gw, namespace: infra }]
  hostnames: [www.example.com]
  rules: [{ matches: [{ path: { type: PathPrefix, value: /api } }], backendRefs: [{ name: ${name}, port: 80 }] }]
`;

  test('equal matches of two routes created at the same time: the later in name order loses, by document order', () => {
    const found = lint(gw + twin('a') + twin('b'));
    expect(found.map((d) => [d.code, d.object?.name])).toEqual([['lint/rule-shadowed', 'b']]);
    expect(found[0].message).toContain('decided by document order');
    expect(found[0].message).toContain('on listener wild of Gateway infra/gw');
  });

  test('with different creation times the older wins and there is no document-order mark', () => {
    const found = lint(gw + twin('a', '2025-02-01T00:00:00Z') + twin('b', '2025-01-01T00:00:00Z'));
    expect(found.map((d) => [d.code, d.object?.name])).toEqual([['lint/rule-shadowed', 'a']]);
    expect(found[0].message).not.toContain('document order');
  });

  test('different matches are not shadowed', () => {
    const other = twin('b').replace('value: /api', 'value: /shop');
    expect(lint(gw + twin('a') + other)).toEqual([]);
  });

  test('a rule without matches (the implicit match 0) behind another names the rule and its name; one finding lists every listener', () => {
    const two = gateway([`{ name: l80, port: 80, protocol: HTTP, ${ALL} }`, `{ name: l8080, port: 8080, protocol: HTTP, ${ALL} }`]);
    const found = lint(`${two}---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: apps }
spec:
  parentRefs: [{ name: gw, namespace: infra }]
  hostnames: [www.example.com]
  rules:
    - backendRefs: [{ name: a, port: 80 }]
    - name: later
      backendRefs: [{ name: b, port: 80 }]
`);
    expect(found.map((d) => [d.code, d.field])).toEqual([['lint/rule-shadowed', 'spec.rules[1].matches[0]']]);
    expect(found[0].message).toMatch(/^rule 1 \(later\) match 0 \[.*\] never wins for www\.example\.com on listeners l80, l8080 of Gateway infra\/gw \(nor anywhere else: the rule is dead\)/);
    expect(found[0].message).not.toContain('document order');
  });
});

