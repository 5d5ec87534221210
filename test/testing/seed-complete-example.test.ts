import { tlsSecret } from './tls-fixture';
import { DataPlane } from '../../src/testing';

/**
 * The "Complete Example" of the seed guide (complete-gateway-setup.yaml), quoted
 * as the user wrote it. The guide does not show the GatewayClass, the Services
 * or the certificate Secret, so the test adds them separately.
 */
const COMPLETE_EXAMPLE = `
# Gateway
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: production-gateway
  namespace: gateway-system
  annotations:
    cert-manager.io/cluster-issuer: letsencrypt-prod
spec:
  gatewayClassName: envoy-gateway
  listeners:
    - name: http
      port: 80
      protocol: HTTP
      hostname: "*.example.com"
      allowedRoutes:
        namespaces:
          from: All
    - name: https
      port: 443
      protocol: HTTPS
      hostname: "*.example.com"
      tls:
        mode: Terminate
        certificateRefs:
          - name: wildcard-example-com
      allowedRoutes:
        namespaces:
          from: All
---
# Frontend HTTPRoute
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: frontend
  namespace: production
spec:
  parentRefs:
    - name: production-gateway
      namespace: gateway-system
  hostnames:
    - www.example.com
    - example.com
  rules:
    - matches:
        - path:
            type: PathPrefix
            value: /
      backendRefs:
        - name: frontend
          port: 80
---
# API HTTPRoute with versioning
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: api
  namespace: production
spec:
  parentRefs:
    - name: production-gateway
      namespace: gateway-system
  hostnames:
    - api.example.com
  rules:
    # v2 API (canary)
    - matches:
        - path:
            type: PathPrefix
            value: /v2
      backendRefs:
        - name: api-v2
          port: 80

    # v1 API with traffic split
    - matches:
        - path:
            type: PathPrefix
            value: /v1
      backendRefs:
        - name: api-v1-stable
          port: 80
          weight: 95
        - name: api-v1-canary
          port: 80
          weight: 5

    # Default to v1
    - matches:
        - path:
            type: PathPrefix
            value: /
      filters:
        - type: URLRewrite
          urlRewrite:
            path:
              type: ReplacePrefixMatch
              replacePrefixMatch: /v1
      backendRefs:
        - name: api-v1-stable
          port: 80
---
# Health check endpoint
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: health
  namespace: gateway-system
spec:
  parentRefs:
    - name: production-gateway
  hostnames:
    - "*.example.com"
  rules:
    - matches:
        - path:
            type: Exact
            value: /healthz
      backendRefs:
        - name: health-service
          port: 80
`;

