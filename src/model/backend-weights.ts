/**
 * Traffic shares of a rule's backendRefs (Gateway API `BackendRef.weight`):
 * a backend gets weight / (sum of the weights of the list); an unset weight
 * is 1 (the CRD default); weight 0 means no traffic for that entry. When
 * every weight is 0 no backend gets traffic: the HTTP and gRPC engines answer
 * as for a rule without a usable backend (500 / UNAVAILABLE), L4 routes
 * refuse the connection.
 */

/** The fields of a backendRef that decide its share. */
export interface WeightedRef {
  /** The backendRef's weight. @default 1 */
  readonly weight?: number;
}

/** The weight of one backendRef: its `weight`, 1 when unset; a negative or non-finite value counts as 0. */
export function backendWeight(ref: WeightedRef): number {
  const w = ref.weight ?? 1;
  return Number.isFinite(w) && w > 0 ? w : 0;
}

/** Share of traffic of each backendRef, in order: weight / sum; every share is 0 when every weight is 0. */
export function backendShares(refs: readonly WeightedRef[]): number[] {
  const weights = refs.map(backendWeight);
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (total > 0 ? w / total : 0));
}

/** How many backendRefs take traffic (weight > 0): more than one is a weighted split. */
export function backendsTakingTraffic(refs: readonly WeightedRef[]): number {
  return refs.filter((r) => backendWeight(r) > 0).length;
}

/**
 * Picks the backendRef a request goes to, in proportion to the weights, for a
 * random `r` in [0, 1) (clamped into it); -1 when no backend takes traffic.
 * Never picks an entry of weight 0.
 */
export function pickBackend(refs: readonly WeightedRef[], r: number): number {
  const weights = refs.map(backendWeight);
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) return -1;
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  let x = unit * total;
  let last = -1;
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] <= 0) continue;
    last = i;
    if (x < weights[i]) return i;
    x -= weights[i];
  }
  // r = 1, or rounding left x at the end of the range: the last backend with traffic.
  return last;
}

/** A share as a percentage for people: `90%`, `33.3%` (one decimal, no trailing zero). */
export function formatShare(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}
