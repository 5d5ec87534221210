/**
 * ajv's configuration for the CRD structural schemas, in the Kubernetes
 * dialect (RE2 `pattern`s, the `ipv4` / `ipv6` / `date-time` formats): shared
 * by the validator compiled at run time (schema-validator.ts) and by
 * scripts/gen, which writes each kind's validator as standalone code into
 * generated/ at build time. Imports nothing generated, so the generator can
 * load it before generated/ exists.
 */
import type { Options } from 'ajv';
import { RE2JS } from 're2js';
import { isIPv4, isIPv6 } from './ip-address';
import { workCounters } from './work-counters';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** True for an RFC 3339 timestamp such as `2024-01-02T03:04:05Z`. */
export function isDateTime(text: string): boolean {
  const m = RFC3339.exec(text);
  if (!m) return false;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days && h <= 23 && mi <= 59 && s <= 60;
}

/**
 * Strings whose result one pattern keeps before it forgets them all. Most strings a set of manifests tests
 * repeat (groups, kinds, namespaces, Service names, header names); the few that do not (hostnames) only cycle
 * through a bounded map.
 */
const PATTERN_RESULTS_LIMIT = 1_000;

export function re2Engine(pattern: string): { test: (s: string) => boolean; toString: () => string } {
  // Compiled on the first string tested: ajv builds an engine for every pattern of a schema when it compiles it,
  // and most fields with a pattern are absent from a given object (issue 18: about a tenth of a cold start).
  let re: RE2JS | undefined;
  // A match is a pure function of the string: each result is kept, so a repeated string is not run through
  // re2js again (every parentRef's group and kind, every backend's group, kind and namespace).
  const results = new Map<string, boolean>();
  // ajv shares compiled patterns by their toString(), so it must be the pattern itself.
  return {
    test: (s: string) => {
      const known = results.get(s);
      if (known !== undefined) return known;
      if (!re) {
        re = RE2JS.compile(pattern);
        workCounters.schemaPatternsCompiled++;
      }
      workCounters.schemaPatternRuns++;
      const matched = re.test(s);
      if (results.size >= PATTERN_RESULTS_LIMIT) results.clear();
      results.set(s, matched);
      return matched;
    },
    toString: () => pattern,
  };
}
// In standalone code (scripts/gen writes a validator per kind at build time) the engine is the one passed in.
re2Engine.code = 'deps.re2Engine';

/** The formats the CRD schemas use (`int32` / `int64` are widths the server does not range-check). */
const FORMATS = {
  'ipv4': isIPv4,
  'ipv6': isIPv6,
  'date-time': isDateTime,
  'int32': true,
  'int64': true,
} as const;

/**
 * ajv's options for the CRD schemas, shared by the compiler used at run time
 * (for a CRD that has no validator generated at build time) and by
 * scripts/gen, which writes each kind's validator as standalone code into
 * generated/ so that a process does not compile the schemas (issue 18).
 */
export function crdAjvOptions(): Options {
  return {
    strict: false,
    allErrors: true,
    verbose: true,
    code: { regExp: re2Engine },
    formats: { ...FORMATS },
  };
}

/** What a generated validator (`generated/<channel>/validation/*-schema.ts`) is built with. */
export const GENERATED_VALIDATOR_DEPS = { re2Engine, formats: FORMATS };

