import { HostnameTable } from '../../src/testing/route-table';

// The hostname index of a listener's routes: a wildcard serves hosts that end in its suffix on a label
// boundary (one or more labels before it), never its own parent domain nor a host that merely ends in
// the same characters.
describe('HostnameTable boundaries', () => {
  const table = () => {
    const t = new HostnameTable<string>();
    t.add(['*.example.com'], 'wild');
    t.add(['api.example.com', 'API.example.com'], 'api');
    return t;
  };

  test('a wildcard suffix matches only on its dot boundary', () => {
    const t = table();
    expect(t.buckets('badexample.com')).toEqual([]);
    expect(t.buckets('xexample.com')).toEqual([]);
    expect(t.buckets('example.com')).toEqual([]);
    expect(t.buckets('.example.com')).toEqual([]);
    expect(t.buckets('a.example.com').map((b) => b.hostname)).toEqual(['*.example.com']);
    expect(t.buckets('a.b.c.example.com').map((b) => b.hostname)).toEqual(['*.example.com']);
    expect(t.buckets('a.example.com.')).toEqual([]);
    expect(t.buckets('a.example.co')).toEqual([]);
  });

  test('an exact hostname and a wildcard both serve a host, the exact one first; an empty host only the catch-all', () => {
    const t = table();
    expect(t.buckets('api.example.com').map((b) => [b.hostname, b.entries])).toEqual([['api.example.com', ['api']], ['*.example.com', ['wild']]]);
    expect(t.buckets('')).toEqual([]);
    t.add(undefined, 'any');
    expect(t.buckets('').map((b) => b.hostname)).toEqual([undefined]);
    expect(t.buckets('other.org').map((b) => b.hostname)).toEqual([undefined]);
  });

  test('63-character labels and a 253-character name are indexed like any other', () => {
    const label = 'a'.repeat(63);
    const long = `${[label, label, label].join('.')}.${'b'.repeat(57)}.com`;
    expect(long).toHaveLength(253);
    const t = new HostnameTable<string>();
    t.add([`*.${'b'.repeat(57)}.com`], 'wild');
    t.add([long], 'exact');
    expect(t.buckets(long).map((b) => b.entries[0])).toEqual(['exact', 'wild']);
    expect(t.buckets(`${label}.${'b'.repeat(57)}.com`).map((b) => b.entries[0])).toEqual(['wild']);
    expect(t.buckets(`${'b'.repeat(57)}.com`)).toEqual([]);
  });

  test('an entry added twice under one hostname (in any case) is listed once; two entries keep their order until sorted', () => {
    const t = table();
    expect(t.buckets('api.example.com')[0].entries).toEqual(['api']);
    t.add(['api.example.com'], 'zeta');
    t.add(['api.example.com'], 'alpha');
    expect(t.buckets('api.example.com')[0].entries).toEqual(['api', 'zeta', 'alpha']);
    t.add(undefined, 'z-any');
    t.add(undefined, 'a-any');
    t.add(['*.example.com'], 'a-wild');
    t.sort((x, y) => x.localeCompare(y));
    expect(t.buckets('api.example.com').map((b) => b.entries)).toEqual([['alpha', 'api', 'zeta'], ['a-wild', 'wild'], ['a-any', 'z-any']]);
  });

  test('all(): exact hostnames, then wildcards, then every host, each alphabetical; size counts the catch-all once', () => {
    const t = new HostnameTable<string>();
    expect(t.all()).toEqual([]);
    expect(t.size).toBe(0);
    t.add(['*.b.org', 'z.org', '*.a.org', 'm.org'], 'x');
    expect(t.size).toBe(4);
    t.add(undefined, 'any');
    t.add(undefined, 'any2');
    expect(t.size).toBe(5);
    expect(t.all().map((b) => b.hostname)).toEqual(['m.org', 'z.org', '*.a.org', '*.b.org', undefined]);
    expect(t.add([], 'none')).toBeUndefined();
    expect(t.size).toBe(5);
  });
});
