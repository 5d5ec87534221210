/**
 * Backend identity for the patterns: when two Backends are the same target
 * (a canary that is its stable, a green that is its blue, a rule that already
 * forwards to the stable) and how a pattern's error names one.
 */
import { Backend } from '../backend';

/**
 * Whether `a` and `b` send traffic to the same place: equal group, kind,
 * namespace, name and port. Two ports of one Service are two backends.
 */
export function sameBackend(a: Backend, b: Backend): boolean {
  return a.group === b.group && a.kind === b.kind && a.namespace === b.namespace && a.name === b.name && a.port === b.port;
}

/** `Service apps/api:80` (namespace and port when set). */
export function describeBackend(b: Backend): string {
  return `${b.kind} ${b.namespace ? `${b.namespace}/` : ''}${b.name}${b.port !== undefined ? `:${b.port}` : ''}`;
}
