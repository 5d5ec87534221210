import * as fc from 'fast-check';
import { RE2JS } from 're2js';
import { generateRe2Sample, missRe2, sampleRe2 } from '../../src/testing/re2-sample';

describe('sampleRe2: a string the RE2 pattern matches in full', () => {
  test.each([
    ['/api/v[0-9]+/.*', '/api/v0/'],
    ['/users/\\d+', '/users/0'],
    ['/(a|b)c{2,3}', '/acc'],
    ['/x/(?P<id>[a-f0-9]{8})', '/x/aaaaaaaa'],
    ['/p\\.q', '/p.q'],
    ['[^/]+', 'a'],
    ['[[:upper:]]{2}', 'AA'],
    ['/\\Qa.b\\E', '/a.b'],
    ['(?i)/Foo', '/Foo'],
    ['^/v[12]$', '/v1'],
    ['/x\\x41', '/xA'],
    ['.*', ''],
    ['\\bx|/y', '/y'],
    ['/(\\pL|[0-9])+', '/0'],
    ['/(a|\\b)c', '/ac'],
  ])('%s gives %j', (pattern, sample) => {
    expect(sampleRe2(pattern)).toBe(sample);
    expect(RE2JS.compile(pattern).matches(sample)).toBe(true);
  });

  test.each([
    ['\\bword\\b', 'a word boundary'],
    ['\\pL+', 'a Unicode class'],
    ['[\\D1]', 'a class mixing a negated escape with other items'],
    ['(unclosed', 'a pattern that does not compile'],
    ['a{1001}', 'a repeat over 1000'],
    ['\\bx|\\pL', 'every alternative outside the subset'],
  ])('%s is too complex to sample (%s): undefined, never a wrong string', (pattern) => {
    expect(sampleRe2(pattern)).toBeUndefined();
  });

  test('a sample the generator gets wrong is never returned: [^a] in a case-insensitive pattern is checked with re2js', () => {
    // (?i)[^A] excludes 'a' as well; the generator does not model case folding, and the check catches it.
    expect(generateRe2Sample('(?i)[^A]')).toBe('a');
    expect(sampleRe2('(?i)[^A]')).toBeUndefined();
  });

  test('missRe2 gives the first candidate the pattern does not match, undefined when each matches', () => {
    expect(missRe2('v[0-9]', ['v1', 'x', 'y'])).toBe('x');
    expect(missRe2('.*', ['a', ''])).toBeUndefined();
  });

  // The generator alone (without the re2js check) on patterns of the subset it claims: each string it gives matches.
  const literal = fc.constantFrom('a', 'b', 'z', '0', '9', '/', '-', '_', '\\.', '\\/', '\\-', '\\*', '\\?', '\\(', '\\[', '\\\\', '\\{');
  const cls = fc.constantFrom('[a-z]', '[0-9]', '[a-f0-9]', '[^/]', '[^a-z]', '[-_.]', '[A-Z_]', '\\d', '\\w', '\\s', '\\D', '\\W', '\\S', '.', '[[:alpha:]]', '[\\d\\-]', '[]a]');
  const { pattern } = fc.letrec<{ pattern: string; atom: string; piece: string }>((tie) => ({
    atom: fc.oneof({ depthSize: 'small', withCrossShrink: true }, literal, cls, tie('pattern').map((p) => `(${p})`), tie('pattern').map((p) => `(?:${p})`)),
    piece: fc.tuple(tie('atom'), fc.constantFrom('', '', '*', '+', '?', '{2}', '{1,3}', '{0,}', '*?', '+?')).map(([a, q]) => `${a}${q}`),
    pattern: fc.tuple(fc.array(tie('piece'), { minLength: 1, maxLength: 4 }), fc.array(fc.array(tie('piece'), { minLength: 0, maxLength: 3 }), { maxLength: 2 }))
      .map(([first, alts]) => [first.join(''), ...alts.map((a) => a.join(''))].join('|')),
  }));

  test('property: for every pattern of the subset, the generated string matches the RE2 pattern in full', () => {
    fc.assert(fc.property(fc.tuple(fc.constantFrom('', '^', '/', '(?P<id>[0-9]+)'), pattern, fc.constantFrom('', '$')), ([pre, p, post]) => {
      const full = `${pre}${p}${post}`;
      const s = generateRe2Sample(full);
      expect(s).toBeDefined();
      expect(RE2JS.compile(full).matches(s!)).toBe(true);
    }), { seed: 20261206, numRuns: 500 });
  });
});
