import { IConstruct } from 'constructs';
import { ReferenceGrant, ReferenceGrantPolicy } from '../reference-grant';
import { addConstructValidation, ConstructProblem } from './construct-validation';

/**
 * The bind step of a reference (AWS CDK's `bind()` idiom): a Certificate, a
 * CA bundle or a Backend is bound to the construct that uses it once that
 * construct has accepted it (every check passed), never before. Binding does
 * what the reference needs from the app: the ReferenceGrant when it crosses
 * namespaces (per the referrer's `referenceGrants`), and the checks that can
 * only run at synthesis, registered on the referrer. Internal, not exported
 * from index.ts.
 */

/** The construct that holds a reference: a Gateway, a ListenerSet or a route. */
export interface IReferrer extends IConstruct {
  /** The referrer's API group. */
  readonly apiGroup: string;
  /** The referrer's kind. */
  readonly kind: string;
  /** The referrer's namespace; undefined when not known. @default - not known (a reference without a namespace cannot be checked against it) */
  readonly namespace?: string;
  /** What the referrer does about cross-namespace references. */
  readonly referenceGrants: ReferenceGrantPolicy;
}

/** What a reference points at. */
interface IReferenceTarget {
  /** API group; `''` for the core group. */
  readonly group: string;
  /** Kind. */
  readonly kind: string;
  /** Name. */
  readonly name: string;
  /** Namespace; undefined means the referrer's. @default - the referrer's namespace */
  readonly namespace?: string;
}

/** Options of {@link bindReference}. */
interface BindOptions {
  /** How messages name the reference, e.g. `listener 'https' tls certificate 0 (Secret 'tls')`. */
  readonly field: string;
  /** Problems of the target that only show at synthesis (reported by the referrer). @default none */
  readonly check?: () => ConstructProblem[];
  /**
   * Whether the referrer still holds the reference (a route's `replaceBackends()` can drop it): a reference that
   * is gone needs no grant (its automatic grant entry is pruned) and fails no check.
   * @default - the reference is for good
   */
  readonly inUse?: () => boolean;
}

/** Binds `target` to `referrer`: its ReferenceGrant (or the check that one exists) and its deferred checks. */
export function bindReference(referrer: IReferrer, target: IReferenceTarget, options: BindOptions): void {
  // A target in the referrer's own namespace (no namespace written) needs no grant: ensure would return at once.
  if (target.namespace !== undefined) {
    ReferenceGrant.ensure(referrer, referrer.referenceGrants,
      { group: referrer.apiGroup, kind: referrer.kind, namespace: referrer.namespace },
      { group: target.group, kind: target.kind, name: target.name, namespace: target.namespace },
      options.field, options.inUse);
  }
  const check = options.check;
  if (check) addConstructValidation(referrer, check);
}
