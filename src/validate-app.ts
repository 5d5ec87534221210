import type { App, Chart } from 'cdk8s';
import { collectDiagnostics } from './construct-validation';
import { SynthValidation } from './synth-validation';
import type { Diagnostic } from './validation/diagnostic';

export { FAIL_ON_WARNINGS_CONTEXT, WARNING_METADATA_TYPE } from './synth-warnings';

/**
 * Validates an app as `app.synth()` would, and returns what it finds
 * instead of throwing: the validation engine's diagnostics (CRD schema, CEL
 * rules, cross-object checks; warnings included) about every object of the
 * app, the synth-time checks of this library's constructs, and any other
 * `node.addValidation` failure (code `construct/validation`).
 *
 * Each diagnostic's `source` is a construct path: the library construct
 * that owns the object (`app/chart/web` for an HttpRoute), or the object's
 * own path for objects no library construct owns (raw L1 objects, `Include`).
 * Warnings are `error`s where the context `gateway-api:failOnWarnings` is
 * true, as synthesis treats them. Nothing is written to disk.
 *
 * Construct errors (a bad value given to a constructor, factory or
 * `addXxx`) are not found here: they are thrown as {@link GatewayApiError}
 * when the construct is built (`err.toDiagnostic()` gives the same type).
 */
export function validateApp(app: App): Diagnostic[] {
  SynthValidation.of(app);
  return collectDiagnostics(app);
}

/**
 * Like {@link validateApp} for one chart: the diagnostics whose source is the
 * chart or a construct in it. Cross-object checks still see the whole app
 * (a route in this chart may attach to a Gateway in another).
 */
export function validateChart(chart: Chart): Diagnostic[] {
  const path = chart.node.path;
  return validateApp(chart.node.root as App).filter((d) => d.source !== undefined && (d.source === path || d.source.startsWith(`${path}/`)));
}
