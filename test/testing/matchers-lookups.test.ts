import { testing } from '../../src';
import { editDistance, nearest, toRespond, toRoute } from '../../src/testing/matchers';

// The typo suggestions of the matchers (editDistance, nearest) at their thresholds, and the matchers on
// TLS and UDP requests (each protocol is evaluated by its own engine).

describe('editDistance', () => {
  test('insertions, deletions and substitutions count one each; case does not count', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('', 'ab')).toBe(2);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('ab', 'ba')).toBe(2);
    expect(editDistance('HTTPRoute', 'httproute')).toBe(0);
    expect(editDistance('Gateway', 'Gatway')).toBe(1);
    expect(editDistance('Gatway', 'Gateway')).toBe(1);
    expect(editDistance('abcd', 'abxd')).toBe(1);
  });
});

describe('nearest', () => {
  test('the exact name is not a suggestion; the nearest other one is', () => {
    expect(nearest('Gateway', ['Gateway'])).toBeUndefined();
    expect(nearest('Gateway', ['Gateway', 'Gatewax'])).toBe('Gatewax');
  });

  test('of two options equally near, the first in sorted order; a nearer one wins whatever its place', () => {
    expect(nearest('ab', ['ac', 'aa'])).toBe('aa');
    expect(nearest('ab', ['aa', 'ac'])).toBe('aa');
    expect(nearest('abcdef', ['abxxef', 'abcdxf'])).toBe('abcdxf');
    expect(nearest('abcdef', ['abcdxf', 'abxxef'])).toBe('abcdxf');
  });

  test('at most 2 edits for a short name, a third of a longer one', () => {
    expect(nearest('abcdef', ['abcdxy'])).toBe('abcdxy'); // 2 edits, 6 letters
    expect(nearest('abcdef', ['abcxyz'])).toBeUndefined(); // 3 edits, 6 letters: max(2, 2) = 2
    expect(nearest('abcdefghi', ['abcdefxyz'])).toBe('abcdefxyz'); // 3 edits, 9 letters: a third
    expect(nearest('abcdefghi', ['abcdewxyz'])).toBeUndefined(); // 4 edits
  });

  test('fewer edits than the name has letters: a two-letter name is not replaced by another', () => {
    expect(nearest('ab', ['xy'])).toBeUndefined();
    expect(nearest('ab', ['xb'])).toBe('xb');
  });

  test('the name is what follows the last slash: a namespace does not widen the threshold', () => {
    expect(nearest('ns/ab', ['ns/xy'])).toBeUndefined(); // 2 edits, the name has 2 letters
    expect(nearest('ns/abcdefgh', ['ns/abcdexyz'])).toBeUndefined(); // 3 edits, 8 letters: 2 allowed
    expect(nearest('ns/abcdefghi', ['ns/abcdefxyz'])).toBe('ns/abcdefxyz'); // 3 edits, 9 letters
  });

  test('no options, no suggestion', () => {
    expect(nearest('Gateway', [])).toBeUndefined();
  });
});

describe('TLS and UDP requests', () => {
  const G = 'gateway.networking.k8s.io/v1';
  const all = { namespaces: { from: 'All' } };
  const plane = testing.DataPlane.fromManifests([
    {
      apiVersion: G,
      kind: 'Gateway',
      metadata: { name: 'gw', namespace: 'infra' },
      spec: {
        gatewayClassName: 'x',
        listeners: [
          { name: 'tls', port: 443, protocol: 'TLS', hostname: 'db.example.com', tls: { mode: 'Passthrough' }, allowedRoutes: all },
          { name: 'dns', port: 53, protocol: 'UDP', allowedRoutes: all },
        ],
      },
    },
    { apiVersion: G, kind: 'TLSRoute', metadata: { namespace: 'apps', name: 'db' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], hostnames: ['db.example.com'], rules: [{ backendRefs: [{ name: 'db', port: 5432 }] }] } },
    { apiVersion: G, kind: 'UDPRoute', metadata: { namespace: 'apps', name: 'dns' }, spec: { parentRefs: [{ name: 'gw', namespace: 'infra' }], rules: [{ backendRefs: [{ name: 'dns', port: 53 }] }] } },
  ], { assumeMissing: true });

  test('a TLS connection is routed by its server name', () => {
    expect(toRoute(plane, 'tls://db.example.com', 'apps/db:5432').pass).toBe(true);
    expect(toRoute(plane, 'tls://db.example.com', 'apps/dns').pass).toBe(false);
    const other = toRoute(plane, 'tls://other.example.com', 'apps/db');
    expect(other.pass).toBe(false);
    expect(other.message()).toMatch(/^Expected tls:\/\/other.example.com(:443)? to route to apps\/db\nInstead: (refused|.*no route matched)/);
  });

  test('a UDP datagram is routed by its port', () => {
    expect(toRoute(plane, 'udp://ns:53', 'apps/dns:53').pass).toBe(true);
    expect(toRoute(plane, 'udp://ns:53', 'apps/db').pass).toBe(false);
    expect(toRoute(plane, 'udp://ns:54', 'apps/dns').pass).toBe(false);
    // The explanation of a stream request is the result's own (no HTTP explain trace).
    expect(toRoute(plane, 'udp://ns:54', 'apps/dns').message()).toContain('Explain:\n  no Gateway has a UDP listener on port 54');
  });

  test('toRespond on a connection that is refused', () => {
    expect(toRespond(plane, 'udp://ns:53', 200).pass).toBe(false);
  });
});
