/**
 * Validation of a whole set of manifests: every object on its own, then the
 * checks that need several objects together.
 */
import type { CelStats } from './cel-rules';
import type { Diagnostic, SourcedObject, ValidateOptions } from './diagnostic';
import { validateObject } from './validate-object';

/** Options of `validateSourcedManifests`. */
export interface ValidateManifestsOptions extends ValidateOptions {
  /** Counters to update (used to measure CEL rule coverage). */
  readonly celStats?: CelStats;
}

/** Validates `objects` one by one and together; diagnostics come in input order. */
export function validateManifests(objects: readonly unknown[], options?: ValidateManifestsOptions): Diagnostic[] {
  return validateSourcedManifests(objects.map((object) => ({ object })), options);
}

/** Like `validateManifests`, for objects that carry where they came from (copied into their diagnostics). */
export function validateSourcedManifests(items: readonly SourcedObject[], options: ValidateManifestsOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const item of items) out.push(...validateObject(item.object, { ...options, source: item.source }));
  return out;
}
