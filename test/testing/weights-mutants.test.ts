import { pickBackend } from '../../src/model';
import { SeededRandom } from '../../src/testing/weights';

/** The pick over backendRefs with these weights. */
const pickWeighted = (weights: readonly number[], r: number): number => pickBackend(weights.map((weight) => ({ weight })), r);

// The weighted pick of the data plane: proportional to the weights, never a weight-0 item (even at the
// upper edge of r, where rounding can leave the loop), -1 when nothing has weight.
describe('pickBackend (the weighted pick every engine uses)', () => {
  test('picks in proportion: the boundary between two items belongs to the second', () => {
    expect(pickWeighted([3, 1], 0)).toBe(0);
    expect(pickWeighted([3, 1], 0.7499)).toBe(0);
    expect(pickWeighted([3, 1], 0.75)).toBe(1);
    expect(pickWeighted([3, 1], 0.9999)).toBe(1);
    expect(pickWeighted([1, 1, 1, 1], 0.5)).toBe(2);
    expect(pickWeighted([7], 0.3)).toBe(0);
  });

  test('never a weight-0 item: leading, middle and trailing zeros are skipped', () => {
    expect(pickWeighted([0, 1], 0)).toBe(1);
    expect(pickWeighted([1, 0, 1], 0.5)).toBe(2);
    expect(pickWeighted([1, 0], 0.9999999999999999)).toBe(0);
    // r = 1 (or rounding at the top) leaves the loop: the last item with weight is taken, not a trailing 0
    expect(pickWeighted([1, 0], 1)).toBe(0);
    expect(pickWeighted([0, 2, 0, 0], 1)).toBe(1);
    for (let i = 0; i <= 100; i++) expect([1, 3]).toContain(pickWeighted([0, 5, 0, 5, 0], i / 100));
  });

  test('-1 when every weight is 0 or there is no item', () => {
    expect(pickWeighted([0, 0], 0.5)).toBe(-1);
    expect(pickWeighted([], 0.5)).toBe(-1);
    expect(pickWeighted([0], 0)).toBe(-1);
  });

  test('over many draws each item gets its share; a weight-0 item none', () => {
    const rnd = new SeededRandom(7);
    const counts = [0, 0, 0];
    for (let i = 0; i < 10000; i++) counts[pickWeighted([1, 0, 3], rnd.next())]++;
    expect(counts[1]).toBe(0);
    expect(counts[0] / 10000).toBeCloseTo(0.25, 1);
    expect(counts[2] / 10000).toBeCloseTo(0.75, 1);
  });
});

describe('SeededRandom', () => {
  test('the same seed gives the same sequence (mulberry32), in [0, 1)', () => {
    const r = new SeededRandom(42);
    expect([r.next(), r.next(), r.next()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
    const z = new SeededRandom(0);
    expect([z.next(), z.next()]).toEqual([0.26642920868471265, 0.0003297457005828619]);
    const s = new SeededRandom(123);
    for (let i = 0; i < 1000; i++) {
      const x = s.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });

  test('the seed is taken as an unsigned 32-bit integer', () => {
    expect(new SeededRandom(-1).next()).toBe(new SeededRandom(4294967295).next());
    expect(new SeededRandom(-1).next()).toBe(0.8964226141106337);
    expect(new SeededRandom(1).next()).not.toBe(new SeededRandom(2).next());
  });
});
