import { validateObject } from '../../src/validation';

const route = (kind: string, backendRefs: any[]): any => ({
  apiVersion: 'gateway.networking.k8s.io/v1', kind, metadata: { name: 'r', namespace: 'a' }, spec: { rules: [{ backendRefs }] },
});

describe('single-object route checks', () => {
  test('fails if every backend of a rule has weight 0 (route/all-weights-zero)', () => {
    expect(validateObject(route('HTTPRoute', [{ name: 'a', port: 80, weight: 0 }, { name: 'b', port: 80, weight: 0 }]))).toEqual([{
      code: 'route/all-weights-zero', severity: 'error', object: { kind: 'HTTPRoute', namespace: 'a', name: 'r' }, field: 'spec.rules[0].backendRefs',
      message: 'all 2 backendRef(s) of this rule have weight 0, so every matching request gets an HTTP 500 answer; give at least one backend a positive weight, or remove the rule',
    }]);
    expect(validateObject(route('TCPRoute', [{ name: 'a', port: 80, weight: 0 }]))[0].message).toMatch(/so every connection is refused/);
  });

  test('one positive weight, or the default weight, is fine', () => {
    expect(validateObject(route('HTTPRoute', [{ name: 'a', port: 80, weight: 0 }, { name: 'b', port: 80 }]))).toEqual([]);
  });
});
