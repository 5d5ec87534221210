import { quote } from '../../src/convert/code';
import { convertManifests, ConvertError } from '../../src/convert/convert';
import { variableName } from '../../src/convert/plan';
import { runConverted, roundTripProblems } from '../support/convert-round-trip';

const V1 = 'gateway.networking.k8s.io/v1';
const gateway = (name: string, namespace: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: V1,
  kind: 'Gateway',
  metadata: { name, namespace },
  spec: { gatewayClassName: 'shared', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }], ...extra },
});
const route = (name: string, namespace: string, spec: Record<string, unknown>) => ({ apiVersion: V1, kind: 'HTTPRoute', metadata: { name, namespace }, spec });
const inputs = (...objects: unknown[]) => objects.map((object, i) => ({ object, source: `in.yaml#${i}` }));

function roundTrip(items: ReturnType<typeof inputs>) {
  const result = convertManifests(items, { className: 'ConvertedChart' });
  const { objects } = runConverted(result.code);
  return { result, objects, problems: roundTripProblems(items, objects) };
}

describe('variable names', () => {
  test('name and kind, without repeating the kind, unique with the namespace then a number', () => {
    const taken = new Set<string>();
    const gw = (name: string, namespace?: string) => variableName({ group: 'gateway.networking.k8s.io', kind: 'Gateway', name, namespace }, taken);
    expect(gw('main')).toBe('mainGateway');
    expect(gw('main-gateway', 'a')).toBe('aMainGateway');
    expect(gw('main', 'b')).toBe('bMainGateway');
    expect(gw('main')).toBe('mainGateway2');
    expect(variableName({ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', name: 'api' }, taken)).toBe('apiRoute');
    expect(variableName({ group: '', kind: 'Service', name: '3rd-party' }, taken)).toBe('service3rdParty');
    expect(variableName({ group: 'gateway.networking.k8s.io', kind: 'GatewayClass', name: 'class' }, taken)).toBe('classClass');
  });
});

describe('printing', () => {
  test('strings are single-quoted with escapes', () => {
    expect(quote('it\'s a \\ path\n\u0001')).toBe('\'it\\\'s a \\\\ path\\n\\u0001\'');
  });

  test('the same input gives the same module', () => {
    const items = inputs(gateway('main', 'infra'), route('api', 'infra', { parentRefs: [{ name: 'main' }] }));
    expect(convertManifests(items).code).toBe(convertManifests(items).code);
  });
});

describe('what is reported and kept as an ApiObject', () => {
  test('a field with no construct form: the object, the field and why; the object is kept whole', () => {
    const odd = route('odd', 'infra', { parentRefs: [{ name: 'main', kind: 'Service', group: '' }], rules: [{ backendRefs: [{ name: 'a', port: 80 }] }] });
    const { result, problems } = roundTrip(inputs(gateway('main', 'infra'), odd));
    expect(problems).toEqual([]);
    expect(result.findings).toEqual([{ source: 'in.yaml#1', object: 'HTTPRoute infra/odd', field: 'spec.parentRefs[0]', message: 'kept as an ApiObject: a parent of kind Service (core group) has no L2 form' }]);
    expect(result.code).toContain('// kept as an ApiObject: spec.parentRefs[0]: a parent of kind Service (core group) has no L2 form');
    expect(result.code).toContain('new ApiObject(this, \'odd\', {');
    expect(result).toMatchObject({ l2Objects: 1, apiObjects: 1 });
  });

  test('a route attached to a Gateway kept as an ApiObject refers to it by name', () => {
    const bad = gateway('main', 'infra', { addresses: [{ type: 'IPAddress', value: 'not-an-ip' }] });
    const { result, problems } = roundTrip(inputs(bad, route('api', 'infra', { parentRefs: [{ name: 'main', sectionName: 'http' }] })));
    expect(problems).toEqual([]);
    expect(result.findings.map((f) => f.object)).toEqual(['Gateway infra/main']);
    expect(result.code).toContain('Gateway.fromGatewayName(this, \'main-ref\', \'main\')');
    expect(result.code).toContain('parents: [mainGateway2.listener(\'http\')]');
  });

  test('status and server-written metadata are left out and reported; nothing else is', () => {
    const live = { ...gateway('main', 'infra'), status: { conditions: [] } };
    (live.metadata as Record<string, unknown>).uid = '1234';
    const r = convertManifests(inputs(live));
    expect(r.findings).toEqual([{ source: 'in.yaml#0', object: 'Gateway infra/main', message: 'left out status, metadata.uid: the API server writes it, a chart does not' }]);
    expect(r.code).not.toContain('1234');
    expect(convertManifests(inputs(gateway('main', 'infra'))).findings).toEqual([]);
  });

  test('an older version is read as v1: dropped fields and defaults named in a comment', () => {
    const old = {
      apiVersion: 'gateway.networking.k8s.io/v1alpha2',
      kind: 'TCPRoute',
      metadata: { name: 'db', namespace: 'infra' },
      spec: { parentRefs: [{ name: 'main' }], rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }], extra: true },
    };
    const { result, problems } = roundTrip(inputs(old));
    expect(problems).toEqual([]);
    expect(result.code).toContain('// read as gateway.networking.k8s.io/v1 from v1alpha2: dropped spec.extra; defaulted');
    expect(result.code).toContain('new TcpRoute(this, \'db\', {');
  });

  test('a kind v1.6.1 does not define stays as it is', () => {
    const x = { apiVersion: 'gateway.networking.x-k8s.io/v1alpha1', kind: 'XListenerSet', metadata: { name: 'x', namespace: 'infra' }, spec: { a: 1 } };
    const { result, problems } = roundTrip(inputs(x));
    expect(problems).toEqual([]);
    expect(result.code).toContain('apiVersion: \'gateway.networking.x-k8s.io/v1alpha1\'');
  });

  test('inputs a chart cannot hold are errors naming the document', () => {
    expect(() => convertManifests(inputs({ apiVersion: 'v1', kind: 'Service', metadata: {} }))).toThrow(new ConvertError('in.yaml#0: not a Kubernetes object with apiVersion, kind and metadata.name; a chart cannot create it'));
    expect(() => convertManifests(inputs(gateway('a', 'b'), gateway('a', 'b')))).toThrow('in.yaml#1: Gateway b/a is also defined in in.yaml#0; a chart holds each object once');
    expect(() => convertManifests([], { className: '1x' })).toThrow('class name \'1x\' is not a TypeScript identifier');
  });
});

describe('references and grants', () => {
  test('explicit grants stay explicit: no automatic grant beside them, policy NONE on the referrer', () => {
    const r = route('api', 'apps', { parentRefs: [{ name: 'main', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'svc', namespace: 'backends', port: 80 }] }] });
    const grant = {
      apiVersion: V1,
      kind: 'ReferenceGrant',
      metadata: { name: 'mine', namespace: 'backends' },
      spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'apps' }], to: [{ group: '', kind: 'Service' }] },
    };
    const { result, objects, problems } = roundTrip(inputs(gateway('main', 'infra'), r, grant));
    expect(problems).toEqual([]);
    expect(result.code).toContain('referenceGrants: ReferenceGrantPolicy.NONE');
    expect(objects.filter((o) => o.kind === 'ReferenceGrant').map((o) => (o.metadata as { name: string }).name)).toEqual(['mine']);
    expect(result.l2Objects).toBe(3);
  });

  test('a same-namespace route carries no policy; a parent namespace equal to its own is left out and noted', () => {
    const r = route('api', 'infra', { parentRefs: [{ name: 'main', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'svc', port: 80 }] }] });
    const { result, problems } = roundTrip(inputs(gateway('main', 'infra'), r));
    expect(problems).toEqual([]);
    expect(result.code).not.toContain('ReferenceGrantPolicy');
    expect(result.code).toContain('parents: [mainGateway]');
    expect(result.findings).toEqual([{ source: 'in.yaml#1', object: 'HTTPRoute infra/api', message: 'spec.parentRefs[0].namespace \'infra\' is the object\'s own: written without it (same meaning)' }]);
  });

  test('Services, Secrets and ConfigMaps of the input are referred to as objects', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'infra' }, spec: { ports: [{ port: 80 }] } };
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cert', namespace: 'infra' }, type: 'kubernetes.io/tls', data: { 'tls.crt': 'eA==', 'tls.key': 'eA==' } };
    const gw = gateway('main', 'infra', { listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'cert' }] } }] });
    const policy = {
      apiVersion: V1,
      kind: 'BackendTLSPolicy',
      metadata: { name: 'web-tls', namespace: 'infra' },
      spec: { targetRefs: [{ group: '', kind: 'Service', name: 'web' }], validation: { hostname: 'web.example.com', wellKnownCACertificates: 'System' } },
    };
    const { result, problems } = roundTrip(inputs(gw, route('web', 'infra', { parentRefs: [{ name: 'main' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] }), svc, secret, policy));
    expect(problems).toEqual([]);
    expect(result.code).toContain('Certificate.fromSecret(certSecret)');
    expect(result.code).toContain('Backend.fromService(webService, { port: 80 })');
    expect(result.code).toContain('targets: [PolicyTarget.fromService(webService)]');
    expect(result.code).toContain('trust: BackendTlsTrust.system()');
    // dependency order: other kinds, then the Gateway, the route, the policy
    const at = (s: string) => result.code.indexOf(s);
    expect(at('new Gateway(')).toBeGreaterThan(at('const webService'));
    expect(at('new HttpRoute(')).toBeGreaterThan(at('new Gateway('));
    expect(at('new BackendTlsPolicy(')).toBeGreaterThan(at('new HttpRoute('));
  });
});
