import * as fs from 'fs';
import * as YAML from 'yaml';
import { CrdValidationData, EXPERIMENTAL_CRDS } from '../../generated';
import { GATEWAY_API_GROUP } from '../model';
import { checkServedVersion } from '../validation/api-version';
import { parseApiVersion } from '../validation/crd-data';
import { applyDefaults } from '../validation/defaults';
import { validateSchema } from '../validation/schema-validator';
import { LoadDiagnostic } from './diagnostics';

/** Core kinds the data plane reads (everything else outside the Gateway API group is ignored). */
const CORE_KINDS = new Set(['Namespace', 'Service', 'Secret', 'ConfigMap']);

/**
 * Workload kinds the plane reads for one purpose only: the certificate a
 * backend serves (a Secret mounted in the pods a Service selects), which
 * BackendTLSPolicy verification needs.
 */
const WORKLOAD_KINDS = new Set(['apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet']);

/** One object held by the plane, with where it came from and its age rank. */
export interface StoredObject {
  /** Object kind. */
  readonly kind: string;
  /** Namespace (`''` for cluster-scoped kinds). */
  readonly namespace: string;
  /** Object name. */
  readonly name: string;
  /** The object with CRD defaults applied (never the caller's own instance). */
  readonly obj: any;
  /** Where it was loaded from. */
  readonly source: string;
  /** Document index within the source. */
  readonly index: number;
  /** creationTimestamp in ms, when the object has a valid one. */
  readonly created?: number;
  /** Load order; the creationTimestamp stand-in for objects without one. */
  readonly order: number;
}

/** A raw document with its origin. */
export interface SourcedDocument {
  /** The parsed document. */
  readonly doc: unknown;
  /** File path or other origin. */
  readonly source: string;
  /** Document index within the source. */
  readonly index: number;
  /** Path of the object inside a list document (`items[2]`), when it came from one. */
  readonly item?: string;
}

/** The data plane models every kind of the experimental channel (a superset of the standard one). */
function crdOf(kind: string): CrdValidationData | undefined {
  return (EXPERIMENTAL_CRDS as Record<string, CrdValidationData>)[kind];
}

/**
 * Checks one document and returns the stored object, or diagnostics. Kinds
 * the plane does not model give neither (they are ignored).
 */
