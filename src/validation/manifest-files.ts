/**
 * Reading manifests from YAML or JSON files (multi-document YAML, `kind: List`
 * objects, directories of files) into objects that carry their source
 * (`file#index`), for the command line and for tests.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Diagnostic, SourcedObject } from './diagnostic';
import { rememberPosition } from './manifest-positions';
import { expandManifestItems, parseManifestText, type SkippedDocument } from './manifest-text';

/** The objects read, and problems reading them. */
export interface ManifestRead {
  /** Every object, in file and document order; `source` is `file#document` (`file#document.items[i]` inside a List). */
  readonly items: SourcedObject[];
  /** Files that could not be read or parsed (code `input/...`). */
  readonly diagnostics: Diagnostic[];
  /**
   * Documents left out because they are files cdk8s tooling writes beside the
   * manifests (construct metadata, validation reports, a Helm Chart.yaml), not
   * Kubernetes objects: `source` (`file#document`) and what the file is.
   * @default - none
   */
  readonly skipped?: SkippedDocument[];
  /**
   * Paths named on their own (not found by a folder walk or a glob) that the
   * `exclude` option left out.
   * @default - none
   */
  readonly excluded?: string[];
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/**
 * Parses YAML (or JSON) text holding one or more documents; `name` is used in
 * sources. Documents that are known cdk8s tooling output (see
 * tooling-output.ts) are listed in `skipped`, not read, as by every reader
 * of manifest text. Never throws.
 */
export function parseManifests(text: string, name: string): ManifestRead {
  const read = parseManifestText(text, name);
  const items: SourcedObject[] = [];
  for (const doc of read.documents) {
    if (doc.value === null || doc.value === undefined) continue;
    for (const it of expandManifestItems(doc.value)) {
      if (it.value === null || it.value === undefined) continue;
      const item: SourcedObject = { object: it.value, source: `${name}#${doc.index}${it.item ? `.${it.item}` : ''}` };
      rememberPosition(item, read.positions, doc.index, it.item);
      items.push(item);
    }
  }
  return { items, diagnostics: read.diagnostics, skipped: read.skipped };
}

/** Folders a folder walk never enters: version control and installed packages hold no manifests of the repository. */
const WALK_SKIPS = new Set(['.git', 'node_modules']);

/** Characters that make an argument a glob (when no file has that exact name). */
const GLOB_CHARS = /[*?[\]{}]/;

/** Options of {@link readManifestFiles} and {@link manifestFilePaths}. */
export interface ManifestReadOptions {
  /**
   * Leaves out files and folders: called with each path (as given, or as
   * found by a folder walk or a glob), true to leave it out; a folder left out
   * is not entered.
   * @default - nothing is left out
   */
  readonly exclude?: (file: string, isDirectory: boolean) => boolean;
}

/** The files a list of paths names, and problems finding them. */
export interface ManifestPaths {
  /** The files, in argument order, each folder's and glob's sorted; `-` for standard input. */
  readonly files: string[];
  /** Arguments that name nothing readable (code `input/unreadable`). */
  readonly diagnostics: Diagnostic[];
  /** Files and folders named on their own (not found by a walk or a glob) that `exclude` left out. */
  readonly excluded: string[];
}

function walk(dir: string, exclude: ManifestReadOptions['exclude']): string[] {
  return fs.readdirSync(dir).sort().flatMap((entry) => {
    const full = path.join(dir, entry);
    const isDirectory = fs.statSync(full).isDirectory();
    if (isDirectory && WALK_SKIPS.has(entry)) return [];
    if (exclude?.(full, isDirectory)) return [];
    return isDirectory ? walk(full, exclude) : MANIFEST_FILE.test(entry) ? [full] : [];
  });
}

/** The folder a glob's matches are under: its segments before the first with a glob character. */
function globBase(pattern: string): string {
  const segments = pattern.split('/');
  const fixed = segments.slice(0, segments.findIndex((s) => GLOB_CHARS.test(s)));
  return fixed.length === 0 ? '.' : fixed.join('/') || '/';
}

/** The .yaml, .yml and .json files a glob matches (`**` for any depth), sorted. */
function expandGlob(pattern: string, exclude: ManifestReadOptions['exclude']): string[] {
  const normalized = pattern.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  const base = globBase(normalized);
  if (!fs.existsSync(base) || !fs.statSync(base).isDirectory()) return [];
  // minimatch is loaded by the first glob, not by every process that loads the package (issue 18).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { minimatch }: typeof import('minimatch') = require('minimatch');
  return walk(base, exclude).filter((f) => minimatch(f.split(path.sep).join('/'), normalized, { dot: true }));
}

/**
 * The files `paths` name: a file itself, a folder's .yaml, .yml and .json
 * files (sorted, recursively, never inside `.git` or `node_modules`), a
 * glob's (an argument with `*`, `?`, `[` or `{` that is not the name of a
 * file) .yaml, .yml and .json files, and `-` for standard input.
 */
export function manifestFilePaths(paths: readonly string[], options: ManifestReadOptions = {}): ManifestPaths {
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const excluded: string[] = [];
  for (const p of paths) {
    if (p === '-') {
      files.push(p);
      continue;
    }
    if (GLOB_CHARS.test(p) && !fs.existsSync(p)) {
      const matched = expandGlob(p, options.exclude);
      if (matched.length === 0) {
        const all = options.exclude ? expandGlob(p, undefined) : [];
        diagnostics.push({
          code: 'input/unreadable',
          severity: 'error',
          source: p,
          message: all.length > 0
            ? `cannot read ${p}: every file the glob matches is excluded (${all.length} file(s))`
            : `cannot read ${p}: no .yaml, .yml or .json file matches the glob`,
        });
      }
      files.push(...matched);
      continue;
    }
    try {
      const isDirectory = fs.statSync(p).isDirectory();
      if (options.exclude?.(p, isDirectory)) {
        excluded.push(p);
        continue;
      }
      files.push(...(isDirectory ? walk(p, options.exclude) : [p]));
    } catch (caught) {
      const err = caught as NodeJS.ErrnoException | undefined;
      diagnostics.push({ code: 'input/unreadable', severity: 'error', source: p, message: `cannot read ${p}: ${err?.code === 'ENOENT' ? 'no such file or directory' : String(err?.message ?? caught)}` });
    }
  }
  return { files, diagnostics, excluded };
}

/**
 * Reads files, folders (their .yaml, .yml and .json files, sorted,
 * recursively) and globs as {@link manifestFilePaths} finds them; `-` reads
 * standard input.
 */
export function readManifestFiles(paths: readonly string[], options: ManifestReadOptions = {}): ManifestRead {
  const found = manifestFilePaths(paths, options);
  const read = readFoundFiles(found.files);
  return { ...read, diagnostics: [...found.diagnostics, ...read.diagnostics], excluded: found.excluded };
}

/** Reads files (as found by {@link manifestFilePaths}; `-` is standard input). */
export function readFoundFiles(files: readonly string[]): ManifestRead {
  const items: SourcedObject[] = [];
  const diagnostics: Diagnostic[] = [];
  const skipped: SkippedDocument[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
    } catch (err) {
      diagnostics.push({ code: 'input/unreadable', severity: 'error', source: file, message: `cannot read ${file}: ${String((err as Error | undefined)?.message ?? err)}` });
      continue;
    }
    const read = parseManifests(text, file === '-' ? 'stdin' : file);
    items.push(...read.items);
    diagnostics.push(...read.diagnostics);
    skipped.push(...read.skipped ?? []);
  }
  return { items, diagnostics, skipped };
}
