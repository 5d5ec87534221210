/**
 * Which validation findings the API server itself would refuse an object for
 * (admission), as opposed to findings about how a controller treats an object
 * the API server stores (a route it rejects in status, a rule that answers
 * 500, a reference that does not resolve). The data plane refuses to load
 * exactly the objects with an admission error, with the same message, and
 * models every other finding as status or traffic.
 */
import type { Diagnostic } from './diagnostic';

/** Code prefixes of checks the API server applies when an object is created. */
const ADMISSION_PREFIXES = ['input/', 'object/', 'api/', 'metadata/', 'schema/', 'cel/'];

/** Codes outside those prefixes that still stand for an API server refusal, or that are not about one object. */
const ADMISSION_CODES = new Set(['route/header-value-invalid']);
const NOT_ADMISSION_CODES = new Set(['object/duplicate']);

/** True for an error the API server would refuse the object for. */
export function isAdmissionError(d: Pick<Diagnostic, 'code' | 'severity'>): boolean {
  if (d.severity !== 'error' || NOT_ADMISSION_CODES.has(d.code)) return false;
  return ADMISSION_CODES.has(d.code) || ADMISSION_PREFIXES.some((p) => d.code.startsWith(p));
}
