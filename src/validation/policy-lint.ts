/**
 * Single-object checks on BackendTLSPolicy beyond the CRD.
 */
import { isStandardWellKnownCaSet } from '../model';
import type { Diagnostic, DiagnosticObject } from './diagnostic';
import { formatFieldPath } from './field-path';
import { isJsonObject } from './structural-schema';

/**
 * A `validation.wellKnownCACertificates` other than `System` names a CA set
 * only one implementation defines: any other implementation (the data plane
 * included) sets the policy `Accepted=False` with reason `Invalid`, and
 * requests to the Services it targets then fail with a 5xx, never in
 * plaintext. A value the CRD pattern refuses is left to the schema error.
 */
export function checkWellKnownCaCertificates(policy: Record<string, unknown>, object: DiagnosticObject, schemaErrorFields: readonly string[]): Diagnostic[] {
  if (policy.kind !== 'BackendTLSPolicy') return [];
  const spec = policy.spec;
  const validation = isJsonObject(spec) ? spec.validation : undefined;
  const value = isJsonObject(validation) ? validation.wellKnownCACertificates : undefined;
  if (typeof value !== 'string' || value === '' || isStandardWellKnownCaSet(value)) return [];
  const field = formatFieldPath(['spec', 'validation', 'wellKnownCACertificates']);
  if (schemaErrorFields.includes(field)) return [];
  return [{
    code: 'policy/well-known-ca-unrecognized',
    severity: 'warning',
    message: `'${value}' is an implementation-specific set of CA certificates (Gateway API defines only 'System'); an implementation that does not recognize it marks the policy Accepted=False (reason Invalid) and requests to the targeted Services fail with a 5xx`,
    fix: "use 'System', or caCertificateRefs naming a ConfigMap or Secret with the CA in 'ca.crt'",
    object,
    field,
  }];
}
