/**
 * The `implementation` option of validation: a feature the objects use that
 * the implementation's conformance report does not claim is a warning,
 * `compat/feature-not-claimed`, on the object and field that use it.
 */
import type { Diagnostic } from './diagnostic';
import { detectFeatureUses } from '../model/feature-detection';
import { customClaims, implementationClaims, notClaimedPhrase, UnknownImplementationError, type ImplementationClaims } from '../model/implementation-claims';

/** Features an implementation supports, for one that published no conformance report. */
export interface ImplementationFeatures {
  /** SupportedFeature names of Gateway API v1.6.1 (docs/compatibility.md lists them), e.g. `HTTPRouteQueryParamMatching`. */
  readonly supportedFeatures: readonly string[];
}

/** An implementation: a conformance report's project (`envoy-gateway`, `project/mode`) or the features it supports. */
export type ImplementationOption = string | ImplementationFeatures;

/** The code of the warning. */
export const FEATURE_NOT_CLAIMED = 'compat/feature-not-claimed';

/**
 * Resolves an `implementation` option; throws an Error naming `where` and what
 * would be valid (the known projects, the project's modes, the feature names).
 */
export function resolveImplementation(value: unknown, where: string): ImplementationClaims {
  try {
    if (typeof value === 'string') return implementationClaims(value);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const features = (value as { supportedFeatures?: unknown }).supportedFeatures;
      if (Array.isArray(features) && features.every(f => typeof f === 'string')) return customClaims(features as string[], `${where}: implementation.supportedFeatures`);
    }
  } catch (err) {
    if (err instanceof UnknownImplementationError) throw new Error(`${where}: ${err.message}`);
    throw err;
  }
  throw new Error(`${where}: implementation must be a conformance report's project name (e.g. 'envoy-gateway', 'kong-operator/expressions') or { supportedFeatures: [...] }, got ${JSON.stringify(value)}`);
}

/** One warning per use of a feature `claims` does not claim, with the index of the object it is about. */
export function checkFeatureClaims(objects: readonly unknown[], claims: ImplementationClaims): { index: number; diagnostic: Diagnostic }[] {
  const claimed = new Set(claims.claimed);
  const who = claims.project === 'custom' ? '' : `for ${claims.project}${claims.mode === 'default' ? '' : `/${claims.mode}`} it is `;
  return detectFeatureUses(objects).filter(u => !claimed.has(u.feature)).map(u => ({
    index: u.index,
    diagnostic: {
      code: FEATURE_NOT_CLAIMED,
      severity: 'warning' as const,
      message: `uses ${u.feature}; ${who}${notClaimedPhrase(claims)}`,
      object: { kind: u.kind, namespace: u.namespace, ...(u.name !== '' ? { name: u.name } : {}) },
      ...(u.field !== 'kind' ? { field: u.field } : {}),
    },
  }));
}
