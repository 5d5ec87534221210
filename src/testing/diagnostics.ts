/**
 * A problem found while loading objects into the data plane. The object it
 * names was left out of the model (as an API server would reject it).
 */
export interface LoadDiagnostic {
  /** Where the object came from: a file path, `chart`, `app`, `manifests` or `yaml`. */
  readonly source: string;
  /** Zero-based index of the document (or array element) within `source`. */
  readonly index: number;
  /** Kind of the object, when it could be read. */
  readonly kind?: string;
  /** `namespace/name` (or `name`) of the object, when it could be read. */
  readonly name?: string;
  /** Dotted path of the offending field, e.g. `spec.listeners[0].port`; `''` for the whole document. */
  readonly field: string;
  /** What is wrong and what would be valid. */
  readonly message: string;
  /**
   * The validation code of the problem (`schema/pattern`, `input/yaml-error`,
   * ...; see docs/validation.md): `validateManifests` reports the same
   * problem with the same code and message.
   */
  readonly code?: string;
}

/** Renders a diagnostic as one line: `file#2 HTTPRoute apps/web: spec.rules[0]: ...`. */
export function formatDiagnostic(d: LoadDiagnostic): string {
  const what = [d.kind, d.name].filter((x) => x).join(' ');
  return `${d.source}#${d.index}${what ? ` ${what}` : ''}: ${d.field ? `${d.field}: ` : ''}${d.message}`;
}
