/**
 * Path globs of `--exclude`, the config file's `exclude` and the `paths` of
 * its `ignore` entries (minimatch syntax: `*`, `**`, `?`, `[...]`, `{a,b}`):
 * a glob is relative to a folder (the working directory, or the config
 * file's), matches a path when it matches the path or one of its folders, and
 * a glob without `/` matches a name at any depth.
 */
import * as path from 'path';
import { minimatch } from 'minimatch';

/** A glob and the folder it is relative to. */
export interface PathGlob {
  /** The glob, e.g. `legacy/**` or `values.yaml`. */
  readonly pattern: string;
  /** The folder it is relative to (absolute, or relative to the working directory). */
  readonly base: string;
  /** Where it was given, for notes: `--exclude` or the config file. */
  readonly origin: string;
}

/** True when `glob` (relative to `base`) matches `file` or one of its folders. */
export function globMatches(file: string, pattern: string, base: string): boolean {
  const rel = path.relative(path.resolve(base), path.resolve(file)).split(path.sep).join('/');
  if (rel === '') return false;
  const glob = pattern.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  const parts = rel.split('/');
  for (let i = parts.length; i >= 1; i--) {
    if (minimatch(parts.slice(0, i).join('/'), glob, { dot: true, matchBase: true })) return true;
  }
  return false;
}

/** The first of `globs` that matches `file`, or undefined. */
export function firstMatch(file: string, globs: readonly PathGlob[]): PathGlob | undefined {
  return globs.find((g) => globMatches(file, g.pattern, g.base));
}
