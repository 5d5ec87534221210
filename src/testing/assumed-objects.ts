/**
 * The stand-ins `assumeMissing` loads for what the objects name but do not
 * define: which kinds can be assumed, and the GatewayClass, Service, Secret
 * and ConfigMap documents written for the missing references
 * (missing-references finds them).
 */
import { MissingObjects, NamespacedName, missingReferences } from './missing-references';
import { SourcedDocument, StoredObject } from './object-store';
import { selfSignedCertificate } from './self-signed';

/** The `controllerName` of GatewayClasses the plane assumes (see {@link assumedObjects}). */
const ASSUMED_CONTROLLER = 'cdk8s-gateway-api.io/assumed';

/** The source name assumed objects carry in diagnostics and explanations. */
const ASSUMED_SOURCE = 'assumed';

/**
 * A kind of object that `assumeMissing` can stand in for: `GatewayClass` (one
 * per class name no object defines, controllerName
 * `cdk8s-gateway-api.io/assumed`), `Service` (exposing the ports the routes'
 * references use), `Secret` (a self-signed `kubernetes.io/tls` certificate for
 * the hostnames of the listeners that use it, or a `ca.crt` bundle),
 * `ConfigMap` (a self-signed CA under `ca.crt`). `ParametersRef` stands for
 * whatever a GatewayClass `parametersRef` or a Gateway
 * `infrastructure.parametersRef` names (an implementation's EnvoyProxy, a
 * ConfigMap, ...): such an object is counted as present, not loaded.
 * ReferenceGrants and Namespaces are never assumed.
 */
export type AssumableKind = 'GatewayClass' | 'Service' | 'Secret' | 'ConfigMap' | 'ParametersRef';

/** Every kind `assumeMissing: true` stands in for. */
export const ASSUMABLE_KINDS: readonly AssumableKind[] = ['GatewayClass', 'Service', 'Secret', 'ConfigMap', 'ParametersRef'];

/**
 * Stand-ins for the objects a chart refers to but does not define, for
 * testing a chart on its own (`kinds` limits which kinds are assumed):
 *
 * - `GatewayClass`: one for every Gateway class name no GatewayClass object
 *   defines (controllerName {@link ASSUMED_CONTROLLER});
 * - `Service`: one for every core Service a route's backendRefs or
 *   RequestMirror filters name that no Service object defines, exposing the
 *   ports those references use;
 * - `Secret`: a `kubernetes.io/tls` Secret for every certificate Secret a
 *   Gateway or ListenerSet listener (`tls.certificateRefs`) or a Gateway's
 *   backend client certificate names, holding a self-signed certificate for
 *   the hostnames of the listeners that use it; and an Opaque Secret with a
 *   `ca.crt` for a CA bundle reference of kind Secret;
 * - `ConfigMap`: one with a self-signed CA certificate under `ca.crt` for every
 *   CA bundle (`caCertificateRefs`) of a Gateway's frontend validation or a
 *   BackendTLSPolicy.
 *
 * Certificates are generated deterministically (the same names give the same
 * certificate). Nothing else is assumed: ReferenceGrants and Namespaces must
 * still be given, so cross-namespace permissions are judged as a controller
 * would, and an object that exists but is invalid is judged as written.
 */
export function assumedObjects(objects: readonly StoredObject[], kinds: readonly AssumableKind[] = ASSUMABLE_KINDS): SourcedDocument[] {
  for (const k of kinds) {
    if (!ASSUMABLE_KINDS.includes(k)) throw new Error(`assumeMissing: '${k}' is not a kind the plane can assume; use some of: ${ASSUMABLE_KINDS.join(', ')}`);
  }
  const missing = missingReferences(objects);
  const docs: SourcedDocument[] = [];
  for (const doc of standInDocuments(missing, kinds)) docs.push({ doc, source: ASSUMED_SOURCE, index: docs.length });
  return docs;
}

const byName = (a: NamespacedName, b: NamespacedName) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`);

/** The stand-in documents of the assumed kinds, in a fixed order: classes, Services, TLS Secrets, CA bundles; each sorted by name. */
function standInDocuments(missing: MissingObjects, kinds: readonly AssumableKind[]): object[] {
  const assume = (kind: AssumableKind) => kinds.includes(kind);
  const docs: object[] = [];
  if (assume('GatewayClass')) docs.push(...[...missing.classes].sort().map(gatewayClassDocument));
  if (assume('Service')) docs.push(...[...missing.services.values()].sort(byName).map(serviceDocument));
  if (assume('Secret')) docs.push(...[...missing.tlsSecrets.values()].sort(byName).map(tlsSecretDocument));
  const bundles = [...missing.caBundles.values()].filter((c) => assume(c.kind));
  docs.push(...bundles.sort((a, b) => a.kind.localeCompare(b.kind) || byName(a, b)).map(caBundleDocument));
  return docs;
}

function gatewayClassDocument(name: string): object {
  return { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name }, spec: { controllerName: ASSUMED_CONTROLLER } };
}

/** A Service exposing the referenced ports, each named `port-N`. */
function serviceDocument(s: NamespacedName & { readonly ports: Set<number> }): object {
  const ports = [...s.ports].sort((a, b) => a - b).map((port) => ({ name: `port-${port}`, port }));
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: s.name, namespace: s.namespace }, spec: { ports } };
}

/** A `kubernetes.io/tls` Secret with a self-signed certificate for the hostnames of the listeners that use it. */
function tlsSecretDocument(t: NamespacedName & { readonly hostnames: Set<string> }): object {
  const cert = selfSignedCertificate(`assumed ${t.namespace}/${t.name}`, [...t.hostnames].sort());
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/tls',
    metadata: { name: t.name, namespace: t.namespace },
    data: { 'tls.crt': Buffer.from(cert.certPem).toString('base64'), 'tls.key': Buffer.from(cert.keyPem).toString('base64') },
  };
}

/** A self-signed CA certificate under `ca.crt`, in a ConfigMap or an Opaque Secret. */
function caBundleDocument(c: NamespacedName & { readonly kind: 'Secret' | 'ConfigMap' }): object {
  const ca = selfSignedCertificate(`assumed CA ${c.namespace}/${c.name}`, [], true).certPem;
  return c.kind === 'ConfigMap'
    ? { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: c.name, namespace: c.namespace }, data: { 'ca.crt': ca } }
    : { apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { name: c.name, namespace: c.namespace }, data: { 'ca.crt': Buffer.from(ca).toString('base64') } };
}
