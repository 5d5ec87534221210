// YAML builders shared by the lint tests: a Gateway `gw` in `infra` with the given listeners, an HTTPRoute (or
// another kind) in `apps` with the given hostnames and parentRefs, and lint run on the text.
import { lintManifests } from '../../src/lint';
import { parseManifests } from '../../src/validation';

/** Lints YAML text that must parse without a diagnostic. */
export const lint = (yaml: string) => {
  const read = parseManifests(yaml, 'in.yaml');
  expect(read.diagnostics).toEqual([]);
  return lintManifests(read.items);
};

/** A listener's allowedRoutes admitting routes from every namespace. */
export const ALL = 'allowedRoutes: { namespaces: { from: All } }';

/** A Gateway of class `cls` with one line per listener; `extraSpec` lines go before `listeners`. */
export function gateway(listeners: string[], options: { name?: string; namespace?: string; extraSpec?: string } = {}): string {
  return `---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: ${options.name ?? 'gw'}, namespace: ${options.namespace ?? 'infra'} }
spec:
  gatewayClassName: cls
${options.extraSpec ?? ''}  listeners:
${listeners.map((l) => `    - ${l}`).join('\n')}
`;
}

/** A route in `apps` (HTTPRoute `web`, created 2025-02-01, unless told otherwise) with one rule to a Service of its name. */
export function route(hostnames: string[] | undefined, parentRefs: string, options: { kind?: string; name?: string; created?: string } = {}): string {
  const name = options.name ?? 'web';
  return `---
apiVersion: gateway.networking.k8s.io/v1
kind: ${options.kind ?? 'HTTPRoute'}
metadata: { name: ${name}, namespace: apps, creationTimestamp: '${options.created ?? '2025-02-01T00:00:00Z'}' }
spec:
  parentRefs: [${parentRefs}]
${hostnames ? `  hostnames: [${hostnames.map((h) => `'${h}'`).join(', ')}]\n` : ''}  rules: [{ backendRefs: [{ name: ${name}, port: 80 }] }]
`;
}
