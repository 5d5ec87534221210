import * as fs from 'fs';
import { GATEWAY_API_GROUP } from '../model';
import { SubtreeSharing } from './shared-subtrees';
import { StoredDocument, StoredKinds } from './stored-kinds';
import { isAdmissionError } from '../validation/admission';
import { EXPERIMENTAL_API_GROUP } from '../validation/api-version';
import { parseApiVersion } from '../validation/crd-data';
import type { Diagnostic } from '../validation/diagnostic';
import { isJsonData } from '../validation/json-clone';
import { expandManifestItems, parseManifestText } from '../validation/manifest-text';
import { finish, inspectObject } from '../validation/validate-object';
import { workCounters } from '../validation/work-counters';

/** Core kinds the data plane reads (everything else outside the Gateway API group is ignored). */
const CORE_KINDS = new Set(['Namespace', 'Service', 'Secret', 'ConfigMap']);

/**
 * Workload kinds the plane reads for one purpose only: the certificate a
 * backend serves (a Secret mounted in the pods a Service selects), which
 * BackendTLSPolicy verification needs.
 */
const WORKLOAD_KINDS = new Set(['apps/Deployment', 'apps/StatefulSet', 'apps/DaemonSet']);

/** One object held by the plane, with where it came from and its age rank. */
export interface StoredObject<T extends StoredDocument = StoredDocument> {
  /** Object kind. */
  readonly kind: string;
  /** Namespace (`''` for cluster-scoped kinds). */
  readonly namespace: string;
  /** Object name. */
  readonly name: string;
  /** The object with CRD defaults applied (never the caller's own instance). */
  readonly obj: T;
  /** Where it was loaded from. */
  readonly source: string;
  /** Document index within the source. */
  readonly index: number;
  /** creationTimestamp in ms, when the object has a valid one. @default - absent when the object has no valid creationTimestamp (it counts as created after every object with one) */
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
  /** Path of the object inside a list document (`items[2]`), when it came from one. @default - absent for a document that is itself the object */
  readonly item?: string;
}

/** Whether the plane reads objects of this group and kind (every other object is ignored). */
export function isModelledKind(group: string, kind: string): boolean {
  // The experimental group is read so that its kinds get validation's verdict (XListenerSet is refused, naming ListenerSet).
  return group === GATEWAY_API_GROUP || group === EXPERIMENTAL_API_GROUP || (group === '' && CORE_KINDS.has(kind)) || WORKLOAD_KINDS.has(`${group}/${kind}`);
}

/** What admission concluded about a document, as the cache keeps it: its admission errors, else the JSON text of the object to store. */
interface AdmissionCheck {
  readonly errors: readonly Diagnostic[];
  /** The defaulted object without its status, as JSON text (absent when there are errors). @default - absent when refused */
  readonly admittedJson?: string;
}

/** What admission concluded about one document: its admission errors, else the object to store (the plane's own copy). */
interface Admission {
  readonly errors: readonly Diagnostic[];
  /** The defaulted object without its status. @default - absent when refused */
  readonly admitted?: StoredDocument;
}

/**
 * Admission checks by channel and JSON text of the document: the checks are a
 * pure function of the two, and a test loads the same chart into a plane once
 * per matcher. Bounded: cleared when it reaches ADMISSION_CACHE_LIMIT entries,
 * so a plane of 100,000 distinct objects holds none of it for long.
 */
const admissionCache = new Map<string, AdmissionCheck>();
const ADMISSION_CACHE_LIMIT = 2_000;

/**
 * The admission of a document, from the cache when `useCache` (a load of
 * more documents than the cache holds bypasses it: none of its checks would
 * still be there when the same load comes again, and every one would be
 * garbage V8 has promoted to its old generation, raising a large load's peak
 * memory).
 */
