import { KeyObject, X509Certificate, createPrivateKey } from 'crypto';
import { ObjectStore, StoredObject } from './object-store';
import { StoredKinds } from './stored-kinds';
import type { BackendTLSPolicyValidation } from '../../generated/experimental';
import { GATEWAY_API_GROUP, isReferencePermitted, normalizeGroup } from '../model';

/** How one backendRef of a route resolved. */
export interface BackendResolution {
  /** True when traffic can be sent to it. */
  readonly ok: boolean;
  /** Route condition reason when not ok: BackendNotFound, InvalidKind, RefNotPermitted, UnsupportedValue. @default - absent when ok */
  readonly reason?: string;
  /** Why it failed, in words. @default - absent when ok */
  readonly message?: string;
  /** Backend API group (`''` for core). */
  readonly group: string;
  /** Backend kind. */
  readonly kind: string;
  /** Backend namespace. */
  readonly namespace: string;
  /** Backend name. */
  readonly name: string;
  /** Backend port. @default - absent when the backendRef names no port */
  readonly port?: number;
  /** The Service, when found. @default - absent when the Service was not found (or not looked up) */
  readonly service?: StoredObject<StoredKinds['Service']>;
}

/** A backendRef as written in a route (or a mirror filter). */
interface BackendRefLike {
  /** API group (`''` or absent for core). @default - the core group */
  readonly group?: string;
  /** Kind. @default Service */
  readonly kind?: string;
  /** Name. */
  readonly name: string;
  /** Namespace. @default - the route's */
  readonly namespace?: string;
  /** Port. @default - none (a Service backend then fails with UnsupportedValue) */
  readonly port?: number;
}

/**
 * Resolves a backend reference of a route: only core `Service` is supported
 * (kind InvalidKind otherwise); it must exist (BackendNotFound); a
 * cross-namespace reference needs a ReferenceGrant (RefNotPermitted); and a
 * port is required and must be one the Service declares, when the Service
 * lists its ports (BackendNotFound otherwise).
 */
export function resolveBackendRef(store: ObjectStore, route: StoredObject, ref: BackendRefLike): BackendResolution {
  const group = normalizeGroup(ref.group);
  const kind = ref.kind ?? 'Service';
  const namespace = ref.namespace ?? route.namespace;
  const name = ref.name;
  const port = ref.port;
  // Each result is a literal of its own (no spread of a shared base): a spread at a call site this busy gives every
  // result its own hidden class, several hundred bytes per backendRef of a large plane.
  if (group !== '' || kind !== 'Service') {
    return { group, kind, namespace, name, port, ok: false, reason: 'InvalidKind', message: `backend ${group ? `${group}/` : ''}${kind} ${namespace}/${name} is not a supported kind (only core Service)` };
  }
  const permitted = namespace === route.namespace || isReferencePermitted(
    { group: GATEWAY_API_GROUP, kind: route.kind, namespace: route.namespace },
    { group: '', kind: 'Service', namespace, name },
    store.list('ReferenceGrant').map((g) => g.obj),
  );
  if (!permitted) {
    return { group, kind, namespace, name, port, ok: false, reason: 'RefNotPermitted', message: `no ReferenceGrant in namespace ${namespace} lets ${route.kind} ${route.namespace}/${route.name} reference Service ${namespace}/${name}` };
  }
  const service = store.get('Service', namespace, name);
  if (!service) {
    return { group, kind, namespace, name, port, ok: false, reason: 'BackendNotFound', message: `Service ${namespace}/${name} does not exist` };
  }
  if (port === undefined) {
    return { group, kind, namespace, name, port, service, ok: false, reason: 'UnsupportedValue', message: `backend Service ${namespace}/${name} needs a port` };
  }
  const ports = Array.isArray(service.obj.spec?.ports) ? service.obj.spec.ports : [];
  if (ports.length > 0 && !ports.some((p) => p?.port === port)) {
    return { group, kind, namespace, name, port, service, ok: false, reason: 'BackendNotFound', message: `Service ${namespace}/${name} has no port ${port} (it has ${ports.map((p) => p?.port).join(', ')})` };
  }
  return { group, kind, namespace, name, port, service, ok: true };
}

