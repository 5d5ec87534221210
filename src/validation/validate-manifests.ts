/**
 * Validation of a whole set of manifests: every object on its own, then the
 * checks that need several objects together (attachment, listener conflicts,
 * Service ports, ReferenceGrants). Diagnostics are grouped by object, in
 * input order; an object's own diagnostics come before its cross-object ones.
 */
import type { CelStats } from './cel-rules';
import type { Diagnostic, SourcedObject, ValidateOptions } from './diagnostic';
import { checkDuplicateObjects } from './duplicate-objects';
import { checkFeatureClaims, resolveImplementation, type ImplementationOption } from './feature-claims';
import { indexManifests } from './manifest-index';
import { finish, inspectObject } from './validate-object';
import { checkAttachments } from './xref-attachment';
import { checkListenerConflicts } from './xref-listeners';
import { checkReferences } from './xref-references';

/** Options of `validateManifests` and `validateSourcedManifests`. */
export interface ValidateManifestsOptions extends ValidateOptions {
  /** Counters to update (used to measure CEL rule coverage). @default - no counters are updated */
  readonly celStats?: CelStats;
  /**
   * Objects that exist outside the given manifests (a Gateway managed
   * elsewhere): a parentRef to one of them is not judged, as for any parent
   * that is not among the objects, even when other objects of its kind are.
   * @default - none
   */
  readonly external?: readonly ExternalObject[];
  /**
   * How to judge a Service reference (a backend, mirror or auth backend) that names no given Service:
   * `warn` reports `xref/backend-not-found` when some Services are given (the set is then taken to hold
   * the app's Services); `elsewhere` takes such Services to be deployed separately and reports one only
   * when a Service of that name is given in another namespace. Services in `external` are never
   * reported missing, except in that last case.
   * @default 'warn'
   */
  readonly unlistedServices?: 'warn' | 'elsewhere';
  /**
   * The implementation the objects are for: a conformance report's project
   * (`envoy-gateway`; `project/mode` for another mode than `default`) or
   * `{ supportedFeatures: [...] }`. Each use of a feature it does not claim
   * is a warning, `compat/feature-not-claimed`, on the object and field.
   * @default - no implementation: features are not checked
   */
  readonly implementation?: ImplementationOption;
}

/** An object known to exist outside the manifests being validated. */
export interface ExternalObject {
  /** API group (`gateway.networking.k8s.io` for Gateways). */
  readonly group: string;
  /** Kind, e.g. `Gateway`. */
  readonly kind: string;
  /** Namespace; undefined matches any namespace. @default - any namespace */
  readonly namespace?: string;
  /** Name. */
  readonly name: string;
}

/** Validates `objects` one by one and together. */
export function validateManifests(objects: readonly unknown[], options?: ValidateManifestsOptions): Diagnostic[] {
  return validateSourcedManifests(objects.map((object) => ({ object })), options);
}

/** Like `validateManifests`, for objects that carry where they came from (copied into their diagnostics). */
export function validateSourcedManifests(items: readonly SourcedObject[], options: ValidateManifestsOptions = {}): Diagnostic[] {
  const claims = options.implementation === undefined ? undefined : resolveImplementation(options.implementation, 'validateManifests');
  const inspections = items.map((item) => inspectObject(item.object, { ...options, source: item.source }));
  const perObject: Diagnostic[][] = inspections.map((i) => i.diagnostics);
  const index = indexManifests(items, options, inspections.map((i) => i.defaulted));
  for (const placed of [...checkDuplicateObjects(items), ...checkAttachments(index, options.external ?? []), ...checkListenerConflicts(index), ...checkReferences(index, { external: options.external, unlistedServices: options.unlistedServices })]) {
    perObject[placed.index].push(finish(placed.diagnostic, items[placed.index].source));
  }
  if (claims) {
    for (const placed of checkFeatureClaims(items.map(i => i.object), claims)) perObject[placed.index].push(finish(placed.diagnostic, items[placed.index].source));
  }
  return perObject.flat();
}
