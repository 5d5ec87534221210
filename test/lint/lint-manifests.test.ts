import { lintManifests } from '../../src/lint';
import { parseManifests } from '../../src/validation';

const lint = (yaml: string) => {
  const read = parseManifests(yaml, 'in.yaml');
  expect(read.diagnostics).toEqual([]);
  return lintManifests(read.items);
};

const GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: infra }
spec:
  gatewayClassName: cls
  listeners:
    - { name: wild, port: 80, protocol: HTTP, hostname: '*.example.com', allowedRoutes: { namespaces: { from: All } } }
    - { name: admin, port: 80, protocol: HTTP, hostname: admin.example.com }
`;

describe('lintManifests', () => {
  test('hostname-captured: a route for *.example.com loses admin.example.com to the admin listener, which admits its own namespace only', () => {
    const found = lint(`${GATEWAY}---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: apps }
spec:
  parentRefs: [{ name: gw, namespace: infra }]
  hostnames: ['*.example.com']
  rules: [{ backendRefs: [{ name: web, port: 80 }] }]
`);
    expect(found).toEqual([expect.objectContaining({
      code: 'lint/hostname-captured',
      severity: 'warning',
      field: 'spec.hostnames[0]',
      source: 'in.yaml#1',
      object: { kind: 'HTTPRoute', namespace: 'apps', name: 'web' },
    })]);
    expect(found[0].message).toContain("requests for 'admin.example.com' on port 80 go to listener admin of Gateway infra/gw (HTTP 80, hostname admin.example.com)");
    expect(found[0].message).toContain('admits routes from its own namespace infra only (allowedRoutes.namespaces.from: Same), and the route is in apps');
  });

  test('hostname-captured: not reported when the route is attached to the specific listener too', () => {
    expect(lint(`${GATEWAY}---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: infra }
spec:
  parentRefs: [{ name: gw }]
  hostnames: ['*.example.com']
  rules: [{ backendRefs: [{ name: web, port: 80 }] }]
`)).toEqual([]);
  });

  test('hostname-captured: the parentRef names another section', () => {
    const found = lint(`${GATEWAY}---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: infra }
spec:
  parentRefs: [{ name: gw, sectionName: wild }]
  hostnames: [admin.example.com, www.example.com]
  rules: [{ backendRefs: [{ name: web, port: 80 }] }]
`);
    expect(found.map((d) => [d.code, d.field])).toEqual([['lint/hostname-captured', 'spec.hostnames[0]']]);
    expect(found[0].message).toContain("the route's parentRefs select other listeners (sectionName wild)");
  });

  const grant = (name: string, fromNs: string, to: string) => `---
apiVersion: gateway.networking.k8s.io/v1
kind: ReferenceGrant
metadata: { name: ${name}, namespace: data }
spec:
  from: [{ group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: ${fromNs} }]
  to: [${to}]
`;
  const ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: apps }
spec:
  rules: [{ backendRefs: [{ name: db, namespace: data, port: 5432 }] }]
`;

  test('reference-grant-unused: a grant for another namespace, or another kind, is unused; the one that permits the backend is not', () => {
    const found = lint(ROUTE + grant('used', 'apps', "{ group: '', kind: Service, name: db }") + grant('other-ns', 'web', "{ group: '', kind: Service }") + grant('secrets', 'apps', "{ group: '', kind: Secret }"));
    expect(found.map((d) => [d.code, d.object?.name])).toEqual([['lint/reference-grant-unused', 'other-ns'], ['lint/reference-grant-unused', 'secrets']]);
    expect(found[0].message).toContain('the references into data are HTTPRoute apps/web → Service data/db, which it does not match');
  });

  test('reference-grant-redundant: a grant covered by a broader one; of two identical grants, the later', () => {
    const found = lint(ROUTE + grant('all-services', 'apps', "{ group: '', kind: Service }") + grant('just-db', 'apps', "{ group: '', kind: Service, name: db }") + grant('copy', 'apps', "{ group: '', kind: Service }"));
    expect(found.map((d) => [d.code, d.object?.name])).toEqual([['lint/reference-grant-redundant', 'just-db'], ['lint/reference-grant-redundant', 'copy']]);
    expect(found[0].message).toContain('already permitted by ReferenceGrant data/all-services (in.yaml#1)');
  });

  test('rule-shadowed: a later equal match of the same route, and a wildcard-hostname rule behind a specific hostname\'s catch-all', () => {
    const found = lint(`${GATEWAY}---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: apps }
spec:
  parentRefs: [{ name: gw, namespace: infra, sectionName: wild }]
  hostnames: [www.example.com]
  rules:
    - matches: [{ path: { type: PathPrefix, value: /api } }]
      backendRefs: [{ name: api, port: 80 }]
    - matches: [{ path: { type: PathPrefix, value: /api/ } }]
      backendRefs: [{ name: api2, port: 80 }]
    - backendRefs: [{ name: web, port: 80 }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: health, namespace: apps }
spec:
  parentRefs: [{ name: gw, namespace: infra, sectionName: wild }]
  hostnames: ['*.example.com']
  rules: [{ matches: [{ path: { type: Exact, value: /healthz } }], backendRefs: [{ name: health, port: 80 }] }]
`);
    expect(found.map((d) => [d.code, d.object?.name, d.field])).toEqual([
      ['lint/rule-shadowed', 'web', 'spec.rules[1].matches[0]'],
      ['lint/rule-shadowed', 'health', 'spec.rules[0].matches[0]'],
      // and admin.example.com, under *.example.com, goes to the admin listener, which the route is not attached to
      ['lint/hostname-captured', 'health', 'spec.hostnames[0]'],
    ]);
    expect(found[0].message).toMatch(/^rule 1 match 0 \[PathPrefix \/api\/?\] never wins for www\.example\.com on listener wild of Gateway infra\/gw \(nor anywhere else: the rule is dead\): HTTPRoute apps\/web rule 0 match 0 \[PathPrefix \/api\] takes its traffic/);
    expect(found[1].message).toContain('never wins for www.example.com on listener wild');
  });

  test('hostname-not-served: the parent domain of a wildcard listener', () => {
    const found = lint(`${GATEWAY}---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: apps }
spec:
  parentRefs: [{ name: gw, namespace: infra, sectionName: wild }]
  hostnames: [www.example.com, example.com, other.org]
  rules: [{ backendRefs: [{ name: web, port: 80 }] }]
`);
    expect(found.map((d) => [d.code, d.field])).toEqual([['lint/hostname-not-served', 'spec.hostnames[1]'], ['lint/hostname-not-served', 'spec.hostnames[2]']]);
    expect(found[0].message).toContain("a wildcard listener hostname does not cover its own parent domain; add a listener for 'example.com'");
  });

  test('gateway-not-analyzed: a Gateway a controller would not accept is said to be left out', () => {
    const found = lint(GATEWAY.replace('  gatewayClassName: cls\n', '  gatewayClassName: cls\n  addresses: [{ type: example.com/vip, value: edge }]\n'));
    expect(found.map((d) => [d.code, d.object?.name, d.source])).toEqual([['lint/gateway-not-analyzed', 'gw', 'in.yaml#0']]);
    expect(found[0].message).toBe('the routing of this Gateway and its routes is not analysed: it is not accepted (UnsupportedAddress: address type "example.com/vip" is not supported ' +
      '(supported: IPAddress, Hostname)); fix that first (see `cdk8s-gateway status`)');
  });
});
