import { compareSplit, describeSplit, displayName, fmt, grpcStatusText, isSplit, splitEntries } from '../../src/testing/weights';

// Boundaries of the split helpers: ties, zero shares, the share range, the tolerance of a comparison, the
// order of problems, and keys of a Service reached on several ports.

describe('grpcStatusText', () => {
  test('a code that is not a whole number from 0 to 16 is the number alone', () => {
    expect(grpcStatusText(1)).toBe('CANCELLED (1)');
    expect(grpcStatusText(-1)).toBe('-1');
    expect(grpcStatusText(1.5)).toBe('1.5');
  });
});

describe('splitEntries and displayName', () => {
  test('equal shares are ordered by key, whatever the input order', () => {
    expect(splitEntries({ 'a/y:80': 0.5, 'a/x:80': 0.5 }).map((e) => e.target)).toEqual(['a/x', 'a/y']);
    expect(splitEntries({ 'a/x:80': 0.5, 'a/y:80': 0.5 }).map((e) => e.target)).toEqual(['a/x', 'a/y']);
    expect(splitEntries({ 'a/x:80': 0.25, 'a/y:80': 0.75 }).map((e) => e.target)).toEqual(['a/y', 'a/x']);
  });

  test('a Service on one port is named alone, on two ports per port; outcomes and port-less keys keep their key', () => {
    const name = displayName({ 'a/one:80': 0.25, 'a/two:80': 0.25, 'a/two:81': 0.25, '(500)': 0.25 });
    expect(name('a/one:80')).toBe('a/one');
    expect(name('a/two:80')).toBe('a/two:80');
    expect(name('(500)')).toBe('(500)');
    expect(displayName({ 'a/whole': 1 })('a/whole')).toBe('a/whole');
    expect(name('not a key')).toBe('not a key');
  });
});

describe('describeSplit and isSplit', () => {
  test('an outcome code is named only for gRPC', () => {
    expect(describeSplit({ 'a/x:80': 0.5, '(14)': 0.5 })).toBe('50% get (14), 50% to a/x');
    expect(describeSplit({ 'a/x:80': 0.5, '(14)': 0.5 }, true)).toBe('50% get UNAVAILABLE (14), 50% to a/x');
    expect(describeSplit({ 'a/x:80': 0.5, '(no-route)': 0.5 }, true)).toBe('50% get (no-route), 50% to a/x');
  });

  test('a target with a share of 0 does not make a split', () => {
    expect(isSplit({ 'a/x:80': 1, 'a/y:80': 0 })).toBe(false);
    expect(isSplit({})).toBe(false);
    expect(isSplit({ 'a/x:80': 0.5, 'a/y:80': 0.5, 'a/z:80': 0 })).toBe(true);
  });
});

describe('compareSplit boundaries', () => {
  test('shares of exactly 0 and 1 are allowed; just outside, not a number, or not finite, are errors', () => {
    expect(compareSplit({ 'a/x:80': 1 }, { 'a/x': 1, 'a/y': 0 })).toEqual({ pass: true, problems: [] });
    expect(() => compareSplit({}, { 'a/x': 1.000001 })).toThrow("split share of 'a/x' must be a number from 0 to 1 (a fraction: 0.9 for 90%), got 1.000001");
    expect(() => compareSplit({}, { 'a/x': -0.000001 })).toThrow('got -0.000001');
    expect(() => compareSplit({}, { 'a/x': Number.NaN })).toThrow('got NaN');
    expect(() => compareSplit({}, { 'a/x': Number.POSITIVE_INFINITY })).toThrow('got Infinity');
    expect(() => compareSplit({}, { 'a/x': '0.5' as unknown as number })).toThrow('got 0.5');
  });

  test('keys: a Service, a port of it, an outcome; a Service listed both ways is an error', () => {
    expect(() => compareSplit({}, { 'a/x:80': 0.5, 'a/x': 0.5 })).toThrow("split lists both 'a/x' and 'a/x:80'; list a Service either as a whole or per port");
    expect(() => compareSplit({}, { 'a/x': 0.5, 'a/x:80': 0.5 })).toThrow("split lists both 'a/x' and 'a/x:80'");
    expect(() => compareSplit({}, { 'a/x:80': 0.5, 'a/x:81': 0.5 })).not.toThrow();
    expect(() => compareSplit({}, { '(5 0)': 1 })).toThrow("split key '(5 0)' is not");
    expect(() => compareSplit({}, { 'a/x:port': 1 })).toThrow("split key 'a/x:port' is not");
    expect(() => compareSplit({}, { '(500)': 1 })).not.toThrow();
  });

  test('shares equal up to rounding error pass; a difference of a millionth does not', () => {
    expect(compareSplit({ 'a/x:80': 0.1 + 0.2, 'a/y:80': 0.7 }, { 'a/x': 0.3, 'a/y': 0.7 }).pass).toBe(true);
    expect(compareSplit({ 'a/x:80': 0.300001, 'a/y:80': 0.699999 }, { 'a/x': 0.3, 'a/y': 0.7 })).toEqual({
      pass: false,
      problems: ['a/x: expected 0.3, got 0.300001', 'a/y: expected 0.7, got 0.699999'],
    });
  });

  test('a key without port sums every port; a target with a share of 0 need not be listed', () => {
    expect(compareSplit({ 'a/x:80': 0.25, 'a/x:81': 0.25, 'a/y:80': 0.5, 'a/z:80': 0 }, { 'a/x': 0.5, 'a/y': 0.5 })).toEqual({ pass: true, problems: [] });
  });

  test("unlisted targets are named as the split's words name them; problems are sorted by key", () => {
    expect(compareSplit({ 'b/y:80': 0.25, 'b/y:81': 0.25, 'a/x:80': 0.5 }, { 'c/z': 1 }).problems).toEqual([
      'b/y:80 takes 0.25 of the traffic but is not listed (every backend that takes traffic must be listed)',
      'b/y:81 takes 0.25 of the traffic but is not listed (every backend that takes traffic must be listed)',
      'a/x takes 0.5 of the traffic but is not listed (every backend that takes traffic must be listed)',
      'c/z: expected 1, but it takes no traffic',
    ].sort());
    expect(compareSplit({ 'a/x:80': 0.5, 'a/x:81': 0.5 }, { 'a/x:80': 0.5 }).problems).toEqual([
      'a/x:81 takes 0.5 of the traffic but is not listed (every backend that takes traffic must be listed)',
    ]);
  });
});

describe('fmt', () => {
  test('at most 6 decimals', () => {
    expect(fmt(1 / 3)).toBe('0.333333');
    expect(fmt(2 / 3)).toBe('0.666667');
    expect(fmt(0.5)).toBe('0.5');
    expect(fmt(1)).toBe('1');
  });
});
