/**
 * Format checks for the Kubernetes and Gateway API field types that the L2
 * constructs accept (names, namespaces, groups, kinds, hostnames, ports).
 *
 * Internal to the library (not re-exported from `index.ts`): constructors,
 * factories and `addXxx` methods call these to reject bad input at the point
 * where the user wrote it (STYLE C7). Every check throws an `Error` whose
 * message names where the value came from, the field, the value, and what
 * would be valid.
 *
 * The patterns are the v1.6.1 CRD schema's own formats for these field types.
 * They are fixed library patterns, not user regular expressions, so plain JS
 * RegExp is fine here.
 */

import * as l1 from '../../generated';
import { LabelSelector, LabelSelectorOperator } from '../label-selector';
import { constructError, Where } from './error-scope';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const GROUP = /^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const KIND = /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const HOSTNAME = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const PRECISE_HOSTNAME = DNS_SUBDOMAIN;
const DOMAIN_PREFIXED = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9\/\-._~%!$&'()*+,;=:]+$/;
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Throws the library's standard "bad value" error. */
export function invalid(where: Where, field: string, value: unknown, expected: string): never {
  throw constructError(where, 'invalid-value', `${field} ${JSON.stringify(value)} is invalid; ${expected}`, field);
}

function check(ok: boolean, where: Where, field: string, value: unknown, expected: string): void {
  if (!ok) invalid(where, field, value, expected);
}

/** A namespace or other RFC 1123 label: lowercase alphanumerics and '-', 1-63 characters. */
export function checkDnsLabel(value: string, where: Where, field: string): void {
  check(typeof value === 'string' && value.length >= 1 && value.length <= 63 && DNS_LABEL.test(value), where, field, value,
    'expected an RFC 1123 label: 1-63 lowercase letters, digits or \'-\', starting and ending with a letter or digit');
}

/** A Gateway API SectionName / listener name: an RFC 1123 subdomain, 1-253 characters. */
export function checkSectionName(value: string, where: Where, field: string): void {
  check(typeof value === 'string' && value.length >= 1 && value.length <= 253 && DNS_SUBDOMAIN.test(value), where, field, value,
    'expected 1-253 lowercase letters, digits, \'-\' or \'.\', starting and ending with a letter or digit');
}

/** An object name as the Gateway API's ObjectName type allows: 1-253 characters. */
export function checkObjectName(value: string, where: Where, field: string): void {
  check(typeof value === 'string' && value.length >= 1 && value.length <= 253, where, field, value,
    'expected a non-empty object name of at most 253 characters');
}

/** An API group: '' (core) or a DNS subdomain of at most 253 characters. */
export function checkGroup(value: string, where: Where, field: string): void {
  check(typeof value === 'string' && value.length <= 253 && GROUP.test(value), where, field, value,
    'expected \'\' for the core API group or a lowercase DNS subdomain such as \'gateway.networking.k8s.io\'');
}

/** A kind: a letter, then letters, digits or '-', 1-63 characters. */
export function checkKind(value: string, where: Where, field: string): void {
  check(typeof value === 'string' && value.length >= 1 && value.length <= 63 && KIND.test(value), where, field, value,
    'expected a kind such as \'Service\': 1-63 letters, digits or \'-\', starting with a letter');
}

/** A Gateway API Hostname: a DNS name, optionally with a leading '*.' wildcard label; no IPs, no port. */
export function checkHostname(value: string, where: Where, field: string): void {
  check(typeof value === 'string' && value.length >= 1 && value.length <= 253 && HOSTNAME.test(value), where, field, value,
    'expected a lowercase DNS name such as \'api.example.com\' or \'*.example.com\' (a wildcard only as the whole first label)');
}

/** A Gateway API PreciseHostname: a DNS name without wildcard. */
export function checkPreciseHostname(value: string, where: Where, field: string): void {
  check(typeof value === 'string' && value.length >= 1 && value.length <= 253 && PRECISE_HOSTNAME.test(value), where, field, value,
    'expected a lowercase DNS name without wildcard, such as \'backend.example.com\'');
}

/** A domain-prefixed string such as a controller name: `example.com/some-path`. */
export function checkDomainPrefixed(value: string, where: Where, field: string): void {
  check(typeof value === 'string' && value.length >= 1 && value.length <= 253 && DOMAIN_PREFIXED.test(value), where, field, value,
    'expected a domain-prefixed path such as \'example.com/gateway-controller\'');
}

