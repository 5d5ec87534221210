/**
 * Input of every command: files, folders (recursively, their .yaml, .yml and
 * .json files) and `-` for standard input, read into objects that remember
 * their file and document. Unreadable input is a {@link CliError} (exit 2)
 * whose lines each name the file and the document. Files cdk8s tooling
 * writes beside the manifests (construct-metadata.json, ...) are skipped
 * with a note on standard error.
 */
import { DataPlane, type DataPlaneOptions } from '../testing';
import { CliError } from './cli-error';
import type { ControllerState } from '../testing/controller';
import { documentsOf, loadRoutes } from '../testing/controller-loader';
import type { SourcedDocument } from '../testing/object-store';
import { type Diagnostic, formatDiagnostic, type SourcedObject } from '../validation';
import { DEFAULT_CHANNEL } from '../validation/crd-data';
import { readManifestFiles } from '../validation/manifest-files';

/** A Gateway API release channel. */
export type Channel = 'standard' | 'experimental';

/** The channel of every command that reads objects, unless `--channel` says otherwise (the library's one default). */
export const CLI_DEFAULT_CHANNEL: Channel = DEFAULT_CHANNEL;

/** Help of the `--channel` option, on every command that reads objects. */
export const CHANNEL_HELP = 'release channel of the cluster\'s Gateway API v1.6.1 CRDs: standard or experimental; objects are read as that channel admits them ' +
  '(a v1alpha2 TLSRoute only in experimental)';

/** Writes a note (something the user should know that is not an error) on standard error, where it does not mix with `--json` output. */
export function writeNote(text: string): void {
  process.stderr.write(`cdk8s-gateway: note: ${text}\n`);
}

/** Help of the `--assume-missing` option of the routing commands. */
export const ASSUME_MISSING_HELP = 'stand in for what the objects name but do not define (GatewayClasses, backend Services, certificate Secrets, CA bundles), ' +
  'as testing.DataPlane\'s assumeMissing does';

/**
 * Reads the objects of `paths`; throws a {@link CliError} naming every file
 * and document that cannot be read or parsed, or when there is no object at all.
 */
export function readInput(paths: readonly string[], note: (text: string) => void = writeNote): SourcedObject[] {
  const read = readInputReportingDocuments(paths, note);
  if (read.findings.length > 0) throw new CliError(read.findings.map((d) => formatDiagnostic(d)).join('\n'));
  return read.items;
}

/** Codes of the problems of one document (not of a file or path): the commands that report findings report them as findings. */
const DOCUMENT_PROBLEMS = new Set(['input/yaml-error', 'input/list-document']);

/**
 * One pass (`validate`, `lint`, `test`): like {@link readInput}, but a
 * document that does not parse or is a list is a finding among the others
 * (`findings`, with its location), and every other document and file is
 * still read. A path that cannot be read is still a {@link CliError} (naming
 * every problem of the input), and so is input with neither objects nor findings.
 */
export function readInputReportingDocuments(paths: readonly string[], note: (text: string) => void = writeNote): { items: SourcedObject[]; findings: Diagnostic[] } {
  const read = readManifestFiles(paths);
  if (read.diagnostics.some((d) => !DOCUMENT_PROBLEMS.has(d.code))) {
    // A path that cannot be read is a usage error; every problem of the input is said with it.
    throw new CliError(read.diagnostics.map((d) => formatDiagnostic(d)).join('\n'));
  }
  const findings = read.diagnostics.filter((d) => DOCUMENT_PROBLEMS.has(d.code));
  for (const s of read.skipped ?? []) note(`${s.source}: skipped, not a Kubernetes object: ${s.what}`);
  if (read.items.length === 0 && findings.length === 0) {
    throw new CliError(`no objects in ${paths.join(', ')} (expected YAML or JSON manifests; folders are searched for .yaml, .yml and .json files)`);
  }
  return { items: read.items, findings };
}

/**
 * Runs `load` (loading objects into a data plane); when it fails with a
 * {@link CliError} (objects the plane rejects), the error names the documents
 * that did not parse too, so that one run says every input problem.
 */
export function withUnparsed<T>(unparsed: readonly Diagnostic[], load: () => T): T {
  try {
    return load();
  } catch (err) {
    if (!(err instanceof CliError) || unparsed.length === 0) throw err;
    throw new CliError([...unparsed.map((d) => formatDiagnostic(d)), err.message].join('\n'));
  }
}

/** The documents of `items` as the data plane takes them (file, document index, List item). */
export function sourcedDocuments(items: readonly SourcedObject[]): SourcedDocument[] {
  return documentsOf(items);
}

/**
 * Loads `items` into a data plane. Objects the plane rejects (what an API
 * server would refuse) are input errors: a {@link CliError} with one line per
 * object, naming the file and document, the field and what is wrong.
 */
export function loadPlane(items: readonly SourcedObject[], options: DataPlaneOptions = {}): DataPlane {
  const channel = options.channel ?? CLI_DEFAULT_CHANNEL;
  const plane = DataPlane._fromDocuments(sourcedDocuments(items), { ...options, channel });
  rejectLoadProblems(plane.diagnostics, items, channel);
  return plane;
}

/** The controller's state for `items` (for graph and lint); rejected objects are input errors as in {@link loadPlane}. */
export function loadControllerState(items: readonly SourcedObject[], options: { assumeMissing?: boolean; channel?: Channel } = {}): ControllerState {
  const channel = options.channel ?? CLI_DEFAULT_CHANNEL;
  const ctl = loadRoutes(sourcedDocuments(items), { ...options, channel }).controller;
  rejectLoadProblems(ctl.store.diagnostics, items, channel);
  return ctl;
}

function rejectLoadProblems(diagnostics: readonly Diagnostic[], items: readonly SourcedObject[], channel: Channel): void {
  if (diagnostics.length === 0) return;
  const lines = diagnostics.map((d) => `${formatDiagnostic(d)} (run \`cdk8s-gateway validate\` for every problem)`);
  if (channel === 'standard') {
    // Documents refused only because the standard channel's CRDs lack what they use (a v1alpha2 TLSRoute, an experimental field).
    const stillRefused = new Set(DataPlane._fromDocuments(sourcedDocuments(items), { channel: 'experimental' }).diagnostics.map((d) => d.source));
    const channelOnly = [...new Set(diagnostics.map((d) => d.source))].filter((s) => s !== undefined && !stillRefused.has(s));
    if (channelOnly.length > 0) {
      lines.push(`hint: the experimental channel admits ${channelOnly.join(', ')}; if the cluster runs the experimental CRDs, pass --channel experimental`);
    }
  }
  throw new CliError(lines.join('\n'));
}