/** The `data` and `stringData` of a Secret or ConfigMap (empty for any other object). */
function dataOf(o: StoredObject): { readonly data?: Record<string, string>; readonly stringData?: Record<string, string> } {
  return o.obj.kind === 'Secret' || o.obj.kind === 'ConfigMap' ? o.obj : {};
}

function decode(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  try {
    return Buffer.from(v, 'base64').toString('utf8');
  } catch {
    return undefined;
  }
}

/**
 * Why a TLS Secret's data is malformed, or undefined when it is usable: it
 * must hold `tls.crt` and `tls.key` (base64 in `data` or plain in
 * `stringData`), the first a PEM certificate, the second a PEM private key,
 * and the key must be the certificate's.
 */
export function tlsSecretProblem(secret: StoredObject): string | undefined {
  const o = dataOf(secret);
  const crt = decode(o.data?.['tls.crt']) ?? o.stringData?.['tls.crt'];
  const key = decode(o.data?.['tls.key']) ?? o.stringData?.['tls.key'];
  if (typeof crt !== 'string' || typeof key !== 'string') return `it has no ${typeof crt !== 'string' ? 'tls.crt' : 'tls.key'}`;
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(crt);
  } catch (e) {
    return `tls.crt is not a PEM certificate (${String((e as Error | undefined)?.message ?? e)})`;
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key);
  } catch (e) {
    return `tls.key is not a PEM private key (${String((e as Error | undefined)?.message ?? e)})`;
  }
  if (!cert.checkPrivateKey(privateKey)) return 'tls.key is not the private key of the certificate in tls.crt';
  return undefined;
}

/** Whether a ConfigMap (or Secret) carries a parseable CA certificate under `ca.crt`. */
export function isValidCaBundle(obj: StoredObject): boolean {
  const o = dataOf(obj);
  const pem = obj.kind === 'Secret' ? (decode(o.data?.['ca.crt']) ?? o.stringData?.['ca.crt']) : o.data?.['ca.crt'];
  if (typeof pem !== 'string') return false;
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}

/** The outcome of checking a reference to a Secret or ConfigMap held by a Gateway, ListenerSet or policy. */
interface ObjectRefCheck {
  /** True when the reference resolves. */
  readonly ok: boolean;
  /** `kind`: unsupported group/kind; `missing`: not found; `grant`: cross-namespace without ReferenceGrant; `invalid`: content does not parse. @default - absent when ok */
  readonly problem?: 'kind' | 'missing' | 'grant' | 'invalid';
  /** What was found, in words. */
  readonly message: string;
}

/**
 * Checks a reference from `holder` to an object of one of `kinds` (core
 * group): supported kind, existence, ReferenceGrant across namespaces, and
 * content (via `valid`).
 */
export function checkObjectRef(
  store: ObjectStore,
  holder: StoredObject,
  ref: { group?: string; kind?: string; name: string; namespace?: string },
  kinds: readonly string[],
  valid: (o: StoredObject) => boolean | string | undefined,
): ObjectRefCheck {
  const group = normalizeGroup(ref.group);
  const kind = ref.kind ?? kinds[0];
  const namespace = ref.namespace ?? holder.namespace;
  const what = `${group ? `${group}/` : ''}${kind} ${namespace}/${ref.name}`;
  if (group !== '' || !kinds.includes(kind)) return { ok: false, problem: 'kind', message: `${what} is not a supported reference (expected core ${kinds.join(' or ')})` };
  const holderGroup = holder.kind === 'Secret' || holder.kind === 'ConfigMap' ? '' : GATEWAY_API_GROUP;
  if (!isReferencePermitted({ group: holderGroup, kind: holder.kind, namespace: holder.namespace }, { group: '', kind, namespace, name: ref.name }, store.list('ReferenceGrant').map((g) => g.obj))) {
    return { ok: false, problem: 'grant', message: `no ReferenceGrant in namespace ${namespace} lets ${holder.kind} ${holder.namespace}/${holder.name} reference ${what}` };
  }
  const target = store.get(kind, namespace, ref.name);
  if (!target) return { ok: false, problem: 'missing', message: `${what} does not exist` };
  // `valid` answers true/false, or a problem in words (undefined when there is none).
  const verdict = valid(target);
  if (typeof verdict === 'string') return { ok: false, problem: 'invalid', message: `${what} is malformed: ${verdict}` };
  if (verdict === false) return { ok: false, problem: 'invalid', message: `${what} does not hold a valid certificate` };
  return { ok: true, message: `${what} resolved` };
}

