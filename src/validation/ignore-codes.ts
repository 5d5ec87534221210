/**
 * The `ignore` option of the validation entry points (`validateApp`,
 * `validateChart`, the cdk8s-cli plugin): diagnostics whose code is listed
 * are left out, so they neither show nor fail anything.
 */
import type { Diagnostic } from './diagnostic';

/** A diagnostic code: a family, `/`, and the rest (e.g. `xref/backend-not-found`, `cel/HTTPRoute/redirect-with-backends`). */
const CODE = /^[a-z][a-z0-9-]*\/\S+$/;

/**
 * Checks an `ignore` option (a list of diagnostic codes, as docs/validation.md
 * lists them) and returns it; throws an Error naming `where` and the bad entry.
 */
export function checkIgnoreCodes(value: unknown, where: string): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`${where}: ignore must be a list of diagnostic codes (e.g. ['xref/backend-not-found']), got ${JSON.stringify(value)}`);
  value.forEach((code, i) => {
    if (typeof code !== 'string' || !CODE.test(code)) {
      throw new Error(`${where}: ignore[${i}] must be a diagnostic code such as 'xref/backend-not-found' (see docs/validation.md), got ${JSON.stringify(code)}`);
    }
  });
  return value as string[];
}

/** The diagnostics whose code is not in `codes`, in their order. */
export function withoutIgnored<T extends Pick<Diagnostic, 'code'>>(diagnostics: readonly T[], codes: readonly string[]): T[] {
  if (codes.length === 0) return [...diagnostics];
  const ignored = new Set(codes);
  return diagnostics.filter((d) => !ignored.has(d.code));
}
