import { backendShares, backendWeight, pickBackend } from '../../src/model';

describe('backend weights: negative zero and picks past the first backend', () => {
  test('a weight of -0 counts as 0, not as negative zero', () => {
    expect(backendWeight({ weight: -0 })).toBe(0);
    expect(Object.is(backendWeight({ weight: -0 }), 0)).toBe(true);
    expect(Object.is(backendShares([{ weight: -0 }, { weight: 1 }])[0], 0)).toBe(true);
  });

  test('pickBackend walks the cumulative weights: each of three equal backends gets its third of [0, 1)', () => {
    const refs = [{ weight: 1 }, { weight: 1 }, { weight: 1 }];
    expect(pickBackend(refs, 0)).toBe(0);
    expect(pickBackend(refs, 0.3)).toBe(0);
    expect(pickBackend(refs, 0.34)).toBe(1);
    expect(pickBackend(refs, 0.5)).toBe(1);
    expect(pickBackend(refs, 0.66)).toBe(1);
    expect(pickBackend(refs, 0.67)).toBe(2);
    expect(pickBackend(refs, 0.99)).toBe(2);
    // unequal weights: 1, 2, 7 over 10
    const split = [{ weight: 1 }, { weight: 2 }, { weight: 7 }];
    expect([0.05, 0.15, 0.25, 0.35, 0.95].map((r) => pickBackend(split, r))).toEqual([0, 1, 1, 2, 2]);
  });
});
