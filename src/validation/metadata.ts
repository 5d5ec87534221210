/**
 * The `metadata` checks the API server applies to every object (the CRD
 * schema leaves `metadata` open): a name (or generateName) that is a DNS
 * subdomain, a namespace that is a DNS label (and none on cluster-scoped
 * kinds), an RFC 3339 creationTimestamp, and well-formed label and
 * annotation keys and label values.
 */
import type { Diagnostic, DiagnosticObject } from './diagnostic';
import { formatFieldPath } from './field-path';
import { isJsonObject } from './structural-schema';
import type { CrdValidationData } from '../../generated';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Why `key` is not a valid label/annotation key, or undefined when it is valid. */
export function qualifiedKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (!DNS_SUBDOMAIN.test(prefix) || prefix.length > 253)) {
    return `the prefix '${prefix}' must be a lowercase DNS subdomain of at most 253 characters`;
  }
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name)) {
    return `the name part '${name}' must be 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`;
  }
  return undefined;
}

/** What `checkMetadata` needs to know about the kind: its name and, when known, its scope. */
type MetadataKind = Pick<CrdValidationData, 'kind'> & { readonly scope?: CrdValidationData['scope'] };

/**
 * Checks `obj.metadata` of any Kubernetes object (the API server applies the
 * same rules to every kind). The namespace is checked against the scope when
 * the scope is known.
 */
export function checkMetadata(obj: Record<string, unknown>, crd: MetadataKind, object: DiagnosticObject): Diagnostic[] {
  const out: Diagnostic[] = [];
  const add = (code: string, message: string, field: string, severity: 'error' | 'warning' = 'error', fix?: string): void => {
    out.push({ code, severity, message, ...(fix ? { fix } : {}), object, field });
  };
  const meta = obj.metadata;
  if (!isJsonObject(meta)) {
    add('metadata/name-required', 'the object has no metadata; set metadata.name', 'metadata', 'error', 'set metadata.name');
    return out;
  }
  if (typeof meta.name === 'string') {
    if (meta.name.length > 253 || !DNS_SUBDOMAIN.test(meta.name)) {
      add('metadata/name-invalid', `name '${meta.name}' is not valid: use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 characters`, 'metadata.name');
    }
  } else if (typeof meta.generateName !== 'string') {
    add('metadata/name-required', 'metadata.name is missing; every object needs a name', 'metadata.name', 'error', 'set metadata.name');
  }
  if (meta.creationTimestamp !== undefined && (typeof meta.creationTimestamp !== 'string' || !RFC3339.test(meta.creationTimestamp) || Number.isNaN(Date.parse(meta.creationTimestamp)))) {
    add('metadata/creation-timestamp-invalid', `creationTimestamp ${JSON.stringify(meta.creationTimestamp)} is not an RFC 3339 time such as 2024-05-01T12:00:00Z`, 'metadata.creationTimestamp');
  }
  if (meta.namespace !== undefined) {
    if (crd.scope === 'Cluster') {
      add('metadata/namespace-on-cluster-scoped', `${crd.kind} is cluster-scoped, so metadata.namespace '${String(meta.namespace)}' has no effect; remove it`, 'metadata.namespace', 'warning', 'remove metadata.namespace');
    } else if (typeof meta.namespace !== 'string' || meta.namespace.length > 63 || !DNS_LABEL.test(meta.namespace)) {
      add('metadata/namespace-invalid', `namespace '${String(meta.namespace)}' is not valid: use at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit`, 'metadata.namespace');
    }
  }
  for (const which of ['labels', 'annotations'] as const) {
    const map = meta[which];
    if (map === undefined) continue;
    if (!isJsonObject(map)) {
      add('metadata/label-invalid', `metadata.${which} must be a map of strings`, `metadata.${which}`);
      continue;
    }
    for (const [key, value] of Object.entries(map)) {
      const field = formatFieldPath(['metadata', which, key]);
      const problem = qualifiedKeyProblem(key);
      const code = which === 'labels' ? 'metadata/label-invalid' : 'metadata/annotation-invalid';
      if (problem) add(code, `${which === 'labels' ? 'label' : 'annotation'} key '${key}' is not valid: ${problem}`, field);
      if (typeof value !== 'string') {
        add(code, `the value of ${which === 'labels' ? 'label' : 'annotation'} '${key}' must be a string, got ${JSON.stringify(value)} (quote it in YAML)`, field);
      } else if (which === 'labels' && (value.length > 63 || !LABEL_VALUE.test(value))) {
        add(code, `label value '${value}' is not valid: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`, field);
      }
    }
  }
  return out;
}
