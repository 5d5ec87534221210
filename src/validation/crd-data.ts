/**
 * Which Gateway API kinds and versions exist, from the generated CRD data.
 */
import type { ValidateOptions } from './diagnostic';
import { EXPERIMENTAL_CRDS, STANDARD_CRDS, type CrdValidationData } from '../../generated';

/** The API group of every Gateway API kind. */
export { GATEWAY_API_GROUP } from '../model/api-group';

/** The Gateway API release the CRD data comes from. */
export const GATEWAY_API_RELEASE = 'v1.6.1';

/** The release channel selected by `options` (standard unless said otherwise). */
function channelOf(options: ValidateOptions | undefined): 'standard' | 'experimental' {
  return options?.channel ?? 'standard';
}

/** The validation data of `kind` in the selected channel, or undefined for a kind the channel does not define. */
export function crdFor(kind: string, options?: ValidateOptions): CrdValidationData | undefined {
  const table = channelOf(options) === 'experimental' ? EXPERIMENTAL_CRDS : STANDARD_CRDS;
  return Object.prototype.hasOwnProperty.call(table, kind) ? table[kind] : undefined;
}

/** Every kind of the selected channel, sorted. */
export function kindsOf(options?: ValidateOptions): string[] {
  const table = channelOf(options) === 'experimental' ? EXPERIMENTAL_CRDS : STANDARD_CRDS;
  return Object.keys(table).sort();
}

/** Splits `group/version` (or a bare `v1` for the core group). */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}