export function admitDocument(d: SourcedDocument, order: number, diagnostics: LoadDiagnostic[]): StoredObject | undefined {
  const { doc, source, index } = d;
  if (doc === null || doc === undefined) return undefined;
  const at = (field: string) => (d.item ? (field ? `${d.item}.${field}` : d.item) : field);
  const base = { source, index };
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    diagnostics.push({ ...base, field: at(''), message: `expected a Kubernetes object (a mapping), got ${Array.isArray(doc) ? 'a list' : JSON.stringify(doc)}` });
    return undefined;
  }
  const o = doc as any;
  if (typeof o.kind !== 'string' || o.kind === '') {
    diagnostics.push({ ...base, field: at('kind'), message: `is required (a string such as HTTPRoute), got ${JSON.stringify(o.kind)}` });
    return undefined;
  }
  if (typeof o.apiVersion !== 'string' || o.apiVersion === '') {
    diagnostics.push({ ...base, kind: o.kind, field: at('apiVersion'), message: `is required, got ${JSON.stringify(o.apiVersion)}` });
    return undefined;
  }
  const { group, version } = parseApiVersion(o.apiVersion);
  const modelled = group === GATEWAY_API_GROUP ? crdOf(o.kind) !== undefined : (group === '' && CORE_KINDS.has(o.kind)) || WORKLOAD_KINDS.has(`${group}/${o.kind}`);
  if (!modelled) return undefined;
  const meta = o.metadata;
  if (!meta || typeof meta !== 'object' || typeof meta.name !== 'string' || meta.name === '') {
    diagnostics.push({ ...base, kind: o.kind, field: at('metadata.name'), message: `is required (a non-empty string), got ${JSON.stringify(meta?.name)}` });
    return undefined;
  }
  const clusterScoped = o.kind === 'GatewayClass' || o.kind === 'Namespace';
  if (meta.namespace !== undefined && typeof meta.namespace !== 'string') {
    diagnostics.push({ ...base, kind: o.kind, name: meta.name, field: at('metadata.namespace'), message: `must be a string, got ${JSON.stringify(meta.namespace)}` });
    return undefined;
  }
  const namespace = clusterScoped ? '' : (meta.namespace || 'default');
  const name = clusterScoped ? meta.name : `${namespace}/${meta.name}`;
  const stripped = { ...o };
  delete stripped.status;
  let copy: any = JSON.parse(JSON.stringify(stripped));
  if (group === GATEWAY_API_GROUP) {
    // Admission as the API server does it, with the validation engine: served version, CRD defaults, schema.
    const crd = crdOf(o.kind)!;
    copy = applyDefaults(copy, { channel: 'experimental' });
    const identity = { kind: o.kind, namespace: clusterScoped ? undefined : namespace, name: meta.name };
    const problems = [...checkServedVersion(crd, version, identity), ...validateSchema(copy, crd, identity)]
      .filter((p) => p.severity === 'error');
    if (problems.length > 0) {
      for (const p of problems) diagnostics.push({ ...base, kind: o.kind, name, field: at(p.field ?? ''), message: p.message });
      return undefined;
    }
  }
  let created: number | undefined;
  if (typeof meta.creationTimestamp === 'string') {
    const t = Date.parse(meta.creationTimestamp);
    if (Number.isNaN(t)) {
      diagnostics.push({ ...base, kind: o.kind, name, field: at('metadata.creationTimestamp'), message: `is not an RFC 3339 time: ${JSON.stringify(meta.creationTimestamp)}` });
      return undefined;
    }
    created = t;
  }
  return { kind: o.kind, namespace, name: meta.name, obj: copy, source, index, created, order };
}

/** Parses multi-document YAML into sourced documents; a parse error becomes a diagnostic. */
export function parseYamlDocuments(text: string, source: string, diagnostics: LoadDiagnostic[]): SourcedDocument[] {
  const out: SourcedDocument[] = [];
  const docs = YAML.parseAllDocuments(text);
  docs.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      diagnostics.push({ source, index, field: '', message: `YAML does not parse: ${doc.errors[0].message.split('\n')[0]}` });
      return;
    }
    let value: unknown;
    try {
      value = doc.toJSON();
    } catch (e: any) {
      // A document can parse and still not convert, e.g. an alias to an anchor it never defines.
      diagnostics.push({ source, index, field: '', message: `YAML does not convert to data: ${String(e?.message ?? e).split('\n')[0]}` });
      return;
    }
    out.push({ doc: value, source, index });
  });
  return out;
}

/** Reads files (multi-document YAML or JSON); an unreadable file becomes a diagnostic. */
export function readFiles(paths: readonly string[], diagnostics: LoadDiagnostic[]): SourcedDocument[] {
  const out: SourcedDocument[] = [];
  for (const p of paths) {
    let text: string;
    try {
      text = fs.readFileSync(p, 'utf8');
    } catch (e: any) {
      diagnostics.push({ source: p, index: 0, field: '', message: `cannot read the file: ${e.message}` });
      continue;
    }
    out.push(...parseYamlDocuments(text, p, diagnostics));
  }
  return out;
}

/** Key of an object within the store. */
export function objectKey(kind: string, namespace: string, name: string): string {
  return `${kind}|${namespace}|${name}`;
}

/**
 * The objects of a plane, by kind and name. A later document with the same
 * kind, namespace and name replaces the earlier one but keeps its age rank
 * (it is an update of the same object).
 */
export class ObjectStore {
  private readonly byKey = new Map<string, StoredObject>();
  private readonly byKind = new Map<string, StoredObject[]>();
  private nextOrder = 0;

