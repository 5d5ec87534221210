import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** A temporary folder of a test file (see {@link scratchDir}). */
export interface ScratchDir {
  /** The folder's path; only inside tests and hooks (it is made in a `beforeAll` or `beforeEach`). */
  readonly path: string;
  /** Writes `text` to `name` (a path relative to the folder; missing folders are made) and returns the file's path. */
  write(name: string, text: string): string;
}

/**
 * A temporary folder under the OS temp dir, named `prefix` plus a random suffix, made before the tests of the
 * enclosing `describe` (or file) and removed after them; with `{ each: true }`, a new one for every test.
 * Call it where `beforeAll` may be called: at the top of a file or of a `describe`.
 */
export function scratchDir(prefix: string, options: { each?: boolean } = {}): ScratchDir {
  let dir: string | undefined;
  const make = (): void => { dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix)); };
  const remove = (): void => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  };
  if (options.each) {
    beforeEach(make);
    afterEach(remove);
  } else {
    beforeAll(make);
    afterAll(remove);
  }
  const current = (): string => {
    if (dir === undefined) throw new Error(`scratchDir('${prefix}') used outside a test or hook`);
    return dir;
  };
  return {
    get path() { return current(); },
    write(name, text) {
      const file = path.join(current(), name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      return file;
    },
  };
}
