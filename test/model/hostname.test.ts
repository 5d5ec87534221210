import { compareHostnameSpecificity, hostnameMatches, intersectHostnames, isWildcardHostname, narrowHostnames, wildcardsCovering } from '../../src/model';

describe('hostnameMatches', () => {
  test('an exact hostname matches only itself, case-insensitively', () => {
    expect(hostnameMatches('example.com', 'example.com')).toBe(true);
    expect(hostnameMatches('example.com', 'EXAMPLE.com')).toBe(true);
    expect(hostnameMatches('example.com', 'a.example.com')).toBe(false);
  });
  test('a wildcard matches one or more leading labels but not the bare suffix', () => {
    expect(hostnameMatches('*.example.com', 'a.example.com')).toBe(true);
    expect(hostnameMatches('*.example.com', 'a.b.example.com')).toBe(true);
    expect(hostnameMatches('*.example.com', 'example.com')).toBe(false);
    expect(hostnameMatches('*.example.com', 'aexample.com')).toBe(false);
  });
  test('a wildcard host is covered when every host it stands for is', () => {
    expect(hostnameMatches('*.example.com', '*.example.com')).toBe(true);
    expect(hostnameMatches('*.example.com', '*.a.example.com')).toBe(true);
    expect(hostnameMatches('*.example.com', '*.com')).toBe(false);
    expect(hostnameMatches('*.example.com', '*.badexample.com')).toBe(false);
    expect(hostnameMatches('a.example.com', '*.example.com')).toBe(false);
  });
  test('an absent pattern matches every host', () => {
    expect(hostnameMatches(undefined, 'anything.test')).toBe(true);
  });
  test('isWildcardHostname', () => {
    expect(isWildcardHostname('*.a.b')).toBe(true);
    expect(isWildcardHostname('a.b')).toBe(false);
  });
});

describe('intersectHostnames', () => {
  test('no listener hostname keeps the route hostnames; neither means every host', () => {
    expect(intersectHostnames(undefined, ['a.com'])).toEqual(['a.com']);
    expect(intersectHostnames(undefined, [])).toBeUndefined();
  });
  test('no route hostnames takes the listener hostname', () => {
    expect(intersectHostnames('*.example.com', undefined)).toEqual(['*.example.com']);
  });
  test('keeps overlapping hostnames narrowed to the more specific one', () => {
    expect(intersectHostnames('*.example.com', ['foo.example.com', 'bar.org', 'example.com'])).toEqual(['foo.example.com']);
    expect(intersectHostnames('foo.example.com', ['*.example.com'])).toEqual(['foo.example.com']);
    expect(intersectHostnames('*.example.com', ['*.foo.example.com'])).toEqual(['*.foo.example.com']);
    expect(intersectHostnames('*.foo.example.com', ['*.example.com'])).toEqual(['*.foo.example.com']);
  });
  test('an empty result means no intersection', () => {
    expect(intersectHostnames('very.specific.com', ['other.com', '*.specific.org'])).toEqual([]);
  });
  test('narrowHostnames of disjoint wildcards is undefined', () => {
    expect(narrowHostnames('*.a.com', '*.b.com')).toBeUndefined();
    expect(narrowHostnames('*.a.com', 'a.com')).toBeUndefined();
  });
});

describe('compareHostnameSpecificity', () => {
  test('orders exact before wildcard, longer before shorter, absent last', () => {
    const list = [undefined, '*.com', 'a.example.com', '*.example.com', 'ab.example.com'];
    expect([...list].sort(compareHostnameSpecificity)).toEqual(['ab.example.com', 'a.example.com', '*.example.com', '*.com', undefined]);
  });
  test('any exact hostname is more specific than any wildcard, whatever their lengths', () => {
    // equal length: only the exact-over-wildcard rule decides
    expect(compareHostnameSpecificity('a.example.com', '*.example.com')).toBeLessThan(0);
    expect(compareHostnameSpecificity('*.example.com', 'a.example.com')).toBeGreaterThan(0);
    // a short exact name beats a long wildcard
    expect(compareHostnameSpecificity('a.io', '*.very.long.sub.domain.example.com')).toBeLessThan(0);
    expect(compareHostnameSpecificity('a.example.com', 'a.example.com')).toBe(0);
    expect(compareHostnameSpecificity(undefined, '*.com')).toBeGreaterThan(0);
  });
});

describe('wildcardsCovering', () => {
  test('every wildcard that matches the host, most specific first, in lowercase', () => {
    expect(wildcardsCovering('A.b.Example.com')).toEqual(['*.b.example.com', '*.example.com', '*.com']);
    expect(wildcardsCovering('example.com')).toEqual(['*.com']);
  });
  test('never the host itself nor a suffix without its dot boundary', () => {
    expect(wildcardsCovering('badexample.com')).not.toContain('*.example.com');
    expect(wildcardsCovering('.example.com')).toEqual(['*.com']);
    expect(wildcardsCovering('localhost')).toEqual([]);
  });
  test('agrees with hostnameMatches on every candidate', () => {
    for (const host of ['a.b.example.com', 'badexample.com', 'x..example.com', 'example.com.', '*.example.com']) {
      for (const w of wildcardsCovering(host)) expect(hostnameMatches(w, host)).toBe(true);
      for (const w of ['*.example.com', '*.b.example.com', '*.com', '*.m']) {
        expect(wildcardsCovering(host).includes(w)).toBe(hostnameMatches(w, host));
      }
    }
  });
});
