// Mutation survivors of src/lint/rule-shadowing.ts: one finding that gathers several listeners says the rule is
// dead when the rule never wins anywhere, even where one of those listeners only sees it lose a host.
import { lintManifests } from '../../src/lint';
import { parseManifests } from '../../src/validation';

const lint = (yaml: string) => {
  const read = parseManifests(yaml, 'in.yaml');
  expect(read.diagnostics).toEqual([]);
  return lintManifests(read.items);
};

const route = (name: string, hostname: string, created: string) => `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: ${name}, namespace: apps, creationTimestamp: '${created}' }
spec:
  parentRefs: [{ name: gw, namespace: infra }]
  hostnames: ['${hostname}']
  rules: [{ matches: [{ path: { type: PathPrefix, value: / } }], backendRefs: [{ name: ${name}, port: 80 }] }]
`;

test('a dead rule shadowed on one listener and out-ranked by a more specific hostname on another is reported once, as dead', () => {
  // On l1 (a.example.com) every route serves a.example.com: a, the oldest, shadows c and b. On l2 (every host) a
  // serves a.example.com, and c and b serve *.example.com, where c, older, shadows b: b never wins anywhere, c still
  // wins on l2 for the hosts other than a.example.com.
  const gw = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: infra }
spec:
  gatewayClassName: cls
  listeners:
    - { name: l1, port: 80, protocol: HTTP, hostname: a.example.com, allowedRoutes: { namespaces: { from: All } } }
    - { name: l2, port: 8080, protocol: HTTP, allowedRoutes: { namespaces: { from: All } } }
`;
  const found = lint(gw + route('a', 'a.example.com', '2025-01-01T00:00:00Z') + route('b', '*.example.com', '2025-03-01T00:00:00Z') + route('c', '*.example.com', '2025-02-01T00:00:00Z'));
  expect(found.map((d) => [d.object?.name, d.message.split(': ')[0]])).toEqual([
    ['c', 'rule 0 match 0 [PathPrefix /] never wins for a.example.com on listeners l1, l2 of Gateway infra/gw'],
    ['b', 'rule 0 match 0 [PathPrefix /] never wins for a.example.com on listeners l1, l2 of Gateway infra/gw (nor anywhere else'],
    ['b', 'rule 0 match 0 [PathPrefix /] never wins for *.example.com on listener l2 of Gateway infra/gw (nor anywhere else'],
  ]);
});