const svc = (namespace: string, name: string) => ({ apiVersion: 'v1', kind: 'Service', metadata: { namespace, name }, spec: { ports: [{ port: 80 }] } });
const SUPPORT = [
  { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'envoy-gateway' }, spec: { controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' } },
  svc('production', 'frontend'), svc('production', 'api-v2'), svc('production', 'api-v1-stable'), svc('production', 'api-v1-canary'), svc('gateway-system', 'health-service'),
];

function plane(extra: object[] = []): DataPlane {
  const fromYaml = DataPlane.fromYaml(COMPLETE_EXAMPLE);
  expect(fromYaml.diagnostics).toEqual([]);
  return DataPlane.fromManifests([...SUPPORT, ...fromYaml.objects(), ...extra]);
}

const gateway = 'gateway-system/production-gateway';

describe('seed guide: complete example', () => {
  test('GET api.example.com/v2 goes to api-v2', () => {
    const r = plane().http({ gateway, host: 'api.example.com', path: '/v2/users' });
    expect(r).toMatchObject({ outcome: 'forwarded', status: 200, backend: { namespace: 'production', name: 'api-v2', port: 80 } });
    expect(r.route).toMatchObject({ kind: 'HTTPRoute', namespace: 'production', name: 'api', rule: 0 });
    expect(r.request?.path).toBe('/v2/users');
  });

  test('/v1 splits 95/5 between stable and canary, exactly', () => {
    const d = plane().distribution({ gateway, host: 'api.example.com', path: '/v1/orders' });
    expect(d.backends).toEqual({ 'production/api-v1-stable': 0.95, 'production/api-v1-canary': 0.05 });
  });

  test('/v1 picks are deterministic for a seed and follow the weights', () => {
    const picks = (seed: number) => {
      const p = DataPlane.fromManifests(plane().objects(), { seed });
      return Array.from({ length: 400 }, () => p.http({ gateway, host: 'api.example.com', path: '/v1' }).backend!.name);
    };
    expect(picks(7)).toEqual(picks(7));
    const canary = picks(7).filter((n) => n === 'api-v1-canary').length;
    expect(canary).toBeGreaterThan(5);
    expect(canary).toBeLessThan(40);
  });

  test('everything else on api.example.com is rewritten under /v1 and sent to stable', () => {
    const r = plane().http({ gateway, host: 'api.example.com', path: '/users?limit=5' });
    expect(r.backend?.name).toBe('api-v1-stable');
    expect(r.request?.path).toBe('/v1/users?limit=5');
    expect(plane().http({ gateway, host: 'api.example.com', path: '/' }).request?.path).toBe('/v1');
  });

  test('/v2x is not under the /v2 prefix (prefixes match whole path segments)', () => {
    const r = plane().http({ gateway, host: 'api.example.com', path: '/v2x' });
    expect(r.backend?.name).toBe('api-v1-stable');
    expect(r.request?.path).toBe('/v1/v2x');
  });

  test('health: Exact /healthz on any other subdomain goes to health-service', () => {
    const p = plane();
    expect(p.http({ gateway, host: 'status.example.com', path: '/healthz' }).backend).toEqual({ namespace: 'gateway-system', name: 'health-service', port: 80 });
    expect(p.http({ gateway, host: 'status.example.com', path: '/healthz/deep' })).toMatchObject({ outcome: 'no-route', status: 404 });
  });

  test('health: api.example.com/healthz stays with the api route, whose exact hostname takes precedence', () => {
    const r = plane().http({ gateway, host: 'api.example.com', path: '/healthz' });
    expect(r.backend?.name).toBe('api-v1-stable');
    expect(r.request?.path).toBe('/v1/healthz');
  });

  test('www.example.com serves the frontend; the bare example.com is outside the *.example.com listener', () => {
    const p = plane();
    expect(p.http({ gateway, host: 'www.example.com', path: '/about' }).backend?.name).toBe('frontend');
    expect(p.http({ gateway, host: 'example.com', path: '/' })).toMatchObject({ outcome: 'no-route', status: 404 });
  });

  test('status: every route is Accepted with resolved refs; the http listener counts 3 routes', () => {
    const p = plane();
    for (const [ns, name] of [['production', 'frontend'], ['production', 'api'], ['gateway-system', 'health']]) {
      const conds = p.status('HTTPRoute', ns, name)!.parents[0].conditions;
      expect(conds.find((c: any) => c.type === 'Accepted')).toMatchObject({ status: 'True', reason: 'Accepted' });
      expect(conds.find((c: any) => c.type === 'ResolvedRefs')).toMatchObject({ status: 'True', reason: 'ResolvedRefs' });
    }
    const listeners = p.status('Gateway', 'gateway-system', 'production-gateway')!.listeners;
    expect(listeners.find((l: any) => l.name === 'http')!.attachedRoutes).toBe(3);
  });

  test('without the wildcard-example-com Secret the https listener is not programmed and TLS is refused', () => {
    const p = plane();
    const https = p.status('Gateway', 'gateway-system', 'production-gateway')!.listeners.find((l: any) => l.name === 'https')!;
    expect(https.conditions.find((c: any) => c.type === 'ResolvedRefs')).toMatchObject({ status: 'False', reason: 'InvalidCertificateRef' });
    expect(https.conditions.find((c: any) => c.type === 'Programmed')).toMatchObject({ status: 'False' });
    expect(p.http({ gateway, scheme: 'https', host: 'api.example.com', path: '/v2' }).outcome).toBe('refused');
  });

  test('with the Secret, HTTPS to api.example.com/v2 reaches api-v2', () => {
    const p = plane([tlsSecret('gateway-system', 'wildcard-example-com')]);
    expect(p.http({ gateway, scheme: 'https', host: 'api.example.com', path: '/v2' }).backend?.name).toBe('api-v2');
  });

  test('without the Services every backend is unresolved and answers 500', () => {
    const p = DataPlane.fromManifests([SUPPORT[0], ...DataPlane.fromYaml(COMPLETE_EXAMPLE).objects()]);
    const api = p.status('HTTPRoute', 'production', 'api')!.parents[0].conditions;
    expect(api.find((c: any) => c.type === 'ResolvedRefs')).toMatchObject({ status: 'False', reason: 'BackendNotFound' });
    expect(p.http({ gateway, host: 'api.example.com', path: '/v2' })).toMatchObject({ outcome: 'direct-response', status: 500 });
  });
});
