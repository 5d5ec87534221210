/**
 * How synth validation treats warnings: where it records them, and the
 * context key that makes them fail synthesis.
 */
import { IConstruct } from 'constructs';

/**
 * The construct metadata type under which synth validation records each
 * warning (a {@link Diagnostic}) on the construct it is about:
 * `construct.node.metadata.filter((m) => m.type === WARNING_METADATA_TYPE)`.
 */
export const WARNING_METADATA_TYPE = 'gateway-api:warning';

/**
 * The context key that makes validation warnings fail synthesis: set it to
 * `true` on the app or on a chart, before adding constructs to it
 * (`chart.node.setContext(FAIL_ON_WARNINGS_CONTEXT, true)`); it applies to
 * the objects under that scope.
 */
export const FAIL_ON_WARNINGS_CONTEXT = 'gateway-api:failOnWarnings';

/** Whether warnings about objects under `scope` fail synthesis (context `gateway-api:failOnWarnings`). */
export function failsOnWarnings(scope: IConstruct): boolean {
  const v: unknown = scope.node.tryGetContext(FAIL_ON_WARNINGS_CONTEXT);
  return v === true || v === 'true';
}
