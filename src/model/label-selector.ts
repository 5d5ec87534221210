import type { LabelSelector } from '../../generated';

/**
 * Kubernetes label selector semantics (`matchLabels` and `matchExpressions`
 * with In / NotIn / Exists / DoesNotExist), as used by `allowedRoutes`
 * namespace selectors.
 *
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors
 */

/** A label set: label key to value. */
export type Labels = { readonly [key: string]: string };

/** The label every namespace carries, whose value is the namespace's own name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * Whether `labels` satisfy `selector`. Every `matchLabels` entry and every
 * `matchExpressions` requirement must hold. An empty selector (`{}`) selects
 * everything.
 *
 * @throws Error when a requirement has an unknown operator, or values where
 *   the operator takes none (or none where it needs some): such a selector is
 *   invalid in Kubernetes and selects nothing there either.
 */
export function matchesLabelSelector(selector: LabelSelector, labels: Labels): boolean {
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[k] !== v) return false;
  }
  for (const req of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, req.key);
    const values = req.values ?? [];
    switch (req.operator) {
      case 'In':
        if (values.length === 0) throw new Error(`label selector requirement on '${req.key}': operator In needs at least one value`);
        if (!has || !values.includes(labels[req.key])) return false;
        break;
      case 'NotIn':
        if (values.length === 0) throw new Error(`label selector requirement on '${req.key}': operator NotIn needs at least one value`);
        if (has && values.includes(labels[req.key])) return false;
        break;
      case 'Exists':
        if (values.length > 0) throw new Error(`label selector requirement on '${req.key}': operator Exists takes no values`);
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (values.length > 0) throw new Error(`label selector requirement on '${req.key}': operator DoesNotExist takes no values`);
        if (has) return false;
        break;
      default:
        throw new Error(`label selector requirement on '${req.key}': unknown operator '${req.operator}' (valid: In, NotIn, Exists, DoesNotExist)`);
    }
  }
  return true;
}

/**
 * The labels of namespace `name`: those of the matching Namespace object in
 * `namespaces` (if any) plus `kubernetes.io/metadata.name: <name>`, which the
 * API server sets on every namespace.
 */
export function namespaceLabels(name: string, namespaces: readonly { readonly metadata?: { readonly name?: string; readonly labels?: Labels } }[] = []): Labels {
  const ns = namespaces.find((n) => n.metadata?.name === name);
  return { ...(ns?.metadata?.labels ?? {}), [NAMESPACE_NAME_LABEL]: name };
}

/** A label set as messages show it: `{a=1, b=2}`. */
export function describeLabels(labels: Labels): string {
  return `{${Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ')}}`;
}

/** A label selector as messages show it: `a=1, team Exists` (`everything` for an empty selector). */
export function describeLabelSelector(selector: LabelSelector | undefined): string {
  const parts: string[] = Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${String(v)}`);
  for (const e of selector?.matchExpressions ?? []) parts.push(`${e.key} ${e.operator}${e.values ? ` (${e.values.join(', ')})` : ''}`);
  return parts.length ? parts.join(', ') : 'everything';
}
