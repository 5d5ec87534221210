/**
 * The result type of every check in this folder, and how it prints.
 */

/** The object a diagnostic is about. */
export interface DiagnosticObject {
  /** `kind` of the object, e.g. `HTTPRoute`. */
  readonly kind: string;
  /**
   * `metadata.namespace`, when the object has one.
   * @default - cluster-scoped, or the document gave none
   */
  readonly namespace?: string;
  /**
   * `metadata.name`, when the object has one.
   * @default - the document gave none (printed as `(unnamed)`)
   */
  readonly name?: string;
}

/** One problem found in a manifest. */
export interface Diagnostic {
  /**
   * Stable identifier of the check that fired, e.g. `schema/required`,
   * `cel/HTTPRoute/service-port-required` or `xref/listener-not-allowed`.
   * Every code is listed in docs/validation.md.
   */
  readonly code: string;
  /** `error` fails validation (the API server or a controller would reject it); `warning` does not. */
  readonly severity: 'error' | 'warning';
  /** What is wrong, the offending value, and what would be valid. */
  readonly message: string;
  /**
   * What to change to resolve the problem, when the check knows one (the
   * message ends with it too, after `; `). Tools that show the fix apart
   * (the cdk8s-cli plugin's "How to fix") read it here.
   * @default - the check names no single fix (docs/validation.md describes the code)
   */
  readonly fix?: string;
  /**
   * The object the problem is in.
   * @default - the problem is not in one object (an unreadable file, YAML that does not parse)
   */
  readonly object?: DiagnosticObject;
  /**
   * Location inside the object, e.g. `spec.rules[1].matches[0].path.value`.
   * @default - the object as a whole
   */
  readonly field?: string;
  /**
   * Where the object came from, e.g. `routes.yaml#2` (file and 0-based document index) or a construct path.
   * @default - the caller gave no source for the object
   */
  readonly source?: string;
  /**
   * Where the problem is in the text it was read from: the file, the
   * document (counted from 0) and the 1-based line and column of the field
   * the diagnostic names (of the nearest enclosing field that exists, when
   * the field itself is missing). Set by the readers of manifest text (and the
   * command line); objects built in code have none.
   * @default - not known (the object was not read from text)
   */
  readonly location?: DiagnosticLocation;
}

/** A place in a manifest file; what is not known is absent, never guessed. */
export interface DiagnosticLocation {
  /** The file (as given on the command line, or `stdin`). */
  readonly file: string;
  /**
   * The document within the file, counted from 0.
   * @default - the problem is about the file as a whole
   */
  readonly document?: number;
  /**
   * 1-based line.
   * @default - not known
   */
  readonly line?: number;
  /**
   * 1-based column.
   * @default - not known
   */
  readonly column?: number;
}

/** Options shared by every validation entry point. */
export interface ValidateOptions {
  /**
   * Which Gateway API v1.6.1 release channel the cluster runs. The experimental channel
   * accepts more fields (and serves some older versions) than the standard one.
   * @default 'standard'
   */
  readonly channel?: 'standard' | 'experimental';
}

/** An object to validate together with where it came from. */
export interface SourcedObject {
  /** The parsed manifest. */
  readonly object: unknown;
  /**
   * Where it came from, copied into every diagnostic about it (e.g. `routes.yaml#2`).
   * @default - diagnostics about the object carry no source
   */
  readonly source?: string;
}

/** A message that ends with its fix (`problem; fix`), and that fix on its own for {@link Diagnostic.fix}. */
export function withFix(problem: string, fix: string): { message: string; fix: string } {
  return { message: `${problem}; ${fix}`, fix };
}

/** Renders `kind namespace/name` (or `kind name` for objects without a namespace). */
export function describeObject(o: DiagnosticObject): string {
  const id = o.name === undefined ? '(unnamed)' : o.namespace ? `${o.namespace}/${o.name}` : o.name;
  return `${o.kind} ${id}`;
}

/**
 * Formats a diagnostic as one line:
 * `routes.yaml#2: error HTTPRoute production/api spec.rules[0]: <message> [cel/HTTPRoute/...]`.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const parts: string[] = [];
  if (d.source) parts.push(`${d.source}:`);
  parts.push(d.severity);
  if (d.object) parts.push(describeObject(d.object));
  if (d.field) parts.push(`${d.field}:`);
  else parts[parts.length - 1] += ':';
  parts.push(d.message);
  return `${parts.join(' ')} [${d.code}]`;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
