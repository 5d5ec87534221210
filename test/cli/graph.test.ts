import { fixture, runCli } from '../support/cli';

const GUIDE = fixture('seed/guide');
/** The guide's objects (under --assume-missing, its GatewayClass's EnvoyProxy parametersRef is stood in for). */
const guideFiles = (): string[] => [GUIDE];

describe('cdk8s-gateway graph (built binary, seed guide objects)', () => {
  test('Mermaid by default: class → Gateway → listeners → routes (with hostnames) → backends (with weights)', () => {
    const r = runCli(['graph', fixture('seed/complete')]);
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out.startsWith('flowchart LR\n')).toBe(true);
    expect(out).toContain('n1(["GatewayClass envoy-gateway"])');
    expect(out).toContain('n2["Gateway gateway-system/production-gateway"]');
    expect(out).toContain('n3{{"http: HTTP 80 *.example.com"}}');
    expect(out).toContain('n7("HTTPRoute production/api")');
    expect(out).toContain('n1 --> n2');
    expect(out).toContain('n3 -->|"api.example.com"| n7');
    expect(out).toMatch(/n7 -->\|"rule 1 95%"\| n\d+/);
    expect(out).toMatch(/n7 -->\|"rule 1 5%"\| n\d+/);
    expect(out).not.toContain('subgraph');
  });

  test('unattached routes are drawn apart with the reason; grants and BackendTLSPolicies appear', () => {
    const out = runCli(['graph', '--assume-missing', ...guideFiles()]).stdout;
    const sub = out.slice(out.indexOf('subgraph unattached'), out.indexOf('  end\n'));
    expect(sub).toContain('HTTPRoute production/myapp-route<br>not attached: NotAllowedByListeners');
    expect(sub).toContain('TLSRoute production/tls-passthrough<br>not attached: NoMatchingParent');
    expect(sub).toContain('TCPRoute database/database-route<br>not attached: no parentRef names a reconciled Gateway');
    expect(out).toContain('[/"ReferenceGrant production/allow-gateway-to-backends"/]');
    expect(out).toMatch(/n\d+\[\\"BackendTLSPolicy production\/backend-tls"\\\]/);
    // --assume-missing stands in for its CA bundle, so the policy is accepted
    expect(out).toMatch(/(n\d+)\[\\"BackendTLSPolicy production\/backend-tls"\\\][\s\S]*\1 -\.->\|"TLS to backend"\| n\d+/);
    // without it, the CA bundle is missing and the edge says the policy is not accepted
    expect(runCli(['graph', ...guideFiles()]).stdout).toMatch(/-\.->\|"TLS to backend, not accepted"\|/);
  });

  test('a grant that permits a cross-namespace backend points at it', () => {
    const yaml = `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: infra }
spec: { gatewayClassName: c, listeners: [{ name: http, port: 80, protocol: HTTP, allowedRoutes: { namespaces: { from: All } } }] }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: apps }
spec: { parentRefs: [{ name: gw, namespace: infra }], rules: [{ backendRefs: [{ name: db, namespace: data, port: 5432 }] }] }
---
apiVersion: gateway.networking.k8s.io/v1
kind: ReferenceGrant
metadata: { name: apps-to-data, namespace: data }
spec: { from: [{ group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: apps }], to: [{ group: '', kind: Service }] }
`;
    const out = runCli(['graph', '--assume-missing', '-'], { input: yaml }).stdout;
    expect(out).toMatch(/(n\d+)\[\/"ReferenceGrant data\/apps-to-data"\/\][\s\S]*\1 -\.->\|"permits HTTPRoute from apps"\| (n\d+)/);
    expect(out).toContain('[("Service data/db:5432")]');
  });

  test('--format dot draws the same graph for Graphviz', () => {
    const r = runCli(['graph', '--format', 'dot', fixture('seed/complete')]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('digraph gateway_api {\n  rankdir=LR;\n')).toBe(true);
    expect(r.stdout).toContain('n2 [label="Gateway gateway-system/production-gateway", shape=box];');
    expect(r.stdout).toContain('n3 -> n7 [label="api.example.com"];');
    expect(r.stdout.trim().endsWith('}')).toBe(true);
  });

  test('the output is identical run after run', () => {
    expect(runCli(['graph', fixture('seed/complete')]).stdout).toBe(runCli(['graph', fixture('seed/complete')]).stdout);
  });
});
