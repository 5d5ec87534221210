import * as fs from 'fs';
import * as path from 'path';

/** Where the shared folder is looked for: `GATEWAY_API_SHARED`, else `shared/` beside the clone. */
function sharedLocation(): string {
  return process.env.GATEWAY_API_SHARED ?? path.resolve(__dirname, '../../../shared');
}

/**
 * Whether a missing shared folder must fail the run instead of skipping: on CI
 * (`CI` set to anything but `false`/`0`/empty) the suites that need it are the
 * evidence the run is meant to produce, and a skipped suite would pass unseen.
 */
export function sharedRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/** The message for a missing shared folder. */
function absentMessage(what: string, dir: string): string {
  return `${what}: ${dir} is absent (set GATEWAY_API_SHARED to the folder holding gateway-api/ and conformance/)`;
}

/**
 * The read-only `shared/` folder that sits beside a clone in this workplace
 * (CRDs, conformance vectors). `GATEWAY_API_SHARED` overrides its location.
 * Returns undefined, after printing a notice, where it is absent.
 */
export function sharedDir(what: string): string | undefined {
  const dir = sharedLocation();
  if (fs.existsSync(dir)) return dir;
  // eslint-disable-next-line no-console
  console.warn(`SKIPPED ${absentMessage(what, dir)}`);
  return undefined;
}

/**
 * `describe` where the shared folder exists. Where it does not: on CI (see
 * {@link sharedRequired}) a suite with one failing test that says what is
 * missing; elsewhere `describe.skip`, with a printed notice.
 */
export function describeWithShared(title: string, body: (shared: string) => void): void {
  const dir = sharedDir(title);
  if (dir) describe(title, () => body(dir));
  else if (sharedRequired()) describe(title, () => { test('needs the shared folder', () => { throw new Error(`CI=${process.env.CI}: ${absentMessage(title, sharedLocation())}`); }); });
  else describe.skip(`${title} (shared folder absent)`, () => { test('skipped', () => undefined); });
}

/**
 * `test` where the shared folder exists, for one test of a suite that otherwise
 * runs without it. Where it does not: on CI (see {@link sharedRequired}) the
 * test fails saying what is missing; elsewhere `test.skip`, with a printed notice.
 */
export function testWithShared(title: string, body: (shared: string) => void, timeout?: number): void {
  const dir = sharedDir(title);
  if (dir) test(title, () => body(dir), timeout);
  else if (sharedRequired()) test(title, () => { throw new Error(`CI=${process.env.CI}: ${absentMessage(title, sharedLocation())}`); });
  else test.skip(`${title} (shared folder absent)`, () => undefined);
}