function admission(doc: unknown, channel: 'standard' | 'experimental', useCache: boolean): Admission {
  const key = useCache ? `${channel}\n${JSON.stringify(doc)}` : undefined;
  const cached = key === undefined ? undefined : admissionCache.get(key);
  if (cached) {
    workCounters.admissionsReused++;
    return { errors: cached.errors, ...(cached.admittedJson !== undefined ? { admitted: JSON.parse(cached.admittedJson) as StoredDocument } : {}) };
  }
  const inspection = inspectObject(doc, { channel });
  const errors = inspection.diagnostics.filter(isAdmissionError);
  let admitted: StoredDocument | undefined;
  if (errors.length === 0) {
    // The plane computes status itself; any status the document carries is left out.
    const { status: _status, ...stripped } = (inspection.defaulted ?? doc) as Record<string, unknown>;
    // The defaulted copy is new and nothing else holds it, so it is stored as it is when its JSON round trip
    // would give the same (no second copy of every object, which a large load would promote to V8's old
    // generation and drop). A kind without defaults gives the caller's own object back, and a copy holding
    // undefined, a Date or -0 is not JSON data: both are stored as their JSON round trip, as a YAML or JSON
    // reader would give them.
    const own = inspection.defaulted !== undefined && isJsonData(stripped);
    if (own) workCounters.admittedWithoutRoundTrip++;
    admitted = (own ? stripped : JSON.parse(JSON.stringify(stripped))) as StoredDocument;
  }
  if (key !== undefined) {
    if (admissionCache.size >= ADMISSION_CACHE_LIMIT) admissionCache.clear();
    admissionCache.set(key, { errors, ...(admitted ? { admittedJson: JSON.stringify(admitted) } : {}) });
  }
  return { errors, ...(admitted ? { admitted } : {}) };
}

/**
 * Checks one document and returns the stored object, or diagnostics. The
 * checks are the validation engine's checks of one object
 * (`validateManifests` reports the same errors with the same messages): an
 * object with an error the API server would refuse it for (see
 * `isAdmissionError`) is refused. Findings a controller acts on (an invalid
 * regular expression, weights that are all zero) leave the object loaded,
 * to be modelled as status and traffic. Kinds the plane does not model give neither (they are ignored).
 */
function admitDocument(d: SourcedDocument, order: number, diagnostics: Diagnostic[], channel: 'standard' | 'experimental', useCache: boolean, sharing: SubtreeSharing): StoredObject | undefined {
  const { doc } = d;
  if (doc === null || doc === undefined) return undefined;
  const o: Partial<Record<string, unknown>> | undefined = typeof doc === 'object' && !Array.isArray(doc) ? doc as Record<string, unknown> : undefined;
  if (o && typeof o.kind === 'string' && typeof o.apiVersion === 'string') {
    if (!isModelledKind(parseApiVersion(o.apiVersion).group, o.kind)) return undefined;
  }
  const { errors, admitted: copy } = admission(doc, channel, useCache);
  if (errors.length > 0) {
    // The validation engine's own diagnostics: same code, severity, object, field and message as validateManifests.
    for (const p of errors) diagnostics.push(finish(p, sourceOf(d)));
    return undefined;
  }
  // Admission passed: the document is an object with a kind and metadata.
  const admitted = o as { kind: string; metadata: { name?: unknown; namespace?: string; generateName?: string; creationTimestamp?: unknown } };
  const meta = admitted.metadata;
  if (typeof meta.name !== 'string' || meta.name === '') {
    // generateName passes validation (the API server picks the name); the plane has no server to pick one.
    diagnostics.push({
      code: 'plane/name-required',
      severity: 'error',
      source: sourceOf(d),
      object: { kind: admitted.kind, ...(typeof meta.namespace === 'string' ? { namespace: meta.namespace } : {}) },
      field: 'metadata.name',
      message: `is required by the data plane (it does not generate names from generateName ${JSON.stringify(meta.generateName)})`,
    });
    return undefined;
  }
  const clusterScoped = admitted.kind === 'GatewayClass' || admitted.kind === 'Namespace';
  const namespace = clusterScoped ? '' : (meta.namespace || 'default');
  workCounters.objectsAdmitted++;
  const created = typeof meta.creationTimestamp === 'string' ? Date.parse(meta.creationTimestamp) : undefined;
  // Admission passed, so it gave the object to store (JSON data, the plane's own): a kind isModelledKind admits, one of
  // the StoredKinds shapes.
  return { kind: admitted.kind, namespace, name: meta.name, obj: sharing.shareParts(copy!), source: d.source, index: d.index, created, order };
}