/** A port number 1..65535. */
export function checkPort(value: number, where: Where, field: string): void {
  check(Number.isInteger(value) && value >= 1 && value <= 65535, where, field, value, 'expected an integer port from 1 to 65535');
}

/** A label or annotation key: optional DNS-subdomain prefix and '/', then a name of up to 63 characters. */
export function checkLabelKey(value: string, where: Where, field: string): void {
  const prefix = value.includes('/') ? value.split('/')[0] : '';
  check(typeof value === 'string' && LABEL_KEY.test(value) && prefix.length < 253, where, field, value,
    'expected an optional DNS subdomain prefix and \'/\', then 1-63 letters, digits, \'-\', \'_\' or \'.\' starting and ending with a letter or digit');
}

/** A label value: empty, or up to 63 letters, digits, '-', '_' or '.' starting and ending with a letter or digit. */
export function checkLabelValue(value: string, where: Where, field: string): void {
  check(typeof value === 'string' && value.length <= 63 && LABEL_VALUE.test(value), where, field, value,
    'expected at most 63 letters, digits, \'-\', \'_\' or \'.\', starting and ending with a letter or digit');
}

/** A list that the schema caps at `max` items. */
export function checkMaxItems(count: number, max: number, where: Where, field: string): void {
  if (count > max) throw constructError(where, 'too-many', `${field} has ${count} entries; the Gateway API allows at most ${max}`, field);
}

/** A string of bounded length. */
export function checkLength(value: string, min: number, max: number, where: Where, field: string): void {
  check(typeof value === 'string' && value.length >= min && value.length <= max, where, field, value,
    `expected ${min === max ? `${min}` : `${min}-${max}`} characters`);
}

/** A reference to an implementation-specific parameters object (GatewayClass, Gateway infrastructure). */
export function checkParametersRef(ref: { group: string; kind: string; name: string; namespace?: string }, where: Where, field: string): void {
  if (ref.group === 'core') throw constructError(where, 'invalid-value', `${field}.group "core" is invalid; the core API group is written as ''`, `${field}.group`);
  checkGroup(ref.group, where, `${field}.group`);
  checkKind(ref.kind, where, `${field}.kind`);
  checkObjectName(ref.name, where, `${field}.name`);
  if (ref.namespace !== undefined) checkDnsLabel(ref.namespace, where, `${field}.namespace`);
}

/**
 * Checks a selector and returns its wire form (internal: used by the
 * AllowedRoutes and AllowedListeners factories).
 */
export function checkLabelSelector(selector: LabelSelector, where: Where): l1.LabelSelector {
  const labels = selector.matchLabels ?? {};
  const expressions = selector.matchExpressions ?? [];
  if (Object.keys(labels).length === 0 && expressions.length === 0) {
    throw constructError(where, 'missing', 'the namespace selector is empty and would select every namespace; give matchLabels or matchExpressions, or allow all namespaces explicitly');
  }
  for (const [key, value] of Object.entries(labels)) {
    checkLabelKey(key, where, 'matchLabels key');
    checkLabelValue(value, where, `matchLabels['${key}']`);
  }
  expressions.forEach((e, i) => {
    const field = `matchExpressions[${i}]`;
    checkLabelKey(e.key, where, `${field}.key`);
    if (!Object.values(LabelSelectorOperator).includes(e.operator)) {
      throw constructError(where, 'invalid-value', `${field}.operator ${JSON.stringify(e.operator)} is invalid; expected one of In, NotIn, Exists, DoesNotExist`, `${field}.operator`);
    }
    const values = e.values ?? [];
    const needsValues = e.operator === LabelSelectorOperator.IN || e.operator === LabelSelectorOperator.NOT_IN;
    if (needsValues && values.length === 0) {
      throw constructError(where, 'missing', `${field} uses ${e.operator} on '${e.key}' without values; give at least one value`, field);
    }
    if (!needsValues && values.length > 0) {
      throw constructError(where, 'invalid-value', `${field} uses ${e.operator} on '${e.key}' with values ${JSON.stringify(values)}; ${e.operator} takes no values`, field);
    }
    values.forEach((v, j) => checkLabelValue(v, where, `${field}.values[${j}]`));
  });
  return {
    ...(Object.keys(labels).length > 0 ? { matchLabels: { ...labels } } : {}),
    ...(expressions.length > 0 ? {
      matchExpressions: expressions.map(e => ({ key: e.key, operator: e.operator, ...(e.values && e.values.length > 0 ? { values: [...e.values] } : {}) })),
    } : {}),
  };
}
