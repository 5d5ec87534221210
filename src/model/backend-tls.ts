/**
 * BackendTLSPolicy values Gateway API itself defines.
 */

/**
 * The `validation.wellKnownCACertificates` values Gateway API v1.6.1 defines:
 * only `System` (the platform's trusted CA bundle). Any other value is an
 * implementation-specific, prefixed name that only its own implementation
 * knows; the data plane recognizes none of those.
 */
export const WELL_KNOWN_CA_SETS: readonly string[] = ['System'];

/** Whether `value` is a `wellKnownCACertificates` value Gateway API defines (exact, case-sensitive). */
export function isStandardWellKnownCaSet(value: string): boolean {
  return WELL_KNOWN_CA_SETS.includes(value);
}
