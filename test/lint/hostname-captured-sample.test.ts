// lint/hostname-captured names the listener that takes the requests. For a wildcard overlap it asks the
// listener selection about one concrete host inside it; that host must not be the exact hostname of another
// listener, or the finding would name that exact listener for the whole wildcard.
import { lintManifests } from '../../src/lint';
import { parseManifests } from '../../src/validation';

const GATEWAY = `---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: infra }
spec:
  gatewayClassName: cls
  listeners:
    - { name: all, port: 80, protocol: HTTP, allowedRoutes: { namespaces: { from: All } } }
    - { name: wild, port: 80, protocol: HTTP, hostname: '*.shop.example.com' }
    - { name: exact, port: 80, protocol: HTTP, hostname: 'EXACT.shop.example.com' }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: apps }
spec:
  parentRefs: [{ name: gw, namespace: infra, sectionName: all }]
  rules: [{ backendRefs: [{ name: web, port: 80 }] }]
`;

function captures(exact: string): string[] {
  const read = parseManifests(GATEWAY.replace('EXACT', exact), 'in.yaml');
  expect(read.diagnostics).toEqual([]);
  return lintManifests(read.items).filter((d) => d.code === 'lint/hostname-captured').map((d) => d.message.split(', whose')[0]);
}

test.each(['host', 'host1', 'www'])('a wildcard overlap is taken by the wildcard listener, an exact one by the exact listener (exact listener %s)', (exact) => {
  expect(captures(exact)).toEqual([
    "requests for '*.shop.example.com' on port 80 go to listener wild of Gateway infra/gw (HTTP 80, hostname *.shop.example.com)",
    `requests for '${exact}.shop.example.com' on port 80 go to listener exact of Gateway infra/gw (HTTP 80, hostname ${exact}.shop.example.com)`,
  ]);
});
