/**
 * Is the object's apiVersion one the Gateway API v1.6.1 CRDs serve? Versions
 * the CRD lists as not served (the seed guide's v1alpha2 GRPCRoute/TCPRoute/
 * TLSRoute/UDPRoute, v1alpha3 BackendTLSPolicy) or does not list at all are
 * errors that say which apiVersion to use instead; served older versions
 * (v1beta1 of GatewayClass, Gateway, HTTPRoute, ReferenceGrant; in the
 * experimental channel also TLSRoute v1alpha2/v1alpha3 and others) are
 * checked against their own schema (see served-versions.ts) with a warning
 * pointing at v1 that says how the object reads as v1. Kinds of the
 * experimental group that v1.6.1 no longer defines (XListenerSet) are errors
 * naming their replacement.
 */
import { GATEWAY_API_GROUP, GATEWAY_API_RELEASE } from './crd-data';
import type { Diagnostic, DiagnosticObject } from './diagnostic';
import type { CrdValidationData } from '../../generated';

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
      fix: `set apiVersion to ${current}, and make the changes the other diagnostics about this object name (it was checked against the ${crd.version} schema)`,
      object,
      field: 'apiVersion',
    }];
  }
  return [olderVersionNote(crd, version, object, [], [])];
}

/**
 * The warning for an object written at an older version the CRD serves: it
 * was checked against that version's schema and reads as the current one,
 * without the fields the current version does not define and with its
 * defaults.
 */
export function olderVersionNote(crd: CrdValidationData, version: string, object: DiagnosticObject, dropped: readonly string[], defaulted: readonly string[]): Diagnostic {
  const where = `Gateway API ${GATEWAY_API_RELEASE} (${crd.channel} channel)`;
  const current = `${GATEWAY_API_GROUP}/${crd.version}`;
  const reads = [
    dropped.length > 0 ? `drops ${dropped.join(', ')} (not defined in ${crd.version})` : '',
    defaulted.length > 0 ? `defaults ${defaulted.join(', ')}` : '',
  ].filter((x) => x).join(' and ');
  return {
    code: 'api/older-version',
    severity: 'warning',
    fix: `set apiVersion to ${current}`,
    message: `${crd.kind} ${GATEWAY_API_GROUP}/${version} is still served by ${where}, but ${crd.version} is the current version; prefer ${current}. ` +
      `The object was checked against the ${version} schema and reads as ${crd.version}${reads ? `, which ${reads}` : ' unchanged'}`,
    object,
    field: 'apiVersion',
  };
}

/** The experimental API group of Gateway API (kinds prefixed with X). */
export const EXPERIMENTAL_API_GROUP = 'gateway.networking.x-k8s.io';

/** Kinds of the experimental group that v1.6.1 defines. */
const EXPERIMENTAL_GROUP_KINDS = ['XBackend', 'XBackendTrafficPolicy', 'XMesh'];

/** Experimental-group kinds of earlier releases that v1.6.1 no longer defines, and what replaced them. */
const REPLACED_KINDS: Readonly<Record<string, string>> = {
  XListenerSet: `ListenerSet (${GATEWAY_API_GROUP}/v1)`,
};

/**
 * An error for a kind of the experimental group (`gateway.networking.x-k8s.io`)
 * that Gateway API v1.6.1 does not define, naming what replaced it where
 * something did; undefined for the kinds it defines (which are not checked
 * further).
 */
export function checkExperimentalGroupKind(kind: string, object: DiagnosticObject): Diagnostic | undefined {
  if (EXPERIMENTAL_GROUP_KINDS.includes(kind)) return undefined;
  const replacement = REPLACED_KINDS[kind];
  return {
    code: replacement ? 'api/kind-replaced' : 'api/unknown-kind',
    severity: 'error',
    ...(replacement
      ? { message: `${EXPERIMENTAL_API_GROUP} ${kind} is not defined in Gateway API ${GATEWAY_API_RELEASE}: it was replaced by ${replacement}; change apiVersion and kind to it`, fix: `change apiVersion and kind to ${replacement}` }
      : { message: `${EXPERIMENTAL_API_GROUP} has no kind '${kind}' in Gateway API ${GATEWAY_API_RELEASE}; known kinds: ${EXPERIMENTAL_GROUP_KINDS.join(', ')}` }),
    object,
    field: 'kind',
  };
}
