/**
 * The one reader of manifest text (multi-document YAML, or JSON) shared by
 * validation and the data plane, so that both see the same documents and the
 * same problems. Hostile or broken input (an alias that expands without
 * bound, an alias to an anchor that does not exist, a syntax error) becomes a
 * diagnostic for that document, and so does a document that is a list (a
 * top-level YAML sequence or JSON array), which kubectl refuses. Files
 * cdk8s tooling writes beside the manifests (construct-metadata.json, ...)
 * are listed as skipped, read by neither. Reading never throws.
 */
import type { Diagnostic } from './diagnostic';
import { TextPositions } from './manifest-positions';
import { isJsonObject } from './structural-schema';
import { nonManifestKind } from './tooling-output';
import { yamlLibrary } from './yaml-library';

/** One document of a text, parsed to plain data. */
interface ManifestDocument {
  /** The parsed value (`null` for an empty document). */
  readonly value: unknown;
  /** Zero-based document index within the text. */
  readonly index: number;
}

/** What reading one text gave. */
interface ManifestText {
  /** The documents that parsed, in order. */
  readonly documents: ManifestDocument[];
  /**
   * One `input/yaml-error` per document that did not parse, `input/list-document` per document that is a list; `source` is `name#index`,
   * `location` the file, the document and, when known, the line and column of the error (or of the document).
   */
  readonly diagnostics: Diagnostic[];
  /** Documents left out because they are files cdk8s tooling writes beside the manifests, not objects (see tooling-output.ts). */
  readonly skipped: SkippedDocument[];
  /** Lines and columns of the fields of the documents. */
  readonly positions: TextPositions;
}

/** A document that is not a Kubernetes object but known tooling output, left out of what is read. */
export interface SkippedDocument {
  /** `name#document`. */
  readonly source: string;
  /** What it is, e.g. `the construct metadata cdk8s synth records for validation plugins`. */
  readonly what: string;
}

/** Parses `text`; `name` (a file path, `stdin`, ...) is used in the sources of the diagnostics. */
export function parseManifestText(text: string, name: string): ManifestText {
  const documents: ManifestDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  const skipped: SkippedDocument[] = [];
  const { LineCounter, parseAllDocuments } = yamlLibrary();
  const lines = new LineCounter();
  const fail = (index: number, message: string, at?: { line?: number; column?: number }) => diagnostics.push({
    code: 'input/yaml-error', severity: 'error', source: `${name}#${index}`, message, location: { file: name, document: index, ...(at ? { line: at.line, column: at.column } : {}) },
  });
  let parsed: ReturnType<typeof parseAllDocuments>;
  try {
    parsed = parseAllDocuments(text, { lineCounter: lines });
  } catch (err) {
    fail(0, `the text is not valid YAML: ${firstLine(err)}`);
    return { documents, diagnostics, skipped, positions: new TextPositions(name, [], lines) };
  }
  const docs = Array.isArray(parsed) ? parsed : [];
  const positions = new TextPositions(name, docs, lines);
  docs.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      const first = doc.errors[0];
      const at = first.linePos?.[0] ? { line: first.linePos[0].line, column: first.linePos[0].col } : positions.lineColumn(first.pos[0]);
      fail(index, `document ${index} is not valid YAML: ${firstLine(first)}`, at);
      return;
    }
    let value: unknown;
    try {
      // The default alias limit of `yaml` refuses documents whose aliases expand out of proportion (alias bombs).
      value = doc.toJS();
    } catch (err) {
      fail(index, `document ${index} does not convert to data: ${firstLine(err)}`, positions.locate(index, []));
      return;
    }
    if (Array.isArray(value)) {
      // kubectl refuses a document that is a list ("cannot unmarshal array"); so does every reader of this package.
      diagnostics.push({
        code: 'input/list-document',
        severity: 'error',
        source: `${name}#${index}`,
        location: positions.locate(index, []),
        message: `document ${index} is a list (a YAML sequence or JSON array) of ${value.length} element(s), not an object, and kubectl refuses it too; ` +
          'write each object as a document of its own (separated by ---), or as the items of a kind: List',
      });
      return;
    }
    const tooling = nonManifestKind(name, value);
    if (tooling) {
      skipped.push({ source: `${name}#${index}`, what: tooling });
      return;
    }
    documents.push({ value, index });
  });
  return { documents, diagnostics, skipped, positions };
}

/** The first line of an error's message, without the colon `yaml` ends it with before its excerpt of the text. */
function firstLine(err: unknown): string {
  return String((err as Error | undefined)?.message ?? err).split('\n')[0].replace(/:$/, '');
}

/** One object of a document: the document itself, or an element of a list document. */
interface ManifestItem {
  /** The object (or whatever the element is). */
  readonly value: unknown;
  /** Where inside the document it is (`items[2]`, `[0]`), or undefined for the document itself. @default - absent for the document itself */
  readonly item?: string;
}

/**
 * The objects a document holds: the `items` of a `kind: List` (or any
 * `...List` kind, as `kubectl get -o yaml` prints), an array's elements (an
 * array given as an object by code; a document of text that is a list is
 * refused by {@link parseManifestText}), or the document itself.
 */
export function expandManifestItems(value: unknown, prefix?: string): ManifestItem[] {
  const at = (s: string) => (prefix ? `${prefix}.${s}` : s);
  if (Array.isArray(value)) return value.flatMap((v, i) => expandManifestItems(v, at(`[${i}]`)));
  if (isJsonObject(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
    return value.items.flatMap((v, i) => expandManifestItems(v, at(`items[${i}]`)));
  }
  return [{ value, ...(prefix ? { item: prefix } : {}) }];
}