/** Parses multi-document YAML (or JSON) into sourced documents with the validation engine's reader; a problem becomes a diagnostic. */
export function parseYamlDocuments(text: string, source: string, diagnostics: Diagnostic[]): SourcedDocument[] {
  const read = parseManifestText(text, source);
  diagnostics.push(...read.diagnostics);
  return read.documents.map((doc) => ({ doc: doc.value, source, index: doc.index }));
}

/** Reads files (multi-document YAML or JSON); an unreadable file becomes a diagnostic. */
export function readFiles(paths: readonly string[], diagnostics: Diagnostic[]): SourcedDocument[] {
  const out: SourcedDocument[] = [];
  for (const p of paths) {
    let text: string;
    try {
      text = fs.readFileSync(p, 'utf8');
    } catch (e) {
      diagnostics.push({ code: 'input/unreadable', severity: 'error', source: p, message: `cannot read the file: ${(e as Error).message}` });
      continue;
    }
    out.push(...parseYamlDocuments(text, p, diagnostics));
  }
  return out;
}

/**
 * Where a document came from, as diagnostics name it: `file#2`, or
 * `file#2.items[1]` for an object of a list document (the form
 * `validateManifests` uses for files).
 */
function sourceOf(d: SourcedDocument): string {
  return `${d.source}#${d.index}${d.item ? `.${d.item}` : ''}`;
}

/** Key of an object within the store. */
function objectKey(kind: string, namespace: string, name: string): string {
  // Flat (a template literal would keep a chain of concatenated strings per stored object).
  return [kind, namespace, name].join('|');
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
  /** Whether admission checks go through the process-wide cache (not during a load larger than the cache). */
  private admissionCached = true;
  /** Equal parts of the stored objects, shared (sized for the first load). */
  private readonly sharing: SubtreeSharing;

  /** Builds a store from documents; problems land in `diagnostics`. */
  public constructor(docs: readonly SourcedDocument[], public readonly diagnostics: Diagnostic[] = [], public readonly channel: 'standard' | 'experimental' = 'experimental') {
    this.sharing = new SubtreeSharing(docs.length);
    this.admissionCached = docs.length <= ADMISSION_CACHE_LIMIT;
    for (const d of docs) this.apply(d, true);
    this.admissionCached = true;
  }

  /**
   * Adds or replaces one document's object. With `reportDuplicates`, a
   * replacement is also recorded as a diagnostic (two documents of one load
   * naming the same object are usually a mistake).
   */
  public apply(d: SourcedDocument, reportDuplicates = false): void {
    // A JSON array or a `kind: List` document (kubectl get -o yaml) holds several objects.
    const items = expandManifestItems(d.doc, d.item);
    if (items.length !== 1 || items[0].value !== d.doc) {
      for (const it of items) this.apply({ ...d, doc: it.value, item: it.item }, reportDuplicates);
      return;
    }
    const stored = admitDocument(d, this.nextOrder, this.diagnostics, this.channel, this.admissionCached, this.sharing);
    if (!stored) return;
    const key = objectKey(stored.kind, stored.namespace, stored.name);
    const prev = this.byKey.get(key);
    if (prev && reportDuplicates) {
      this.diagnostics.push({
        code: 'object/duplicate',
        severity: 'error',
        source: sourceOf(d),
        object: { kind: stored.kind, ...(stored.namespace ? { namespace: stored.namespace } : {}), name: stored.name },
        field: 'metadata.name',
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
  public get<K extends keyof StoredKinds>(kind: K, namespace: string, name: string): StoredObject<StoredKinds[K]> | undefined;
  public get(kind: string, namespace: string, name: string): StoredObject | undefined;
  public get(kind: string, namespace: string, name: string): StoredObject | undefined {
    return this.byKey.get(objectKey(kind, namespace, name));
  }

  /** Every object of a kind, oldest first (see {@link compareAge}). */
  public list<K extends keyof StoredKinds>(kind: K): readonly StoredObject<StoredKinds[K]>[];
  public list(kind: string): readonly StoredObject[];
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
