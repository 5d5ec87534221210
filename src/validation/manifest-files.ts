/**
 * Reading manifests from YAML or JSON files (multi-document YAML, `kind: List`
 * objects, directories of files) into objects that carry their source
 * (`file#index`), for the command line and for tests.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import type { Diagnostic, SourcedObject } from './diagnostic';
import { isJsonObject } from './structural-schema';

/** The objects read, and problems reading them. */
export interface ManifestRead {
  /** Every object, in file and document order; `source` is `file#document` (`file#document.items[i]` inside a List). */
  readonly items: SourcedObject[];
  /** Files that could not be read or parsed (code `input/...`). */
  readonly diagnostics: Diagnostic[];
}

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** Parses YAML (or JSON) text holding one or more documents; `name` is used in sources. */
export function parseManifests(text: string, name: string): ManifestRead {
  const items: SourcedObject[] = [];
  const diagnostics: Diagnostic[] = [];
  parseAllDocuments(text).forEach((doc, i) => {
    const source = `${name}#${i}`;
    if (doc.errors.length > 0) {
      diagnostics.push({ code: 'input/yaml-error', severity: 'error', source, message: `document ${i} is not valid YAML: ${doc.errors[0].message.split('\n')[0]}` });
      return;
    }
    const value = doc.toJS();
    if (value === null || value === undefined) return;
    if (isJsonObject(value) && value.kind === 'List' && Array.isArray(value.items)) {
      value.items.forEach((item, j) => items.push({ object: item, source: `${source}.items[${j}]` }));
      return;
    }
    items.push({ object: value, source });
  });
  return { items, diagnostics };
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
  for (const p of paths) {
    let files: string[];
    try {
      files = p === '-' ? ['-'] : expand(p);
    } catch (err: any) {
      diagnostics.push({ code: 'input/unreadable', severity: 'error', source: p, message: `cannot read ${p}: ${err?.code === 'ENOENT' ? 'no such file or directory' : String(err?.message ?? err)}` });
      continue;
    }
    for (const file of files) {
      let text: string;
      try {
        text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
      } catch (err: any) {
        diagnostics.push({ code: 'input/unreadable', severity: 'error', source: file, message: `cannot read ${file}: ${String(err?.message ?? err)}` });
        continue;
      }
      const read = parseManifests(text, file === '-' ? 'stdin' : file);
      items.push(...read.items);
      diagnostics.push(...read.diagnostics);
    }
  }
  return { items, diagnostics };
}