/**
 * The certificate (PEM) a Service's backends serve, when the plane can tell:
 * the `tls.crt` of a Secret volume mounted by a Deployment, StatefulSet or
 * DaemonSet whose pod labels match the Service selector. Undefined when no
 * such workload or Secret is loaded (the backend's certificate is unknown).
 *
 * Internal (`@internal`: left out of the published declarations, whose
 * types must not need a newer `@types/node` than users have; `cdk8s init`
 * writes `@types/node` 14, which has no `X509Certificate`).
 */
export function servingCertificate(store: ObjectStore, service: StoredObject<StoredKinds['Service']>): X509Certificate | undefined {
  const selector = service.obj.spec?.selector;
  if (!selector || Object.keys(selector).length === 0) return undefined;
  for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet'] as const) {
    for (const w of store.list(kind)) {
      if (w.namespace !== service.namespace) continue;
      const labels: Record<string, string | undefined> = w.obj.spec?.template?.metadata?.labels ?? {};
      if (!Object.entries(selector).every(([k, v]) => labels[k] === v)) continue;
      for (const vol of w.obj.spec?.template?.spec?.volumes ?? []) {
        const name = vol?.secret?.secretName;
        const secret = name ? store.get('Secret', w.namespace, name) : undefined;
        const pem = secret ? (decode(secret.obj.data?.['tls.crt']) ?? secret.obj.stringData?.['tls.crt']) : undefined;
        if (!pem) continue;
        try {
          return new X509Certificate(pem);
        } catch {
          continue;
        }
      }
    }
  }
  return undefined;
}

/** The CA certificates a BackendTLSPolicy trusts (its resolvable caCertificateRefs). @internal */
export function policyCaCertificates(store: ObjectStore, policy: StoredObject<StoredKinds['BackendTLSPolicy']>): X509Certificate[] {
  const out: X509Certificate[] = [];
  for (const ref of policy.obj.spec?.validation?.caCertificateRefs ?? []) {
    const o = store.get(ref.kind ?? 'ConfigMap', policy.namespace, ref.name);
    const pem = o ? (o.kind === 'Secret' ? decode(dataOf(o).data?.['ca.crt']) : dataOf(o).data?.['ca.crt']) : undefined;
    if (!pem) continue;
    for (const block of pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? []) {
      try {
        out.push(new X509Certificate(block));
      } catch {
        // an unparseable block is not a trust anchor
      }
    }
  }
  return out;
}

/**
 * Why the Gateway would refuse a backend's certificate under a
 * BackendTLSPolicy, or undefined when it verifies: it must be issued by one
 * of the policy's CA certificates (unless the policy relies on well-known
 * CAs), and match one of `subjectAltNames` (Hostname or URI) or, when none
 * are listed, `validation.hostname`. @internal
 */
export function backendCertificateProblem(cert: X509Certificate, cas: readonly X509Certificate[], validation: BackendTLSPolicyValidation | undefined): string | undefined {
  if (!validation?.wellKnownCACertificates) {
    if (!cas.some((ca) => cert.checkIssued(ca) && cert.verify(ca.publicKey))) return `the backend certificate (${cert.subject.replace(/\n/g, ', ')}) is not issued by a CA the policy trusts`;
  }
  const sans = validation?.subjectAltNames ?? [];
  if (sans.length > 0) {
    const names = (cert.subjectAltName ?? '').split(', ');
    const ok = sans.some((s) => (s.type === 'Hostname' ? cert.checkHost(s.hostname ?? '') !== undefined : names.includes(`URI:${s.uri}`)));
    return ok ? undefined : `the backend certificate matches none of the subjectAltNames ${sans.map((s) => s.hostname ?? s.uri).join(', ')}`;
  }
  if (validation?.hostname && cert.checkHost(validation.hostname) === undefined) return `the backend certificate is not valid for hostname ${validation.hostname}`;
  return undefined;
}
