import { DataPlane } from '../../src/testing';
import { validateManifests, validateObject } from '../../src/validation';

const tlsRoute = (apiVersion: string, spec: object = {}) => ({
  apiVersion,
  kind: 'TLSRoute',
  metadata: { namespace: 'apps', name: 't' },
  spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }], ...spec },
});

describe('older versions the v1.6.1 CRDs still serve', () => {
  test('TLSRoute v1alpha2 in the experimental channel is checked against its own schema (no hostnames needed) and reads as v1', () => {
    const d = validateObject(tlsRoute('gateway.networking.k8s.io/v1alpha2'), { channel: 'experimental' });
    expect(d).toEqual([expect.objectContaining({
      code: 'api/older-version',
      severity: 'warning',
      field: 'apiVersion',
      message: expect.stringMatching(/checked against the v1alpha2 schema and reads as v1 unchanged$/),
    })]);
    // The same object at v1 lacks the hostnames v1 requires.
    expect(validateObject(tlsRoute('gateway.networking.k8s.io/v1'), { channel: 'experimental' }).map((x) => x.code)).toEqual(['schema/required']);
  });

  test('the standard channel does not serve TLSRoute v1alpha2', () => {
    expect(validateObject(tlsRoute('gateway.networking.k8s.io/v1alpha2')).map((x) => x.code)).toEqual(['api/version-not-served', 'schema/required']);
  });

  test('unknown fields stay errors at an older version', () => {
    const d = validateObject(tlsRoute('gateway.networking.k8s.io/v1alpha2', { color: 'blue' }), { channel: 'experimental' });
    expect(d.filter((x) => x.severity === 'error')).toEqual([expect.objectContaining({ code: 'schema/unknown-field', field: 'spec.color' })]);
  });

  test('the note says what reading as v1 defaults', () => {
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'HTTPRoute',
      metadata: { namespace: 'apps', name: 'r' },
      spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] },
    };
    const note = validateObject(route).find((x) => x.code === 'api/older-version')!;
    // Both versions default the same fields, so nothing is added when the v1beta1 object reads as v1.
    expect(note.message).toMatch(/checked against the v1beta1 schema and reads as v1 unchanged$/);
  });

  test('the data plane loads the older-version object as v1 and routes with it', () => {
    const objects = [
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'cls' }, spec: { controllerName: 'example.com/gw' } },
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { namespace: 'infra', name: 'gw' },
        spec: { gatewayClassName: 'cls', listeners: [{ name: 'tls', port: 443, protocol: 'TLS', tls: { mode: 'Passthrough' }, allowedRoutes: { namespaces: { from: 'All' } } }] },
      },
      { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'apps', name: 'db' }, spec: { ports: [{ port: 5432 }] } },
      tlsRoute('gateway.networking.k8s.io/v1alpha2'),
    ];
    const plane = DataPlane.fromManifests(objects);
    expect(plane.diagnostics).toEqual([]);
    expect(plane.objects().find((o) => o.kind === 'TLSRoute')?.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(plane.tls({ gateway: 'infra/gw', sni: 'db.example.com' })).toMatchObject({ outcome: 'forwarded', backend: { name: 'db' } });
    // In the standard channel the API server refuses it, and so does the plane.
    expect(DataPlane.fromManifests(objects, { channel: 'standard' }).diagnostics.map((x) => x.code)).toEqual(['api/version-not-served', 'schema/required']);
  });
});

describe('kinds v1.6.1 does not define', () => {
  test('XListenerSet is an error naming ListenerSet, in validation and in the plane', () => {
    const x = { apiVersion: 'gateway.networking.x-k8s.io/v1alpha1', kind: 'XListenerSet', metadata: { namespace: 'apps', name: 'x' }, spec: { parentRef: { name: 'gw' }, listeners: [] } };
    expect(validateManifests([x])).toEqual([expect.objectContaining({
      code: 'api/kind-replaced', severity: 'error', field: 'kind', message: expect.stringMatching(/replaced by ListenerSet \(gateway.networking.k8s.io\/v1\)/),
    })]);
    expect(DataPlane.fromManifests([x]).diagnostics).toEqual([expect.objectContaining({ code: 'api/kind-replaced', field: 'kind' })]);
  });

  test('the experimental group kinds v1.6.1 defines pass; others are unknown', () => {
    expect(validateObject({ apiVersion: 'gateway.networking.x-k8s.io/v1alpha1', kind: 'XMesh', metadata: { name: 'm' } })).toEqual([]);
    expect(validateObject({ apiVersion: 'gateway.networking.x-k8s.io/v1alpha1', kind: 'XGizmo', metadata: { name: 'g' } }).map((x) => x.code)).toEqual(['api/unknown-kind']);
  });
});
