import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureBuilt, ROOT } from '../support/cli';

export { ROOT };

/** The package as `npm pack` makes it, extracted. */
export interface Packed {
  /** A scratch folder holding the tarball and the extracted package; remove it when done. */
  readonly dir: string;
  /** The paths `npm pack` put in the tarball (relative to the package root). */
  readonly files: readonly string[];
  /** The extracted package (the tarball's `package/` folder). */
  readonly packageDir: string;
}

/**
 * Packs the repository with `npm pack` (its prepack compile replaced by `ensureBuilt`) into a
 * scratch folder and extracts the tarball there.
 */
export function packRepository(): Packed {
  ensureBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'packed-'));
  const pack = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
  const [info] = JSON.parse(pack.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  const extract = spawnSync('tar', ['-xzf', path.join(dir, info.filename), '-C', dir], { encoding: 'utf8' });
  if (extract.status !== 0) throw new Error(`tar failed: ${extract.stderr}`);
  return { dir, files: info.files.map((f) => f.path), packageDir: path.join(dir, 'package') };
}
