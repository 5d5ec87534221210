import type { Chart } from 'cdk8s';

/**
 * The manifests a cdk8s Chart synthesizes, in the order `chart.toJson()`
 * gives them. With `validate: false` the construct tree's validations
 * (`node.addValidation`, including this library's synth validation) are
 * skipped for this one synthesis, so that a chart with errors can still be
 * loaded and its misconfiguration tested through the statuses it produces;
 * the validations are restored afterwards.
 */
export function chartDocuments(chart: Chart, validate: boolean): unknown[] {
  if (validate) return chart.toJson();
  const nodes = chart.node.root.node.findAll().map((c) => c.node);
  const own = nodes.map((n) => Object.getOwnPropertyDescriptor(n, 'validate'));
  try {
    for (const n of nodes) Object.defineProperty(n, 'validate', { value: () => [], configurable: true, writable: true });
    return chart.toJson();
  } finally {
    nodes.forEach((n, i) => {
      const d = own[i];
      if (d) Object.defineProperty(n, 'validate', d);
      else delete (n as { validate?: unknown }).validate;
    });
  }
}
