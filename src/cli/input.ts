/**
 * Input of every command: files, folders (recursively, their .yaml, .yml and
 * .json files) and `-` for standard input, read into objects that remember
 * their file and document. Unreadable input is a {@link CliError} (exit 2)
 * whose lines each name the file and the document. Documents that are not
 * Kubernetes manifests (cdk8s tooling output, kustomize files, Helm values,
 * routing specs, the config file: see nonManifestKind) are skipped with a
 * note on standard error. Globs (`--exclude`, the config file's `exclude`)
 * leave files out; `--context` adds objects that are not reported on.
 */
import * as path from 'path';
import { DataPlane, type DataPlaneOptions } from '../testing';
import { CliError } from './cli-error';
import { firstMatch, type PathGlob } from './globs';
import type { ControllerState } from '../testing/controller';
import { documentsOf, loadRoutes } from '../testing/controller-loader';
import type { SourcedDocument } from '../testing/object-store';
import { type Diagnostic, formatDiagnostic, type SourcedObject } from '../validation';
import { DEFAULT_CHANNEL } from '../validation/crd-data';
import { manifestFilePaths, readFoundFiles, type ManifestReadOptions } from '../validation/manifest-files';

/** Which files a command reads besides its arguments, and which it leaves out. */
export interface InputSelection {
  /** Globs of files and folders to leave out (the config file's `exclude`, `--exclude`). @default - none */
  readonly exclude?: readonly PathGlob[];
  /** `--context` paths: their objects are loaded for cross-object checks, not reported on. @default - none */
  readonly context?: readonly string[];
}

/** The objects of a command's arguments and of its `--context`. */
export interface CommandInput {
  /** The objects of the arguments: reported on. */
  readonly items: SourcedObject[];
  /** The objects of `--context` that are not in the arguments' files: loaded, not reported on. */
  readonly context: SourcedObject[];
  /** With `reportDocuments`: the arguments' documents that do not parse or are lists (`input/yaml-error`, `input/list-document`). */
  readonly findings: Diagnostic[];
}

/** How {@link readCommandInput} treats documents of the arguments that cannot be read. */
export interface ReadCommandOptions {
  /** Documents that do not parse or are lists become findings (`validate`, `lint`, `test`) instead of a {@link CliError}. @default false */
  readonly reportDocuments?: boolean;
}

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
 * With `--context`, its objects come after (see {@link readCommandInput}).
 */
export function readInput(paths: readonly string[], note: (text: string) => void = writeNote, selection: InputSelection = {}): SourcedObject[] {
  const input = readCommandInput(paths, note, selection);
  return [...input.items, ...input.context];
}

/** Codes of the problems of one document (not of a file or path): the commands that report findings report them as findings. */
const DOCUMENT_PROBLEMS = new Set(['input/yaml-error', 'input/list-document']);

function excludeOption(selection: InputSelection): ManifestReadOptions {
  const globs = selection.exclude ?? [];
  return globs.length > 0 ? { exclude: (file) => firstMatch(file, globs) !== undefined } : {};
}

/**
 * Reads the objects of `paths` (reported on) and of `selection.context`
 * (loaded for cross-object checks only): a file in both is read once, as
 * reported. Problems of the arguments' files are a {@link CliError}, except
 * that with `reportDocuments` a document that does not parse or is a list
 * is one of `findings` (when every problem is of that kind); those of context
 * files are notes (the objects they hold are missing from the context).
 * Without `--context`, no object (and no finding) at all is an error.
 */
export function readCommandInput(paths: readonly string[], note: (text: string) => void = writeNote, selection: InputSelection = {},
  how: ReadCommandOptions = {}): CommandInput {
  const options = excludeOption(selection);
  const found = manifestFilePaths(paths, options);
  for (const e of found.excluded) note(`${e}: excluded by ${describeExclude(e, selection)}`);
  const read = readFoundFiles(found.files);
  const diagnostics = [...found.diagnostics, ...read.diagnostics];
  const asFindings = how.reportDocuments === true && diagnostics.every((d) => DOCUMENT_PROBLEMS.has(d.code));
  if (diagnostics.length > 0 && !asFindings) {
    // A path that cannot be read is a usage error; every problem of the input is said with it.
    throw new CliError(diagnostics.map((d) => formatDiagnostic(d)).join('\n'));
  }
  const findings = asFindings ? diagnostics : [];
  for (const s of read.skipped ?? []) note(`${s.source}: skipped, not a Kubernetes object: ${s.what}`);
  const contextPaths = selection.context ?? [];
  if (read.items.length === 0 && findings.length === 0 && contextPaths.length === 0) {
    throw new CliError(`no objects in ${paths.join(', ')} (expected YAML or JSON manifests; folders are searched for .yaml, .yml and .json files)`);
  }
  if (contextPaths.length === 0) return { items: read.items, context: [], findings };
  const reported = new Set(found.files.map((f) => path.resolve(f)));
  const contextFound = manifestFilePaths(contextPaths, options);
  const contextFiles = contextFound.files.filter((f) => !reported.has(path.resolve(f)));
  const context = readFoundFiles(contextFiles);
  for (const d of [...contextFound.diagnostics, ...context.diagnostics]) note(`--context: ${formatDiagnostic(d)} (its objects are not in the context)`);
  if (read.items.length === 0) note(`no objects in ${paths.join(', ')}`);
  const skipped = context.skipped?.length ?? 0;
  note(`--context: ${context.items.length} object(s) from ${contextFiles.length} file(s) not among the arguments${skipped > 0 ? `, ${skipped} document(s) skipped (not Kubernetes objects)` : ''}; ` +
    'their own findings are not reported');
  return { items: read.items, context: context.items, findings };
}

function describeExclude(file: string, selection: InputSelection): string {
  const g = firstMatch(file, selection.exclude ?? []);
  return g ? `${g.origin === '--exclude' ? '--exclude' : `exclude in ${g.origin}`} '${g.pattern}'` : 'an exclude';
}

/** True for a finding on an object of the context (not reported on). */
export function inContext(context: readonly SourcedObject[]): (d: Diagnostic) => boolean {
  const sources = new Set(context.map((c) => c.source));
  return (d) => d.source !== undefined && sources.has(d.source);
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
export function loadPlane(items: readonly SourcedObject[], options: DataPlaneOptions = {}, context: readonly SourcedObject[] = [], note: (text: string) => void = writeNote): DataPlane {
  const channel = options.channel ?? CLI_DEFAULT_CHANNEL;
  const plane = DataPlane._fromDocuments(sourcedDocuments(items), { ...options, channel });
  rejectLoadProblems(withoutContext(plane.diagnostics, context, note), items, channel);
  return plane;
}

/** The problems not on context objects; those on context objects (left out of the plane, not reported on) are one note each. */
function withoutContext(diagnostics: readonly Diagnostic[], context: readonly SourcedObject[], note: (text: string) => void): Diagnostic[] {
  if (context.length === 0) return [...diagnostics];
  const isContext = inContext(context);
  for (const d of diagnostics.filter(isContext)) note(`--context: ${formatDiagnostic(d)} (the object is left out)`);
  return diagnostics.filter((d) => !isContext(d));
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
