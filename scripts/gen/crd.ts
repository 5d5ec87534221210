import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';

/** The Gateway API group every kind we cover belongs to. */
export const GROUP = 'gateway.networking.k8s.io';
/** The version we emit and validate against. */
export const VERSION = 'v1';

/** The kinds the library covers, in the order modules are emitted. */
export const KINDS = [
  'GatewayClass',
  'Gateway',
  'ListenerSet',
  'HTTPRoute',
  'GRPCRoute',
  'TCPRoute',
  'TLSRoute',
  'UDPRoute',
  'ReferenceGrant',
  'BackendTLSPolicy',
] as const;
export type Kind = typeof KINDS[number];

/** A JSON schema node, as found in a CRD's openAPIV3Schema. */
export type SchemaNode = { [key: string]: any };

export interface LoadedCrd {
  readonly kind: Kind;
  readonly plural: string;
  readonly scope: 'Namespaced' | 'Cluster';
  /** Every version the CRD declares, with served/storage flags. */
  readonly versions: { name: string; served: boolean; storage: boolean }[];
  /** The openAPIV3Schema of the `v1` version. */
  readonly schema: SchemaNode;
  /** The openAPIV3Schema of every other version the CRD serves, by version name (in CRD order). */
  readonly olderSchemas: { name: string; schema: SchemaNode }[];
  /** The file the CRD came from, relative to the CRD folder. */
  readonly source: string;
}

/**
 * Reads the CRDs of one channel folder (`standard` or `experimental`) and
 * returns the ones for the kinds we cover, in KINDS order.
 */
export function loadChannel(channelDir: string): LoadedCrd[] {
  if (!fs.existsSync(channelDir)) {
    throw new Error(`CRD folder not found: ${channelDir} (pass --crds DIR, the folder holding standard/ and experimental/)`);
  }
  const byKind = new Map<string, LoadedCrd>();
  for (const file of fs.readdirSync(channelDir).sort()) {
    if (!file.endsWith('.yaml')) continue;
    const text = fs.readFileSync(path.join(channelDir, file), 'utf8');
    for (const doc of YAML.parseAllDocuments(text)) {
      const crd = doc.toJS();
      if (crd?.kind !== 'CustomResourceDefinition' || crd.spec?.group !== GROUP) continue;
      const kind = crd.spec.names.kind as Kind;
      if (!(KINDS as readonly string[]).includes(kind)) continue;
      const v1 = (crd.spec.versions as any[]).find(v => v.name === VERSION);
      if (!v1 || !v1.served) {
        throw new Error(`${file}: ${kind} has no served ${VERSION} version`);
      }
      byKind.set(kind, {
        kind,
        plural: crd.spec.names.plural,
        scope: crd.spec.scope,
        versions: (crd.spec.versions as any[]).map(v => ({ name: v.name, served: !!v.served, storage: !!v.storage })),
        schema: v1.schema.openAPIV3Schema,
        olderSchemas: (crd.spec.versions as any[])
          .filter(v => v.name !== VERSION && v.served)
          .map(v => ({ name: v.name, schema: v.schema.openAPIV3Schema })),
        source: path.basename(file),
      });
    }
  }
  const missing = KINDS.filter(k => !byKind.has(k));
  if (missing.length > 0) {
    throw new Error(`${channelDir}: no CRD found for ${missing.join(', ')}`);
  }
  return KINDS.map(k => byKind.get(k)!);
}

/** `HTTPRoute` -> `http-route`, `BackendTLSPolicy` -> `backend-tls-policy`. */
export function moduleName(kind: string): string {
  return kind
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase();
}
