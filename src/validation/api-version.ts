/**
 * Is the object's apiVersion one the Gateway API v1.6.1 CRDs serve? Versions
 * the CRD lists as not served (the seed guide's v1alpha2 GRPCRoute/TCPRoute/
 * TLSRoute/UDPRoute, v1alpha3 BackendTLSPolicy) or does not list at all are
 * errors that say which apiVersion to use instead; served older versions
 * (v1beta1 of GatewayClass, Gateway, HTTPRoute, ReferenceGrant) are accepted
 * with a warning pointing at v1.
 */
import type { CrdValidationData } from '../../generated';
import { GATEWAY_API_GROUP, GATEWAY_API_RELEASE } from './crd-data';
import type { Diagnostic, DiagnosticObject } from './diagnostic';

/** Diagnostics about `version` of a kind the channel defines. */
export function checkServedVersion(crd: CrdValidationData, version: string, object: DiagnosticObject): Diagnostic[] {
  if (version === crd.version) return [];
  const current = `${GATEWAY_API_GROUP}/${crd.version}`;
  const declared = crd.versions.find((v) => v.name === version);
  const where = `Gateway API ${GATEWAY_API_RELEASE} (${crd.channel} channel)`;
  if (!declared || !declared.served) {
    const why = declared
      ? `the CRD keeps ${version} only to read old stored objects`
      : `the CRD serves only ${crd.versions.filter((v) => v.served).map((v) => v.name).join(', ')}`;
    return [{
      code: 'api/version-not-served',
      severity: 'error',
      message: `${crd.kind} ${GATEWAY_API_GROUP}/${version} is not served by ${where}: ${why}; use ${current} ` +
        `(the object was also checked against the ${crd.version} schema; see the other diagnostics for what else must change)`,
      object,
      field: 'apiVersion',
    }];
  }
  return [{
    code: 'api/older-version',
    severity: 'warning',
    message: `${crd.kind} ${GATEWAY_API_GROUP}/${version} is still served by ${where}, but ${crd.version} is the current version; ` +
      `prefer ${current} (the object was checked against the ${crd.version} schema)`,
    object,
    field: 'apiVersion',
  }];
}
