/**
 * The one reader of manifest text (multi-document YAML, or JSON) shared by
 * validation and the data plane, so that both see the same documents and the
 * same problems. Hostile or broken input (an alias that expands without
 * bound, an alias to an anchor that does not exist, a syntax error) becomes a
 * diagnostic for that document; reading never throws.
 */
import { parseAllDocuments } from 'yaml';
import type { Diagnostic } from './diagnostic';
import { isJsonObject } from './structural-schema';

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
  /** One `input/yaml-error` per document that did not; `source` is `name#index`. */
  readonly diagnostics: Diagnostic[];
}

/** Parses `text`; `name` (a file path, `stdin`, ...) is used in the sources of the diagnostics. */
export function parseManifestText(text: string, name: string): ManifestText {
  const documents: ManifestDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  const fail = (index: number, message: string) => diagnostics.push({ code: 'input/yaml-error', severity: 'error', source: `${name}#${index}`, message });
  let parsed: ReturnType<typeof parseAllDocuments>;
  try {
    parsed = parseAllDocuments(text);
  } catch (err) {
    fail(0, `the text is not valid YAML: ${firstLine(err)}`);
    return { documents, diagnostics };
  }
  const docs = Array.isArray(parsed) ? parsed : [];
  docs.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      fail(index, `document ${index} is not valid YAML: ${firstLine(doc.errors[0])}`);
      return;
    }
    try {
      // The default alias limit of `yaml` refuses documents whose aliases expand out of proportion (alias bombs).
      documents.push({ value: doc.toJS(), index });
    } catch (err) {
      fail(index, `document ${index} does not convert to data: ${firstLine(err)}`);
    }
  });
  return { documents, diagnostics };
}

function firstLine(err: unknown): string {
  return String((err as Error | undefined)?.message ?? err).split('\n')[0];
}

/** One object of a document: the document itself, or an element of a list document. */
interface ManifestItem {
  /** The object (or whatever the element is). */
  readonly value: unknown;
  /** Where inside the document it is (`items[2]`, `[0]`), or undefined for the document itself. @default - absent for the document itself */
  readonly item?: string;
}

/**
 * The objects a document holds: a JSON array's elements, the `items` of a
 * `kind: List` (or any `...List` kind, as `kubectl get -o yaml` prints), or
 * the document itself.
 */
export function expandManifestItems(value: unknown, prefix?: string): ManifestItem[] {
  const at = (s: string) => (prefix ? `${prefix}.${s}` : s);
  if (Array.isArray(value)) return value.flatMap((v, i) => expandManifestItems(v, at(`[${i}]`)));
  if (isJsonObject(value) && typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items)) {
    return value.items.flatMap((v, i) => expandManifestItems(v, at(`items[${i}]`)));
  }
  return [{ value, ...(prefix ? { item: prefix } : {}) }];
}
