import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runConformance } from '../../src/testing/conformance-runner';

// The runner is itself a test oracle: a vector whose expectation is wrong must
// fail. These vectors are written here (not read from ../shared), each step
// with a known verdict.

const MANIFEST = `
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
  listeners: [ { name: http, port: 80, protocol: HTTP, allowedRoutes: { namespaces: { from: All } } } ]
---
apiVersion: v1
kind: Service
metadata: { name: echo, namespace: apps }
spec: { ports: [ { port: 8080 } ] }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: r, namespace: apps }
spec:
  parentRefs: [ { name: gw, namespace: infra } ]
  rules:
  - filters:
    - type: RequestHeaderModifier
      requestHeaderModifier: { set: [ { name: X-In, value: added } ] }
    - type: ResponseHeaderModifier
      responseHeaderModifier: { set: [ { name: X-Out, value: yes } ] }
    backendRefs: [ { name: echo, port: 8080 } ]
`;

const gateway = { namespace: 'infra', name: 'gw' };
const http = (name: string, expect: object) => ({ type: 'http', name, gateway, request: { path: '/' }, expect: { backend: { namespace: 'apps', name: 'echo' }, ...expect } });
const condition = (name: string, object: object, want: object, extra: object = {}) => ({ type: 'condition', name, object, condition: want, ...extra });

const STEPS: { step: object; passes: boolean; detail?: RegExp }[] = [
  { step: condition('gateway accepted', { kind: 'Gateway', ...gateway }, { type: 'Accepted', status: 'True', reason: 'Accepted' }), passes: true },
  { step: condition('gateway wrong reason', { kind: 'Gateway', ...gateway }, { type: 'Accepted', status: 'True', reason: 'ListenersNotValid' }), passes: false, detail: /expected reason ListenersNotValid, got Accepted/ },
  { step: condition('gateway wrong status', { kind: 'Gateway', ...gateway }, { type: 'Accepted', status: 'False' }), passes: false, detail: /expected status False, got True/ },
  { step: condition('route accepted', { kind: 'HTTPRoute', namespace: 'apps', name: 'r' }, { type: 'Accepted', status: 'True', reason: 'Accepted' }, { parent: gateway }), passes: true },
  { step: condition('route wrong reason', { kind: 'HTTPRoute', namespace: 'apps', name: 'r' }, { type: 'ResolvedRefs', status: 'True', reason: 'BackendNotFound' }, { parent: gateway }), passes: false, detail: /expected reason BackendNotFound, got ResolvedRefs/ },
  { step: condition('listener wrong reason', { kind: 'Gateway', ...gateway }, { type: 'Programmed', status: 'True', reason: 'Pending' }, { listener: 'http' }), passes: false, detail: /on listener http: expected reason Pending/ },
  { step: http('response header as set', { response: { headers: { 'X-Out': 'yes' } } }), passes: true },
  { step: http('response header wrong value', { response: { headers: { 'X-Out': 'no' } } }), passes: false, detail: /response header X-Out: expected "no", got "yes"/ },
  { step: http('response header missing', { response: { headers: { 'X-Missing': 'v' } } }), passes: false, detail: /response header X-Missing: expected "v", got undefined/ },
  { step: http('response header should be absent', { response: { absentHeaders: ['X-Out'] } }), passes: false, detail: /response header X-Out should be absent/ },
  { step: http('response header one of', { response: { headersOneOf: { 'X-Out': ['maybe', 'no'] } } }), passes: false, detail: /expected one of/ },
  { step: http('request header as set', { request: { headers: { 'X-In': 'added' } } }), passes: true },
  { step: http('request header wrong', { request: { headers: { 'X-In': 'other' } } }), passes: false, detail: /request header X-In/ },
  { step: http('wrong backend', { backend: { namespace: 'apps', name: 'other' } }), passes: false, detail: /expected backend apps\/other/ },
];

describe('runConformance on a crafted vector', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conformance-'));
  fs.mkdirSync(path.join(dir, 'vectors'));
  fs.mkdirSync(path.join(dir, 'manifests'));
  fs.writeFileSync(path.join(dir, 'manifests', 'm.yaml'), MANIFEST);
  fs.writeFileSync(path.join(dir, 'vectors', 'crafted.json'), JSON.stringify({
    name: 'Crafted', features: ['Gateway', 'HTTPRoute'], controllerName: 'example.com/ctl', manifests: ['manifests/m.yaml'], steps: STEPS.map((s) => s.step),
  }));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const report = runConformance(dir);

  test.each(STEPS.map((s, i) => [i, (s.step as any).name, s] as const))('step %i (%s) gets its verdict', (i, _, s) => {
    const r = report.results[i];
    expect(r.outcome).toBe(s.passes ? 'passed' : 'failed');
    if (s.detail) expect(r.detail).toMatch(s.detail);
  });

  test('the report counts the steps', () => {
    expect(report).toMatchObject({ vectors: 1, steps: STEPS.length, passed: STEPS.filter((s) => s.passes).length, failed: STEPS.filter((s) => !s.passes).length, skipped: 0 });
  });
});
