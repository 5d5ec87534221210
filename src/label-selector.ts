/** How a {@link LabelSelectorRequirement} compares a label with its values. */
export enum LabelSelectorOperator {
  /** The label is present and its value is one of `values`. */
  IN = 'In',
  /** The label is absent, or its value is none of `values`. */
  NOT_IN = 'NotIn',
  /** The label is present (no `values`). */
  EXISTS = 'Exists',
  /** The label is absent (no `values`). */
  DOES_NOT_EXIST = 'DoesNotExist',
}

/**
 * One condition on a label of a namespace.
 *
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#resources-that-support-set-based-requirements
 */
export interface LabelSelectorRequirement {
  /** The label key. */
  readonly key: string;
  /** How the label is compared. */
  readonly operator: LabelSelectorOperator;
  /**
   * The values for `IN` and `NOT_IN` (at least one); none for `EXISTS` and `DOES_NOT_EXIST`.
   *
   * @default - none
   */
  readonly values?: string[];
}

/**
 * Selects namespaces by their labels: every `matchLabels` entry and every
 * `matchExpressions` condition must hold.
 */
export interface LabelSelector {
  /**
   * Labels the namespace must carry with exactly these values.
   *
   * @default - no label equality conditions
   */
  readonly matchLabels?: { [key: string]: string };
  /**
   * Further conditions on the namespace's labels.
   *
   * @default - no set-based conditions
   */
  readonly matchExpressions?: LabelSelectorRequirement[];
}
