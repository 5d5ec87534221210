import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { progressReporter } from '../../src/cli/conformance';
import { main } from '../../src/cli/main';
import { runConformance } from '../../src/testing/conformance-runner';

/** Writes a tiny conformance folder: one vector with a passing and a failing step. */
function fixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-cli-'));
  fs.mkdirSync(path.join(dir, 'vectors'));
  fs.mkdirSync(path.join(dir, 'manifests'));
  fs.writeFileSync(path.join(dir, 'manifests', 'objects.yaml'), `
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: { name: cls }
spec: { controllerName: example.com/ctl }
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: infra }
spec:
  gatewayClassName: cls
  listeners: [{ name: http, port: 80, protocol: HTTP }]
---
apiVersion: v1
kind: Service
metadata: { name: web, namespace: infra }
spec: { ports: [{ port: 8080 }] }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: infra }
spec:
  parentRefs: [{ name: gw }]
  rules: [{ backendRefs: [{ name: web, port: 8080 }] }]
`);
  fs.writeFileSync(path.join(dir, 'vectors', 'Tiny.json'), JSON.stringify({
    name: 'Tiny',
    features: ['Gateway', 'HTTPRoute'],
    controllerName: 'example.com/ctl',
    manifests: ['manifests/objects.yaml'],
    steps: [
      { type: 'http', name: 'reaches web', gateway: { namespace: 'infra', name: 'gw' }, request: { path: '/' }, expect: { backend: { namespace: 'infra', name: 'web' } } },
      { type: 'http', name: 'wrongly expects other', gateway: { namespace: 'infra', name: 'gw' }, request: { path: '/' }, expect: { backend: { namespace: 'infra', name: 'other' } } },
    ],
  }));
  fs.writeFileSync(path.join(dir, 'vectors', 'NeedsTimeout.json'), JSON.stringify({
    name: 'NeedsMesh',
    features: ['Gateway', 'MeshHTTPRoute'],
    manifests: ['manifests/objects.yaml'],
    steps: [{ type: 'attachedRoutes', object: { kind: 'Gateway', namespace: 'infra', name: 'gw' }, listener: 'http', count: 1 }],
  }));
  return dir;
}

describe('cdk8s-gateway conformance', () => {
  let out: string;
  let err: string;
  let spies: jest.SpyInstance[];
  beforeEach(() => {
    out = '';
    err = '';
    process.exitCode = undefined;
    spies = [
      jest.spyOn(process.stdout, 'write').mockImplementation((c: any) => { out += String(c); return true; }),
      jest.spyOn(process.stderr, 'write').mockImplementation((c: any) => { err += String(c); return true; }),
    ];
  });
  afterEach(() => {
    spies.forEach((s) => s.mockRestore());
    process.exitCode = undefined;
  });

  test('--json prints the report alone', async () => {
    const dir = fixture();
    expect(await main(['node', 'cdk8s-gateway', 'conformance', dir, '--json'])).toBe(0);
    const report = JSON.parse(out);
    expect(report).toMatchObject({ vectors: 2, steps: 3, passed: 1, failed: 1, skipped: 1 });
    expect(report.results.find((r: any) => r.outcome === 'failed').detail).toMatch(/expected backend infra\/other, got infra\/web/);
    expect(report.results.find((r: any) => r.outcome === 'skipped').detail).toMatch(/MeshHTTPRoute \(not implemented by the in-memory data plane\)/);
    expect(process.exitCode).toBeUndefined();
  });

  test('the readable summary lists failures and skips', async () => {
    const dir = fixture();
    await main(['node', 'cdk8s-gateway', 'conformance', dir]);
    expect(out).toMatch(/2 vectors, 3 steps: 1 passed, 1 failed, 1 skipped/);
    expect(out).toMatch(/Tiny#1 wrongly expects other/);
    expect(out).toMatch(/NeedsMesh: features not claimed/);
  });

  test('--features narrows what is claimed', async () => {
    const dir = fixture();
    await main(['node', 'cdk8s-gateway', 'conformance', dir, '--json', '--features', 'Gateway']);
    expect(JSON.parse(out)).toMatchObject({ passed: 0, failed: 0, skipped: 3 });
  });

  test('fails if the pass ratio is under --fail-under', async () => {
    const dir = fixture();
    // the exit code comes back from main(), which bin/cdk8s-gateway.js hands to the process
    expect(await main(['node', 'cdk8s-gateway', 'conformance', dir, '--fail-under', '0.9'])).toBe(1);
    expect(err).toMatch(/50\.0% passed, below --fail-under 0.9/);
  });

  test('--fail-under that is not a ratio is a usage error (exit 2)', async () => {
    const dir = fixture();
    const code = await main(['node', 'cdk8s-gateway', 'conformance', dir, '--fail-under', 'lots']);
    expect(code).toBe(2);
    expect(err).toMatch(/--fail-under must be a ratio between 0 and 1/);
  });

  test('a folder without vectors/ is an input error (exit 2)', async () => {
    expect(await main(['node', 'cdk8s-gateway', 'conformance', os.tmpdir()])).toBe(2);
    const lines = err.trimEnd().split('\n');
    expect(lines[0]).toBe(`cdk8s-gateway: ${os.tmpdir()}: no vectors/ folder`);
    // What the folder must hold (FORMAT.md), and where the conformance suite's vectors are.
    expect(lines[1]).toMatch(/^cdk8s-gateway: the folder must hold vectors\/\*\.json, one routing test vector each .*FORMAT\.md.* manifests the vectors name, by paths relative to the folder/);
    expect(lines[2]).toMatch(/^cdk8s-gateway: the vectors derived from the Gateway API v1\.6\.1 conformance suite .* \(\.\.\/shared\/conformance from a clone\)$/);
    expect(lines).toHaveLength(3);
  });

  test('progress: one rewritten line per vector on a terminal, cleared at the end; nothing otherwise', () => {
    let tty = '';
    const p = progressReporter({ isTTY: true, write: (t: string) => { tty += t; } });
    p.onVector!(1, 2, 'Tiny');
    p.onVector!(2, 2, 'NeedsMesh');
    p.done();
    expect(tty).toBe('\r\u001b[2K[1/2] Tiny\r\u001b[2K[2/2] NeedsMesh\r\u001b[2K');
    const pipe = progressReporter({ isTTY: false, write: () => { throw new Error('no output expected'); } });
    expect(pipe.onVector).toBeUndefined();
    pipe.done();
  });

  test('runConformance reports each vector to onVector', () => {
    const seen: string[] = [];
    runConformance(fixture(), { onVector: (i, n, name) => seen.push(`${i}/${n} ${name}`) });
    expect(seen).toEqual(['1/2 NeedsMesh', '2/2 Tiny']);
  });
});
