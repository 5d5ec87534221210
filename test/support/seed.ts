import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';

/** One Gateway API object shown in the seed guide, upgraded to what v1.6.1 serves. */
export interface SeedObject {
  /** The YAML file name the guide gives it (`# httproute-basic.yaml`). */
  readonly file: string;
  /** The apiVersion the guide wrote. */
  readonly originalApiVersion: string;
  /** The object as the guide wrote it. */
  readonly original: any;
  /** The same object as gateway.networking.k8s.io/v1, in the v1.6.1 schema. */
  readonly upgraded: any;
}

const GROUP = 'gateway.networking.k8s.io';

/** Reads every Gateway API object from the YAML blocks of the seed guide. */
export function seedObjects(shared: string): SeedObject[] {
  const text = fs.readFileSync(path.join(shared, 'seed/000_90665368728c9213.txt'), 'utf8');
  const out: SeedObject[] = [];
  for (const block of text.matchAll(/```yaml\n([\s\S]*?)```/g)) {
    const body = block[1];
    const file = /^# (\S+\.yaml)/m.exec(body)?.[1] ?? '(unnamed)';
    for (const doc of YAML.parseAllDocuments(body)) {
      const obj = doc.toJS();
      if (!obj || typeof obj !== 'object' || !String(obj.apiVersion ?? '').startsWith(`${GROUP}/`)) continue;
      out.push({ file, originalApiVersion: obj.apiVersion, original: obj, upgraded: upgrade(obj) });
    }
  }
  return out;
}

/**
 * The guide's v1alpha2 / v1beta1 objects as v1: the routes and ReferenceGrant
 * keep their spec; BackendTLSPolicy moves from the v1alpha2 shape
 * (`targetRef`, `tls.caCertRefs`) to v1 (`targetRefs`, `validation.caCertificateRefs`).
 */
export function upgrade(obj: any): any {
  const copy = JSON.parse(JSON.stringify(obj));
  copy.apiVersion = `${GROUP}/v1`;
  if (copy.kind === 'BackendTLSPolicy' && copy.spec?.targetRef) {
    const { targetRef, tls, ...rest } = copy.spec;
    const { caCertRefs, ...tlsRest } = tls ?? {};
    copy.spec = {
      ...rest,
      targetRefs: [targetRef],
      validation: { ...(caCertRefs ? { caCertificateRefs: caCertRefs } : {}), ...tlsRest },
    };
  }
  return copy;
}
