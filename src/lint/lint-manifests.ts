/**
 * `lint`: routing analysis no schema can do, on any manifests. Every finding
 * is a warning with a `lint/...` code; the objects are analysed as a
 * conformant controller would reconcile them (the data plane's controller),
 * with stand-ins for the GatewayClasses, Services, certificate Secrets and CA
 * bundles that are not among them (their absence is `validate`'s and
 * `status`'s business, not lint's).
 */
import { documentsOf, loadRoutes } from '../testing/controller-loader';
import type { LoadedRoutes } from '../testing/shadowing';
import type { Diagnostic, SourcedObject, ValidateOptions } from '../validation';
import { checkUnanalyzedGateways } from './analysis-coverage';
import { checkCapturedHostnames, checkUnservedHostnames } from './hostname-coverage';
import { checkRedundantGrants, checkUnusedGrants } from './reference-grant-usage';
import { checkShadowedRules } from './rule-shadowing';
import { channelOf } from '../validation/crd-data';
import { indexManifests } from '../validation/manifest-index';

/** Options of {@link lintManifests}. */
export interface LintOptions extends ValidateOptions {}

/** Every lint code, in the order findings are reported. */
export const LINT_CODES = [
  'lint/gateway-not-analyzed',
  'lint/rule-shadowed',
  'lint/hostname-not-served',
  'lint/hostname-captured',
  'lint/reference-grant-unused',
  'lint/reference-grant-redundant',
] as const;

/**
 * Lints a set of manifests. Objects the data plane rejects (schema errors)
 * are left out of the routing analysis; `validate` reports them. `loaded` is
 * the data plane's state for `items` with every missing object assumed (the
 * command line passes the plane it loaded to check the input, so the plane
 * is built once); without it, lint loads it.
 */
export function lintManifests(items: readonly SourcedObject[], options: LintOptions = {}, loaded?: LoadedRoutes): Diagnostic[] {
  // The objects are admitted as the channel's CRDs admit them (a v1alpha2 TLSRoute only in experimental), as validation judges them.
  loaded ??= loadRoutes(documentsOf(items), { assumeMissing: true, channel: channelOf(options) });
  const ctl = loaded.controller;
  const index = indexManifests(items, options);
  const unused = checkUnusedGrants(index);
  const unusedKeys = new Set(unused.map((d) => JSON.stringify(d.object)));
  return [
    ...checkUnanalyzedGateways(ctl),
    ...checkShadowedRules(loaded),
    ...checkUnservedHostnames(ctl),
    ...checkCapturedHostnames(ctl),
    ...unused,
    ...checkRedundantGrants(index).filter((d) => !unusedKeys.has(JSON.stringify(d.object))),
  ];
}
