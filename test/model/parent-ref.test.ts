import { apiGroupOf, isGatewayParent, normalizeParentRef, parentRefSelectsListener, parentRefTargets, sameParentRef } from '../../src/model';

describe('parentRef', () => {
  test('normalizeParentRef fills group, kind and namespace', () => {
    expect(normalizeParentRef({ name: 'gw' }, 'apps')).toEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'apps', name: 'gw' });
    expect(normalizeParentRef({ name: 'gw', namespace: 'infra', sectionName: 'http', port: 80 }, 'apps'))
      .toEqual({ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra', name: 'gw', sectionName: 'http', port: 80 });
  });
  test('parentRefTargets compares group/kind/namespace/name', () => {
    const ref = normalizeParentRef({ name: 'gw' }, 'apps');
    expect(parentRefTargets(ref, { kind: 'Gateway', namespace: 'apps', name: 'gw' })).toBe(true);
    expect(parentRefTargets(ref, { kind: 'ListenerSet', namespace: 'apps', name: 'gw' })).toBe(false);
    expect(parentRefTargets(ref, { kind: 'Gateway', namespace: 'infra', name: 'gw' })).toBe(false);
  });
  test('parentRefSelectsListener honours sectionName and port', () => {
    const l = { name: 'http', port: 80 };
    expect(parentRefSelectsListener({}, l)).toBe(true);
    expect(parentRefSelectsListener({ sectionName: 'http' }, l)).toBe(true);
    expect(parentRefSelectsListener({ sectionName: 'https' }, l)).toBe(false);
    expect(parentRefSelectsListener({ port: 80 }, l)).toBe(true);
    expect(parentRefSelectsListener({ sectionName: 'http', port: 443 }, l)).toBe(false);
  });
  test('sameParentRef', () => {
    expect(sameParentRef(normalizeParentRef({ name: 'gw' }, 'a'), normalizeParentRef({ name: 'gw', namespace: 'a' }, 'b'))).toBe(true);
    expect(sameParentRef(normalizeParentRef({ name: 'gw' }, 'a'), normalizeParentRef({ name: 'gw', sectionName: 'x' }, 'a'))).toBe(false);
  });
});

describe('isGatewayParent', () => {
  test('a Gateway or ListenerSet of the Gateway API group, and nothing else', () => {
    expect(isGatewayParent({ group: 'gateway.networking.k8s.io', kind: 'Gateway' })).toBe(true);
    expect(isGatewayParent({ group: 'gateway.networking.k8s.io', kind: 'ListenerSet' })).toBe(true);
    expect(isGatewayParent({ group: '', kind: 'Service' })).toBe(false);
    expect(isGatewayParent({ group: 'gateway.networking.k8s.io', kind: 'Service' })).toBe(false);
    expect(isGatewayParent({ group: 'example.com', kind: 'Gateway' })).toBe(false);
    expect(isGatewayParent({ group: 'example.com', kind: 'ListenerSet' })).toBe(false);
  });
});

describe('apiGroupOf', () => {
  test('the part before the slash; the core group and non-strings are empty', () => {
    expect(apiGroupOf('gateway.networking.k8s.io/v1')).toBe('gateway.networking.k8s.io');
    expect(apiGroupOf('v1')).toBe('');
    expect(apiGroupOf('/v1')).toBe('');
    expect(apiGroupOf(undefined)).toBe('');
    expect(apiGroupOf(3)).toBe('');
  });
});
