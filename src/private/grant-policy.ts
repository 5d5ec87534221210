import { ReferenceGrantPolicy } from '../reference-grant';

/** The policies, listed on first use (this module and reference-grant.ts import each other through the constructs). */
let policies: readonly string[] | undefined;

/** Whether `value` is a ReferenceGrantPolicy (what Gateways, ListenerSets and routes accept as `referenceGrants`). */
export function isGrantPolicy(value: unknown): boolean {
  policies ??= Object.values(ReferenceGrantPolicy);
  return policies.includes(value as string);
}
