/**
 * Single-object checks beyond the CRD: problems the API server accepts but
 * that make a route behave in a way nobody intends.
 */
import type { Diagnostic, DiagnosticObject } from './diagnostic';
import { formatFieldPath } from './field-path';
import { isJsonObject } from './structural-schema';

const ROUTE_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TCPRoute', 'TLSRoute', 'UDPRoute']);

/**
 * A route rule whose backendRefs all have weight 0 sends no traffic anywhere:
 * HTTP and gRPC requests get a 500 answer, TCP/TLS/UDP connections are refused.
 * `route` must already carry the schema defaults (weight defaults to 1).
 */
export function checkRouteWeights(route: Record<string, unknown>, object: DiagnosticObject): Diagnostic[] {
  if (!ROUTE_KINDS.has(String(route.kind))) return [];
  const spec = route.spec;
  if (!isJsonObject(spec) || !Array.isArray(spec.rules)) return [];
  const out: Diagnostic[] = [];
  spec.rules.forEach((rule, i) => {
    if (!isJsonObject(rule) || !Array.isArray(rule.backendRefs) || rule.backendRefs.length === 0) return;
    const weights = rule.backendRefs.map((b) => (isJsonObject(b) && typeof b.weight === 'number' ? b.weight : 1));
    if (weights.every((w) => w === 0)) {
      const what = route.kind === 'HTTPRoute' || route.kind === 'GRPCRoute' ? 'every matching request gets an HTTP 500 answer' : 'every connection is refused';
      out.push({
        code: 'route/all-weights-zero',
        severity: 'error',
        message: `all ${weights.length} backendRef(s) of this rule have weight 0, so ${what}; give at least one backend a positive weight, or remove the rule`,
        object,
        field: formatFieldPath(['spec', 'rules', i, 'backendRefs']),
      });
    }
  });
  return out;
}
