import { describeLabels, describeLabelSelector, Labels, matchesLabelSelector } from './label-selector';
import type { AllowedListeners } from '../../generated';

/**
 * Whether a Gateway accepts a ListenerSet, per the Gateway's
 * `spec.allowedListeners.namespaces`: `from` is `None` by default (no
 * ListenerSet), `Same` (the Gateway's namespace), `All`, or `Selector` (the
 * ListenerSet namespace's labels satisfy the selector; a `Selector` without a
 * selector, or with an invalid one, selects nothing).
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#allowedlisteners
 */

/** The code of the diagnostic for a ListenerSet its Gateway does not accept. */
export const LISTENER_SET_NOT_ALLOWED = 'xref/listener-set-not-allowed';

/** Why a Gateway refuses a ListenerSet. */
interface ListenerSetRefusal {
  /** The Gateway's `allowedListeners.namespaces.from` (`None` when absent). */
  readonly from: string;
  /**
   * What the Gateway accepts, as a clause that follows the Gateway's name,
   * e.g. `accepts no ListenerSets (spec.allowedListeners.namespaces.from is None, the default)`.
   */
  readonly detail: string;
  /** How to make the Gateway accept it. */
  readonly fix: string;
}

/** What {@link listenerSetRefusal} needs to know about the ListenerSet. */
interface ListenerSetPlacement {
  /** The ListenerSet's namespace. */
  readonly namespace: string;
  /**
   * The labels of that namespace (see `namespaceLabels`); `undefined` when
   * they are not known, which leaves a `Selector` undecided.
   * @default - unknown (a `Selector` is left undecided)
   */
  readonly namespaceLabels?: Labels;
}

const FIX = 'set spec.allowedListeners.namespaces.from on the Gateway (Same, All or Selector)';

/**
 * Why the Gateway (with `allowedListeners`, in `gatewayNamespace`) refuses a
 * ListenerSet, `undefined` when it accepts it, or `'unknown'` when that
 * depends on namespace labels that are not known.
 */
export function listenerSetRefusal(allowedListeners: AllowedListeners | undefined, gatewayNamespace: string, listenerSet: ListenerSetPlacement): ListenerSetRefusal | undefined | 'unknown' {
  const ns = allowedListeners?.namespaces;
  const from = ns?.from ?? 'None';
  switch (from) {
    case 'All':
      return undefined;
    case 'Same':
      return listenerSet.namespace === gatewayNamespace ? undefined
        : { from, detail: `accepts ListenerSets only from its own namespace ${gatewayNamespace}, not from ${listenerSet.namespace}`, fix: FIX };
    case 'Selector': {
      if (!ns?.selector) return { from, detail: 'accepts no ListenerSets (spec.allowedListeners.namespaces.from is Selector, but no selector is set)', fix: FIX };
      if (listenerSet.namespaceLabels === undefined) return 'unknown';
      let ok = false;
      try {
        ok = matchesLabelSelector(ns.selector, listenerSet.namespaceLabels);
      } catch {
        ok = false;
      }
      return ok ? undefined
        : { from, detail: `accepts ListenerSets only from namespaces labelled ${describeLabelSelector(ns.selector)}; namespace ${listenerSet.namespace} has ${describeLabels(listenerSet.namespaceLabels)}`, fix: FIX };
    }
    case 'None':
      return { from, detail: `accepts no ListenerSets (spec.allowedListeners.namespaces.from is None${ns?.from === undefined ? ', the default' : ''})`, fix: FIX };
    default:
      return { from, detail: `accepts no ListenerSets (spec.allowedListeners.namespaces.from is '${from}', which is not None, Same, All or Selector)`, fix: FIX };
  }
}
