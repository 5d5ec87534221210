/**
 * Where things are in manifest text: the line and column of a field of a
 * document, from the source ranges the `yaml` parser records, and the
 * locations of diagnostics about objects read from text. A field that is
 * not in the text (a required field left out) is placed at the nearest
 * enclosing field that is; nothing is placed at all for an object that was
 * not read from text.
 */
import type { Document, LineCounter } from 'yaml';
import type { Diagnostic, DiagnosticLocation, SourcedObject } from './diagnostic';
import { parseFieldPath, type PathSegment } from './field-path';
import { yamlLibrary } from './yaml-library';

/** The parsed documents of one text with the line index of that text. */
export class TextPositions {
  public constructor(
    /** The file the text came from (as in the sources: a path, or `stdin`). */
    public readonly file: string,
    private readonly documents: readonly Pick<Document, 'contents' | 'range'>[],
    private readonly lines: LineCounter,
  ) {}

  /** 1-based line and column of a character offset of the text. */
  public lineColumn(offset: number): { line: number; column: number } {
    const p = this.lines.linePos(offset);
    return { line: p.line, column: p.col };
  }

  /**
   * The location of `segments` in document `document`: a mapping key's
   * position for a field, an element's for a list element, the document's
   * content for the empty path. Steps that are not in the text are left off
   * (the nearest enclosing field); a document that does not exist gives only
   * the file and document.
   */
  public locate(document: number, segments: readonly PathSegment[]): DiagnosticLocation {
    const doc = this.documents[document];
    const at = { file: this.file, document };
    if (!doc) return at;
    let node: unknown = doc.contents;
    let offset = rangeStart(node) ?? doc.range?.[0] ?? 0;
    const { isMap, isPair, isSeq } = yamlLibrary();
    for (const step of segments) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyText(p.key) === String(step));
        if (!pair) break;
        offset = rangeStart(pair.key) ?? rangeStart(pair.value) ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof step === 'number' && step < node.items.length) {
        node = node.items[step];
        offset = rangeStart(node) ?? offset;
      } else {
        break;
      }
    }
    return { ...at, ...this.lineColumn(offset) };
  }
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return Array.isArray(range) ? range[0] : undefined;
}

function keyText(key: unknown): string | undefined {
  if (yamlLibrary().isScalar(key)) return String(key.value);
  return undefined;
}

/** Where an object read from text is: its text, document and path inside the document (`items[2]` of a List). */
interface ObjectPosition {
  readonly text: TextPositions;
  readonly document: number;
  readonly item: readonly PathSegment[];
}

/** The position of every object the readers of text made, by the object they returned (objects built in code have none). */
const POSITIONS = new WeakMap<SourcedObject, ObjectPosition>();

/** Records where a read object is (called by the readers of manifest text). */
export function rememberPosition(object: SourcedObject, text: TextPositions, document: number, item?: string): void {
  POSITIONS.set(object, { text, document, item: item ? parseFieldPath(item) : [] });
}

/** The location of `object` itself (its first line), when it was read from text. */
export function objectLocation(object: SourcedObject): DiagnosticLocation | undefined {
  const p = POSITIONS.get(object);
  return p ? p.text.locate(p.document, p.item) : undefined;
}

/**
 * The object of `items` a diagnostic is about: the one with its source, or,
 * for a source that names only the document of a List (as the data plane's
 * findings do), the item of that document with the diagnostic's kind,
 * namespace and name.
 */
export function diagnosticItem(d: Diagnostic, items: readonly SourcedObject[], bySource?: ReadonlyMap<string, SourcedObject>): SourcedObject | undefined {
  if (d.source === undefined) return undefined;
  const exact = bySource ? bySource.get(d.source) : items.find((i) => i.source === d.source);
  if (exact || !d.object) return exact;
  const prefix = `${d.source}.`;
  return items.find((i) => {
    if (!i.source?.startsWith(prefix)) return false;
    const o = i.object as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null;
    return o?.kind === d.object!.kind && o?.metadata?.name === d.object!.name &&
      (d.object!.namespace === undefined || (o?.metadata?.namespace ?? 'default') === d.object!.namespace);
  });
}

/**
 * `diagnostics` with their `location` added where the object they are about
 * was read from text (see {@link TextPositions.locate}); a diagnostic that
 * has a location keeps it, and one about an object not read from text gets
 * none.
 */
export function locateDiagnostics(diagnostics: readonly Diagnostic[], items: readonly SourcedObject[]): Diagnostic[] {
  const bySource = new Map<string, SourcedObject>();
  for (const i of items) if (i.source !== undefined && !bySource.has(i.source)) bySource.set(i.source, i);
  return diagnostics.map((d) => {
    if (d.location) return d;
    const item = diagnosticItem(d, items, bySource);
    const p = item ? POSITIONS.get(item) : undefined;
    if (!p) return d;
    return { ...d, location: p.text.locate(p.document, [...p.item, ...(d.field ? parseFieldPath(d.field) : [])]) };
  });
}

/** The positions of a text read only to place things in it (a routing-test spec). */
export function textPositions(text: string, file: string): TextPositions {
  const { LineCounter, parseAllDocuments } = yamlLibrary();
  const lines = new LineCounter();
  try {
    return new TextPositions(file, parseAllDocuments(text, { lineCounter: lines }) as unknown as Pick<Document, 'contents' | 'range'>[], lines);
  } catch {
    return new TextPositions(file, [], lines);
  }
}
