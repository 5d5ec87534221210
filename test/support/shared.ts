import * as fs from 'fs';
import * as path from 'path';

/**
 * The read-only `shared/` folder that sits beside a clone in this workplace
 * (CRDs, conformance vectors). `GATEWAY_API_SHARED` overrides its location.
 * Returns undefined, after printing a notice, where it is absent.
 */
export function sharedDir(what: string): string | undefined {
  const dir = process.env.GATEWAY_API_SHARED ?? path.resolve(__dirname, '../../../shared');
  if (fs.existsSync(dir)) return dir;
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED ${what}: ${dir} is absent (set GATEWAY_API_SHARED to the folder holding gateway-api/ and conformance/)`);
  return undefined;
}

/** `describe` where the shared folder exists, `describe.skip` (with a printed notice) where it does not. */
export function describeWithShared(title: string, body: (shared: string) => void): void {
  const dir = sharedDir(title);
  if (dir) describe(title, () => body(dir));
  else describe.skip(`${title} (shared folder absent)`, () => { test('skipped', () => undefined); });
}
