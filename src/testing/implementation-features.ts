/**
 * The data plane standing for one implementation (`DataPlane` option
 * `implementation`): what its conformance report claims, and how the plane
 * treats an object that uses a feature it does not claim, as the spec
 * requires of an implementation that does not support it (docs/status.md
 * cites the spec text for each case; where the spec says nothing, the
 * message says the plane decided).
 */
import { detectFeatureUses, type FeatureUse } from '../model/feature-detection';
import { notClaimedPhrase } from '../model/implementation-claims';
import { resolveImplementation, type ImplementationOption } from '../validation/feature-claims';

/** The features the plane's implementation claims. */
export interface PlaneClaims {
  /** The claimed feature names, sorted (the GatewayClass `status.supportedFeatures`). */
  readonly names: readonly string[];
  readonly claimed: ReadonlySet<string>;
  /** "not claimed by its conformance report (version, date)" or "not in the given supportedFeatures". */
  readonly phrase: string;
}

/** Resolves the `implementation` option; throws naming `DataPlane` and what would be valid. */
export function planeClaims(option: ImplementationOption): PlaneClaims {
  const c = resolveImplementation(option, 'DataPlane');
  return { names: c.claimed, claimed: new Set(c.claimed), phrase: notClaimedPhrase(c) };
}

/** The uses of features `claims` does not claim in one object. */
export function unclaimedUses(obj: unknown, claims: PlaneClaims): FeatureUse[] {
  return detectFeatureUses([obj]).filter((u) => !claims.claimed.has(u.feature));
}

/** Filter features: an implementation that does not support one rejects the rule with IncompatibleFilters (httproute_types.go, HTTPRouteRule.Filters). */
const FILTER_FEATURES = new Set([
  'HTTPRouteResponseHeaderModification', 'HTTPRouteCORS', 'HTTPRouteRequestMirror', 'HTTPRouteRequestMultipleMirrors', 'HTTPRouteRequestPercentageMirror',
  'HTTPRoutePathRedirect', 'HTTPRoutePortRedirect', 'HTTPRouteSchemeRedirect', 'HTTPRouteHostRewrite', 'HTTPRoutePathRewrite', 'HTTPRouteBackendRequestHeaderModification',
  'MeshHTTPRouteRewritePath', 'MeshHTTPRouteSchemeRedirect', 'MeshHTTPRouteRedirectPort', 'MeshHTTPRouteRedirectPath', 'MeshHTTPRouteBackendRequestHeaderModification',
]);

/** Enum values an implementation does not know: Accepted False, UnsupportedValue (the enum's own doc text). */
const ENUM_FEATURES = new Set(['HTTPRoute303RedirectStatusCode', 'HTTPRoute307RedirectStatusCode', 'HTTPRoute308RedirectStatusCode', 'HTTPRouteMethodMatching']);

/** Why a route rule is not served: the reason for Accepted (or PartiallyInvalid) and the message. */
export interface RuleFeatureProblem {
  readonly reason: 'IncompatibleFilters' | 'UnsupportedValue';
  readonly message: string;
}

/** The rules (by index) of a route that use a feature not claimed, each with the first such use. */
export function ruleFeatureProblems(obj: unknown, claims: PlaneClaims): Map<number, RuleFeatureProblem> {
  const out = new Map<number, RuleFeatureProblem>();
  for (const u of unclaimedUses(obj, claims)) {
    const m = /^spec\.rules\[(\d+)\]/.exec(u.field);
    if (!m) continue;
    const ri = Number(m[1]);
    if (out.has(ri)) continue;
    const reason = FILTER_FEATURES.has(u.feature) ? 'IncompatibleFilters' : 'UnsupportedValue';
    const silent = !FILTER_FEATURES.has(u.feature) && !ENUM_FEATURES.has(u.feature);
    out.set(ri, {
      reason,
      message: `${u.field.slice('spec.'.length)} uses ${u.feature}, ${claims.phrase}${silent ? ' (the spec names no handling for this feature when unsupported: the plane rejects the rule as an unsupported value)' : ''}`,
    });
  }
  return out;
}

/** The first use outside the rules (a parentRef port, a Service parent) of a feature not claimed: the route as a whole is not served. */
export function routeFeatureProblem(obj: unknown, claims: PlaneClaims): string | undefined {
  const u = unclaimedUses(obj, claims).find((x) => x.field !== 'kind' && !x.field.startsWith('spec.rules['));
  return u ? `${u.field.slice('spec.'.length)} uses ${u.feature}, ${claims.phrase} (the spec names no handling for this feature when unsupported: the plane rejects the route as an unsupported value)` : undefined;
}

/** Whether the kind of the object (a route kind, BackendTLSPolicy) is itself a feature not claimed: the controller then ignores the object. */
export function kindNotClaimed(obj: unknown, claims: PlaneClaims): boolean {
  return unclaimedUses(obj, claims).some((u) => u.field === 'kind');
}

/**
 * Why a listener's port is unavailable: 8080 when GatewayPort8080 is not
 * claimed. The listener is then not Accepted, reason PortUnavailable, which
 * gateway_types.go gives for "the port is not supported by the
 * implementation" (and so not Programmed: it carries no traffic).
 */
export function unclaimedPortProblem(port: number, claims: PlaneClaims): string | undefined {
  return port === 8080 && !claims.claimed.has('GatewayPort8080') ? `port 8080 uses GatewayPort8080, ${claims.phrase}` : undefined;
}
