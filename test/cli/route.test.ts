import * as fs from 'fs';
import * as path from 'path';
import { DataPlane } from '../../src/testing';
import { ROOT, fixture, runCli } from '../support/cli';

const COMPLETE = fixture('seed/complete');

describe('cdk8s-gateway route (built binary, the seed guide\'s complete example)', () => {
  test('--json prints exactly outcome, status, backend, request, responseHeaders, redirect, route, explain, split', () => {
    const r = runCli(['route', COMPLETE, '--url', 'http://api.example.com/users?limit=5', '--header', 'X-Trace: 1', '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(Object.keys(d)).toEqual(['outcome', 'status', 'backend', 'request', 'responseHeaders', 'redirect', 'route', 'explain', 'split']);
    expect(d.split).toBeNull();
    expect(d).toMatchObject({
      outcome: 'forwarded',
      status: 200,
      backend: { namespace: 'production', name: 'api-v1-stable', port: 80 },
      redirect: null,
      request: { path: '/v1/users?limit=5', method: 'GET', headers: { 'x-trace': '1' } },
      route: { kind: 'HTTPRoute', namespace: 'production', name: 'api', rule: 2, match: 0 },
    });
    expect(Object.keys(d.backend)).toEqual(['namespace', 'name', 'port']);
    expect(d.explain).toContain('hostname api.example.com: HTTPRoute production/api rule 2 match 0 [PathPrefix /] wins');
  });

  test('agrees with the testing API on the same manifests', () => {
    const files = fs.readdirSync(path.join(ROOT, COMPLETE)).map((f) => path.join(ROOT, COMPLETE, f));
    const plane = DataPlane.fromFiles(files);
    for (const url of ['http://www.example.com/about', 'http://status.example.com/healthz', 'http://api.example.com/healthz', 'http://example.com/']) {
      const want = plane.http({ url, seed: 1 });
      const got = JSON.parse(runCli(['route', COMPLETE, '--url', url, '--json']).stdout);
      expect({ outcome: got.outcome, status: got.status, backend: got.backend }).toEqual({
        outcome: want.outcome, status: want.status, backend: want.backend ? { port: null, ...want.backend } : null,
      });
    }
  });

  test('the bare example.com gets a 404 and the trace says why', () => {
    const r = runCli(['route', COMPLETE, '--url', 'http://example.com/']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['GET http://example.com/', '→ no-route 404']);
  });

  test('a method before the URL, --method and --gateway; redirects are reported with location and status', () => {
    const redirect = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: to-https, namespace: gateway-system }
spec:
  parentRefs: [{ name: production-gateway, sectionName: http }]
  hostnames: [shop.example.com]
  rules: [{ filters: [{ type: RequestRedirect, requestRedirect: { scheme: https, statusCode: 301 } }] }]
`;
    const text = fs.readdirSync(path.join(ROOT, COMPLETE)).map((f) => fs.readFileSync(path.join(ROOT, COMPLETE, f), 'utf8')).join('\n---\n');
    const d = JSON.parse(runCli(['route', '-', '--url', 'POST http://shop.example.com/cart', '--gateway', 'gateway-system/production-gateway', '--json'], { input: `${text}\n---\n${redirect}` }).stdout);
    expect(d).toMatchObject({ outcome: 'redirect', status: 301, backend: null, redirect: { location: 'https://shop.example.com/cart', status: 301 } });
    const m = JSON.parse(runCli(['route', COMPLETE, '--url', 'http://www.example.com/', '--method', 'delete', '--json']).stdout);
    expect(m.request.method).toBe('DELETE');
  });

  test('bad --url and --header are usage errors (exit 2, one line)', () => {
    const u = runCli(['route', COMPLETE, '--url', 'ftp://x/']);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/^cdk8s-gateway: --url: request 'ftp:\/\/x\/': scheme 'ftp' is not understood/);
    const h = runCli(['route', COMPLETE, '--url', 'http://a.example.com/', '--header', 'novalue']);
    expect(h.code).toBe(2);
    expect(h.stderr).toBe("cdk8s-gateway: --header must be 'Name: value', got 'novalue'\n");
    expect(runCli(['route', COMPLETE]).code).toBe(2);
  });

  test('an unknown Gateway is an error naming the Gateways there are', () => {
    const r = runCli(['route', COMPLETE, '--url', 'http://www.example.com/', '--gateway', 'infra/nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Gateway infra/nope is not known to the data plane (known: gateway-system/production-gateway)');
  });
});

describe('cdk8s-gateway table', () => {
  test('prints exactly the testing API\'s routing table, as text and as JSON', () => {
    const files = fs.readdirSync(path.join(ROOT, COMPLETE)).map((f) => path.join(ROOT, COMPLETE, f));
    const plane = DataPlane.fromFiles(files);
    const r = runCli(['table', COMPLETE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(plane.routingTable());
    expect(r.stdout).toContain('      3. PathPrefix / -> HTTPRoute production/api rule 2\n         filter rewrite path prefix -> /v1\n');
    expect(JSON.parse(runCli(['table', '--json', COMPLETE]).stdout)).toEqual(JSON.parse(JSON.stringify(plane.routingTable({ format: 'json' }))));
  });
});

describe('cdk8s-gateway route on a weighted split', () => {
  const SPLITS = fixture('routing-tests/splits/manifests.yaml');

  test('text: the shares first, then the seeded pick said to be one', () => {
    const r = runCli(['route', SPLITS, '--assume-missing', '--url', 'http://canary.example.com/']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'GET http://canary.example.com/',
      '→ split: 90% to shop/web, 10% to shop/web-v2',
      '  seeded pick (seed 1): forwarded 200 to shop/web:80',
      '  route HTTPRoute shop/canary rule 0 match 0',
    ]);
    // One backend (weight 0 on the others does not make a split): the usual headline, no split line.
    const one = runCli(['route', SPLITS, '--assume-missing', '--url', 'http://single.example.com/']);
    expect(one.stdout.split('\n')[1]).toBe('→ forwarded 200 to shop/web:80');
    expect(one.stdout).not.toMatch(/split|seeded pick/);
  });

  test('--json: split lists every share with the seeded pick marked; the other keys are unchanged', () => {
    const d = JSON.parse(runCli(['route', SPLITS, '--assume-missing', '--url', 'http://canary.example.com/', '--json']).stdout);
    expect(Object.keys(d)).toEqual(['outcome', 'status', 'backend', 'request', 'responseHeaders', 'redirect', 'route', 'explain', 'split']);
    expect(d.backend).toEqual({ namespace: 'shop', name: 'web', port: 80 });
    expect(d.split).toEqual([
      { target: 'shop/web', share: 0.9, picked: true },
      { target: 'shop/web-v2', share: 0.1, picked: false },
    ]);
    const ports = JSON.parse(runCli(['route', SPLITS, '--assume-missing', '--url', 'http://ports.example.com/', '--json']).stdout);
    const picked = `shop/web:${ports.backend.port}`;
    expect(ports.split).toEqual([
      { target: 'shop/web:80', share: 0.5, picked: picked === 'shop/web:80' },
      { target: 'shop/web:8080', share: 0.5, picked: picked === 'shop/web:8080' },
    ]);
    expect(ports.split.filter((s: { picked: boolean }) => s.picked)).toHaveLength(1);
  });

  test('gRPC status codes are printed by name with the code', () => {
    const grpc = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: infra }
spec: { gatewayClassName: x, listeners: [{ name: h2c, port: 80, protocol: HTTP, allowedRoutes: { namespaces: { from: All } } }] }
---
apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: { name: echo, namespace: apps }
spec:
  parentRefs: [{ name: gw, namespace: infra }]
  rules: [{ matches: [{ method: { service: echo.Echo } }], backendRefs: [{ name: echo, port: 9000 }] }]
`;
    const none = runCli(['route', '-', '--assume-missing', '--url', 'grpc://api.example.com/other.Svc/Do'], { input: grpc });
    expect(none.stdout.split('\n')[1]).toBe('→ no-route UNIMPLEMENTED (12)');
    const ok = runCli(['route', '-', '--assume-missing', '--url', 'grpc://api.example.com/echo.Echo/Say'], { input: grpc });
    expect(ok.stdout.split('\n')[1]).toBe('→ forwarded OK (0) to apps/echo:9000');
    expect(JSON.parse(runCli(['route', '-', '--assume-missing', '--json', '--url', 'grpc://api.example.com/other.Svc/Do'], { input: grpc }).stdout).status).toBe(12);
  });
});
