/** The index the cross-object checks look objects up in. */
import { indexManifests } from '../../src/validation/manifest-index';

const svc = (namespace: string, name: string): object => ({ apiVersion: 'v1', kind: 'Service', metadata: { namespace, name } });

describe('indexManifests find', () => {
  test('group, kind, namespace and name are told apart however their characters split', () => {
    // GIVEN objects whose parts, joined without a separator, would read the same
    const index = indexManifests([
      { object: svc('a', 'bc') },
      { object: svc('ab', 'c') },
      { object: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { namespace: 'x', name: 'y' } } },
    ].map((o, i) => ({ ...o, source: `o${i}` })), { channel: 'standard' });
    // WHEN / THEN
    expect(index.find('', 'Service', 'a', 'bc')?.source).toBe('o0');
    expect(index.find('', 'Service', 'ab', 'c')?.source).toBe('o1');
    expect(index.find('', 'Service', 'a', 'b')).toBeUndefined();
    expect(index.find('', 'Service', 'abc', '')).toBeUndefined();
    expect(index.find('gateway.networking.k8s.io', 'Gateway', 'x', 'y')?.source).toBe('o2');
    expect(index.find('gateway.networking.k8s.io', 'Gatewayx', '', 'y')).toBeUndefined();
    expect(index.find('gateway.networking.k8s.io', 'Service', 'a', 'bc')).toBeUndefined();
  });

  test('the core group is found as core or as the empty group; the first of two same objects wins', () => {
    const index = indexManifests([svc('n', 's'), svc('n', 's')].map((object, i) => ({ object, source: `o${i}` })), { channel: 'standard' });
    expect(index.find('core', 'Service', 'n', 's')?.source).toBe('o0');
    expect(index.find('', 'Service', 'n', 's')?.source).toBe('o0');
    expect(index.ofKind('', 'Service').map((o) => o.source)).toEqual(['o0', 'o1']);
  });
});
