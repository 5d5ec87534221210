import { validateObject } from '../../src/validation';
import { qualifiedKeyProblem } from '../../src/validation/metadata';

const route = (metadata: any): any => ({
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
  metadata,
  spec: { rules: [{ backendRefs: [{ name: 'api', port: 80 }] }] },
});

describe('metadata', () => {
  test('fails without a name (metadata/name-required), accepts generateName', () => {
    expect(validateObject(route({ namespace: 'a' })).map((d) => d.code)).toEqual(['metadata/name-required']);
    expect(validateObject(route({ generateName: 'r-' }))).toEqual([]);
    expect(validateObject({ ...route({}), metadata: undefined }).map((d) => d.code)).toEqual(['metadata/name-required']);
  });

  test('fails on an invalid name or namespace', () => {
    expect(validateObject(route({ name: 'My_Route', namespace: 'Apps' })).map((d) => `${d.code} ${d.field} ${d.message}`)).toEqual([
      expect.stringMatching(/^metadata\/name-invalid metadata\.name name 'My_Route' is not valid: use lowercase letters/),
      expect.stringMatching(/^metadata\/namespace-invalid metadata\.namespace namespace 'Apps' is not valid/),
    ]);
  });

  test('warns about a namespace on a cluster-scoped kind', () => {
    const gc = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'c', namespace: 'x' }, spec: { controllerName: 'example.com/c' } };
    expect(validateObject(gc)).toEqual([expect.objectContaining({ code: 'metadata/namespace-on-cluster-scoped', severity: 'warning' })]);
  });

  test('fails on invalid label and annotation keys and label values', () => {
    const d = validateObject(route({ name: 'r', labels: { 'app/': 'x', 'ok': 'not ok', 'n': 5 }, annotations: { 'Bad_Prefix/x': 'y' } }));
    expect(d.map((x) => `${x.code} ${x.field}`)).toEqual([
      "metadata/label-invalid metadata.labels['app/']",
      'metadata/label-invalid metadata.labels.ok',
      'metadata/label-invalid metadata.labels.n',
      "metadata/annotation-invalid metadata.annotations['Bad_Prefix/x']",
    ]);
    expect(d[2].message).toMatch(/must be a string, got 5 \(quote it in YAML\)/);
  });

  test('qualified keys', () => {
    expect(qualifiedKeyProblem('app.kubernetes.io/name')).toBeUndefined();
    expect(qualifiedKeyProblem('a'.repeat(64))).toMatch(/1-63/);
  });
});
