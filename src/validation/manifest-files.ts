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

function expand(p: string): string[] {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return [p];
  return fs.readdirSync(p).sort().flatMap((entry) => {
    const full = path.join(p, entry);
    return fs.statSync(full).isDirectory() ? expand(full) : MANIFEST_FILE.test(entry) ? [full] : [];
  });
}

/** Reads files and directories (their .yaml, .yml and .json files, sorted, recursively); `-` reads standard input. */
export function readManifestFiles(paths: readonly string[]): ManifestRead {
  const items: SourcedObject[] = [];
  const diagnostics: Diagnostic[] = [];
  const skipped: SkippedDocument[] = [];
  for (const p of paths) {
    let files: string[];
    try {
      files = p === '-' ? ['-'] : expand(p);
    } catch (caught) {
      const err = caught as NodeJS.ErrnoException | undefined;
      diagnostics.push({ code: 'input/unreadable', severity: 'error', source: p, message: `cannot read ${p}: ${err?.code === 'ENOENT' ? 'no such file or directory' : String(err?.message ?? caught)}` });
      continue;
    }
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
  }
  return { items, diagnostics, skipped };
}
