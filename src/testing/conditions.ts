import type { Condition } from '../../generated';

/**
 * The fixed `lastTransitionTime` written on every condition: the plane has no
 * clock, and output must be deterministic.
 */
const CONDITION_TIME = '1970-01-01T00:00:00Z';

/** Builds one status condition. */
export function condition(type: string, ok: boolean, reason: string, message: string, generation: number | undefined): Condition {
  return {
    type,
    status: ok ? 'True' : 'False',
    reason,
    message,
    lastTransitionTime: CONDITION_TIME,
    ...(generation !== undefined ? { observedGeneration: generation } : {}),
  };
}

/** A condition's status (true for `True`), reason and message, as `ConditionSet.set` takes them after the type. */
export type Verdict = readonly [boolean, string, string];

/**
 * An ordered set of conditions keyed by type (a later `set` of the same type
 * replaces it in place). Held as a short list: a route holds one set per
 * parent, and a set holds a few conditions.
 */
export class ConditionSet {
  // Replaced, not pushed to: an array grown by push keeps room for 17 elements.
  private conditions: readonly Condition[] = [];
  public constructor(private readonly generation: number | undefined) {}

  /** Sets (or replaces) the condition of `type`. */
  public set(type: string, ok: boolean, reason: string, message: string): void {
    const c = condition(type, ok, reason, message, this.generation);
    const i = this.conditions.findIndex((x) => x.type === type);
    this.conditions = i < 0 ? [...this.conditions, c] : this.conditions.map((x, j) => (j === i ? c : x));
  }

  /** The condition of `type`, if set. */
  public get(type: string): Condition | undefined {
    return this.conditions.find((x) => x.type === type);
  }

  /** Whether the condition of `type` is set and True. */
  public isTrue(type: string): boolean {
    return this.get(type)?.status === 'True';
  }

  /** The conditions in the order they were first set. */
  public list(): Condition[] {
    return [...this.conditions];
  }
}
