/**
 * An HTTPRoute whose only finding is a warning: `hostnames: null` (schema/null-value; the API server drops a
 * null field), at line 5 column 3 of the text.
 */
export const WARNING_ONLY_HTTPROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: apps }
spec:
  hostnames: null
  rules:
    - backendRefs: [{ name: api, port: 80 }]
`;
