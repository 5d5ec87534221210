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

/** An ordered set of conditions keyed by type (a later `set` of the same type replaces it). */
export class ConditionSet {
  private readonly map = new Map<string, Condition>();
  public constructor(private readonly generation: number | undefined) {}

  /** Sets (or replaces) the condition of `type`. */
  public set(type: string, ok: boolean, reason: string, message: string): void {
    this.map.set(type, condition(type, ok, reason, message, this.generation));
  }

  /** The condition of `type`, if set. */
  public get(type: string): Condition | undefined {
    return this.map.get(type);
  }

  /** Whether the condition of `type` is set and True. */
  public isTrue(type: string): boolean {
    return this.map.get(type)?.status === 'True';
  }

  /** The conditions in the order they were first set. */
  public list(): Condition[] {
    return [...this.map.values()];
  }
}
