/**
 * A small deterministic pseudo-random generator (mulberry32): the same seed
 * gives the same sequence on every platform.
 */
export class SeededRandom {
  private state: number;
  public constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The next number in [0, 1). */
  public next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

/** Picks the index of an item in proportion to its weight, for `r` in [0, 1); -1 when every weight is 0. */
export function pickWeighted(weights: readonly number[], r: number): number {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return -1;
  let x = r * total;
  for (let i = 0; i < weights.length; i++) {
    if (x < weights[i]) return i;
    x -= weights[i];
  }
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
  return -1;
}
