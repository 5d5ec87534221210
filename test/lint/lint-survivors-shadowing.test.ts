// Mutation survivors of src/lint/rule-shadowing.ts and src/lint/analysis-coverage.ts: whole rule-shadowed
// diagnostics (every host, a rule without name, a rule of a route without matches, the dead-rule and
// document-order marks present and absent) and whole gateway-not-analyzed diagnostics.
import { lintManifests } from '../../src/lint';
import { documentsOf, loadRoutes } from '../../src/testing/controller-loader';
import { parseManifests } from '../../src/validation';

const lint = (yaml: string) => {
  const read = parseManifests(yaml, 'in.yaml');
  expect(read.diagnostics).toEqual([]);
  return lintManifests(read.items);
};

const GW = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: infra }
spec:
  gatewayClassName: cls
  listeners:
    - { name: any, port: 80, protocol: HTTP, allowedRoutes: { namespaces: { from: All } } }
    - { name: tls, port: 443, protocol: TLS, hostname: '*.example.com', tls: { mode: Passthrough }, allowedRoutes: { namespaces: { from: All } } }
`;

const route = (name: string, rules: string, created: string) => `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: ${name}, namespace: apps, creationTimestamp: '${created}' }
spec:
  parentRefs: [{ name: gw, namespace: infra, sectionName: any }]
  rules:
${rules}`;
const tlsRoute = (name: string, created: string) => `---
apiVersion: gateway.networking.k8s.io/v1
kind: TLSRoute
metadata: { name: ${name}, namespace: apps, creationTimestamp: '${created}' }
spec:
  parentRefs: [{ name: gw, namespace: infra, sectionName: tls }]
  hostnames: [db.example.com]
  rules: [{ backendRefs: [{ name: ${name}, port: 5432 }] }]
`;
const WEB = { kind: 'HTTPRoute', namespace: 'apps', name: 'web' };

describe('lint/rule-shadowed, whole diagnostics', () => {
  test('a dead rule of a route without hostnames never wins for every host; a TLSRoute rule (no matches) is reported on the rule', () => {
    const found = lint(GW + route('web', `    - matches: [{ path: { type: PathPrefix, value: /api } }, { path: { type: Exact, value: /x } }]
      backendRefs: [{ name: api, port: 80 }]
    - matches: [{ path: { type: PathPrefix, value: /api } }]
      backendRefs: [{ name: api2, port: 80 }]
`, '2025-01-01T00:00:00Z') + tlsRoute('t1', '2025-01-01T00:00:00Z') + tlsRoute('t2', '2025-02-01T00:00:00Z'));
    expect(found).toEqual([
      {
        code: 'lint/rule-shadowed',
        severity: 'warning',
        message: 'rule 1 match 0 [PathPrefix /api] never wins for every host on listener any of Gateway infra/gw (nor anywhere else: the rule is dead): '
          + 'HTTPRoute apps/web rule 0 match 0 [PathPrefix /api] takes its traffic; it matches every request this one matches and comes first: '
          + 'equally specific, and it is an earlier rule (0) of the same route; make this match more specific than that one, or remove it',
        fix: 'make this match more specific than HTTPRoute apps/web rule 0 match 0 [PathPrefix /api], or remove it',
        object: WEB,
        field: 'spec.rules[1].matches[0]',
        source: 'in.yaml#1',
      },
      {
        code: 'lint/rule-shadowed',
        severity: 'warning',
        message: 'rule 0 [every connection] never wins for db.example.com on listener tls of Gateway infra/gw (nor anywhere else: the rule is dead): '
          + 'TLSRoute apps/t1 rule 0 [every connection] takes its traffic; it takes every connection for db.example.com and comes first: '
          + 'equally specific, and its route is older (creationTimestamp 2025-01-01T00:00:00.000Z before 2025-02-01T00:00:00.000Z); make this match more specific than that one, or remove it',
        fix: 'make this match more specific than TLSRoute apps/t1 rule 0 [every connection], or remove it',
        object: { kind: 'TLSRoute', namespace: 'apps', name: 't2' },
        field: 'spec.rules[0]',
        source: 'in.yaml#3',
      },
    ]);
  });

  test('a rule with another match that wins is not dead: neither mark appears', () => {
    const found = lint(GW + route('web', `    - matches: [{ path: { type: PathPrefix, value: /api } }]
      backendRefs: [{ name: api, port: 80 }]
    - matches: [{ path: { type: PathPrefix, value: /api } }, { path: { type: Exact, value: /y } }]
      backendRefs: [{ name: api2, port: 80 }]
`, '2025-01-01T00:00:00Z'));
    expect(found.map((d) => [d.code, d.field])).toEqual([['lint/rule-shadowed', 'spec.rules[1].matches[0]']]);
    expect(found[0].message).toBe('rule 1 match 0 [PathPrefix /api] never wins for every host on listener any of Gateway infra/gw: '
      + 'HTTPRoute apps/web rule 0 match 0 [PathPrefix /api] takes its traffic; it matches every request this one matches and comes first: '
      + 'equally specific, and it is an earlier rule (0) of the same route; make this match more specific than that one, or remove it');
  });
});

describe('lint/gateway-not-analyzed, whole diagnostics', () => {
  test('a Gateway whose GatewayClass is not reconciled (a plane loaded without stand-ins) names the class', () => {
    const items = parseManifests(GW, 'in.yaml').items;
    expect(lintManifests(items, {}, loadRoutes(documentsOf(items)))).toEqual([{
      code: 'lint/gateway-not-analyzed',
      severity: 'warning',
      message: "the routing of this Gateway and its routes is not analysed: its GatewayClass 'cls' is not reconciled; fix that first (see `cdk8s-gateway status`)",
      fix: 'make the Gateway accepted first (`cdk8s-gateway status` says why it is not)',
      object: { kind: 'Gateway', namespace: 'infra', name: 'gw' },
      source: 'in.yaml#0',
    }]);
  });

  test('a Gateway that is not accepted gives the reason and message of its Accepted condition', () => {
    const found = lint(GW.replace('  gatewayClassName: cls\n', '  gatewayClassName: cls\n  addresses: [{ type: example.com/vip, value: edge }]\n'));
    expect(found).toEqual([{
      code: 'lint/gateway-not-analyzed',
      severity: 'warning',
      message: 'the routing of this Gateway and its routes is not analysed: it is not accepted (UnsupportedAddress: address type "example.com/vip" is not supported '
        + '(supported: IPAddress, Hostname)); fix that first (see `cdk8s-gateway status`)',
      fix: 'make the Gateway accepted first (`cdk8s-gateway status` says why it is not)',
      object: { kind: 'Gateway', namespace: 'infra', name: 'gw' },
      source: 'in.yaml#0',
    }]);
  });

  test('an accepted Gateway is not reported', () => {
    expect(lint(GW)).toEqual([]);
  });
});