  /** Builds a store from documents; problems land in `diagnostics`. */
  public constructor(docs: readonly SourcedDocument[], public readonly diagnostics: LoadDiagnostic[] = []) {
    for (const d of docs) this.apply(d, true);
  }

  /**
   * Adds or replaces one document's object. With `reportDuplicates`, a
   * replacement is also recorded as a diagnostic (two documents of one load
   * naming the same object are usually a mistake).
   */
  public apply(d: SourcedDocument, reportDuplicates = false): void {
    // A JSON array or a `kind: List` document (kubectl get -o yaml) holds several objects.
    const doc: any = d.doc;
    const items = Array.isArray(doc) ? doc : doc && typeof doc === 'object' && typeof doc.kind === 'string' && doc.kind.endsWith('List') && Array.isArray(doc.items) ? doc.items : undefined;
    if (items) {
      items.forEach((item: unknown, i: number) => this.apply({ ...d, doc: item, item: `${d.item ? `${d.item}.` : ''}${Array.isArray(doc) ? `[${i}]` : `items[${i}]`}` }, reportDuplicates));
      return;
    }
    const stored = admitDocument(d, this.nextOrder, this.diagnostics);
    if (!stored) return;
    const key = objectKey(stored.kind, stored.namespace, stored.name);
    const prev = this.byKey.get(key);
    if (prev && reportDuplicates) {
      this.diagnostics.push({
        source: d.source, index: d.index, kind: stored.kind, name: stored.namespace ? `${stored.namespace}/${stored.name}` : stored.name, field: 'metadata.name',
        message: `names the same object as ${prev.source}#${prev.index}; this later document replaces it`,
      });
    }
    const entry = prev ? { ...stored, order: prev.order } : stored;
    if (!prev) this.nextOrder++;
    this.byKey.set(key, entry);
    this.byKind.delete(stored.kind);
  }

  /** Removes an object; returns whether it was there. */
  public delete(kind: string, namespace: string, name: string): boolean {
    const ok = this.byKey.delete(objectKey(kind, namespace, name));
    this.byKind.delete(kind);
    return ok;
  }

  /** One object, or undefined. Cluster-scoped kinds use namespace `''`. */
  public get(kind: string, namespace: string, name: string): StoredObject | undefined {
    return this.byKey.get(objectKey(kind, namespace, name));
  }

  /** Every object of a kind, oldest first (see {@link compareAge}). */
  public list(kind: string): readonly StoredObject[] {
    let l = this.byKind.get(kind);
    if (!l) {
      l = [...this.byKey.values()].filter((o) => o.kind === kind).sort(compareAge);
      this.byKind.set(kind, l);
    }
    return l;
  }

  /** Every object, in load order. */
  public all(): StoredObject[] {
    return [...this.byKey.values()].sort((a, b) => a.order - b.order);
  }
}

/**
 * Orders objects oldest first: by creationTimestamp where both have one;
 * an object without one counts as created after every object with one, and
 * objects without one are ordered by load (document) order. Remaining ties
 * fall to `namespace/name` alphabetically.
 */
export function compareAge(a: StoredObject, b: StoredObject): number {
  if (a.created !== undefined && b.created !== undefined && a.created !== b.created) return a.created - b.created;
  if (a.created !== undefined && b.created === undefined) return -1;
  if (a.created === undefined && b.created !== undefined) return 1;
  if (a.created === undefined && b.created === undefined && a.order !== b.order) return a.order - b.order;
  const an = `${a.namespace}/${a.name}`;
  const bn = `${b.namespace}/${b.name}`;
  return an < bn ? -1 : an > bn ? 1 : 0;
}

/** Whether comparing the ages of `a` and `b` fell back to document order (neither has a creationTimestamp). */
export function ageDependsOnDocumentOrder(a: StoredObject, b: StoredObject): boolean {
  return a.created === undefined && b.created === undefined && a.order !== b.order;
}
