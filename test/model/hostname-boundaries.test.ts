import { compareHostnameSpecificity, hostnameMatches, hostnameRank, intersectHostnames, narrowHostnames } from '../../src/model';

// Label boundaries of hostname matching: one label before a wildcard's suffix is the least it covers, the
// suffix alone or a host ending in the same characters without the dot is not covered, and 63-character
// labels or 253-character names change nothing.
describe('hostname boundaries', () => {
  const label63 = 'x'.repeat(63);
  const name253 = `${[label63, label63, label63].join('.')}.${'y'.repeat(57)}.com`;

  test('a wildcard covers a one-character label and deep names, not its suffix, a dotless suffix or a leading dot', () => {
    expect(hostnameMatches('*.example.com', 'a.example.com')).toBe(true);
    expect(hostnameMatches('*.example.com', '.example.com')).toBe(false);
    expect(hostnameMatches('*.example.com', 'badexample.com')).toBe(false);
    expect(hostnameMatches('*.Example.COM', 'A.example.com')).toBe(true);
    expect(hostnameMatches('', 'anything')).toBe(true);
    expect(hostnameMatches('a.example.com', 'a.example.com.')).toBe(false);
  });

  test('63-character labels and a 253-character name', () => {
    expect(name253).toHaveLength(253);
    expect(hostnameMatches(`*.${'y'.repeat(57)}.com`, name253)).toBe(true);
    expect(hostnameMatches(`*.${label63}.${'y'.repeat(57)}.com`, name253)).toBe(true);
    expect(hostnameMatches(name253, name253.toUpperCase())).toBe(true);
    expect(narrowHostnames(`*.${'y'.repeat(57)}.com`, name253)).toBe(name253);
    expect(intersectHostnames(`*.${'y'.repeat(57)}.com`, [name253, `${'y'.repeat(57)}.com`])).toEqual([name253]);
  });

  test('narrowHostnames: the more specific of two overlapping wildcards, whichever side; equal names keep the second spelling', () => {
    expect(narrowHostnames('*.example.com', '*.a.example.com')).toBe('*.a.example.com');
    expect(narrowHostnames('*.a.example.com', '*.example.com')).toBe('*.a.example.com');
    expect(narrowHostnames('a.example.com', '*.example.com')).toBe('a.example.com');
    expect(narrowHostnames('*.example.com', 'a.example.com')).toBe('a.example.com');
    expect(narrowHostnames('A.example.com', 'a.EXAMPLE.com')).toBe('a.EXAMPLE.com');
    expect(narrowHostnames('*.example.com', '*.badexample.com')).toBeUndefined();
    expect(narrowHostnames('*.badexample.com', '*.example.com')).toBeUndefined();
    expect(narrowHostnames('a.example.com', 'b.example.com')).toBeUndefined();
    expect(narrowHostnames('*.example.com', '*.exampl.com')).toBeUndefined();
  });

  test('intersectHostnames: duplicates once; an empty listener hostname is every hostname', () => {
    expect(intersectHostnames('*.example.com', ['a.example.com', 'a.example.com', '*.a.example.com'])).toEqual(['a.example.com', '*.a.example.com']);
    expect(intersectHostnames('', ['a.example.com'])).toEqual(['a.example.com']);
    expect(intersectHostnames('', undefined)).toBeUndefined();
    expect(intersectHostnames('a.example.com', [])).toEqual(['a.example.com']);
  });

  test('specificity: two wildcards of one length are equal; an empty hostname ranks like none', () => {
    expect(compareHostnameSpecificity('*.aa.com', '*.bb.com')).toBe(0);
    expect(compareHostnameSpecificity('*.aaa.com', '*.bb.com')).toBeLessThan(0);
    expect(compareHostnameSpecificity('b.com', 'aa.com')).toBeGreaterThan(0);
    expect(hostnameRank('')).toBe(0);
    expect(hostnameRank(undefined)).toBe(0);
    expect(hostnameRank('*.a')).toBeGreaterThan(hostnameRank(undefined));
    expect(hostnameRank('a')).toBeGreaterThan(hostnameRank(`*.${name253}`));
  });
});
