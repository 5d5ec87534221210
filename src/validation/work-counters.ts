/**
 * Counters of the work the validation engine and the data plane do: how many
 * CEL rule evaluations ran, how many were answered from the result cache, how
 * many places of an object the rule walk visited, how many objects were
 * checked. Internal (not exported from the package): the regression test
 * asserts that they grow linearly with the input, which catches an accidental
 * quadratic algorithm without timing anything.
 */
export interface WorkCounters {
  /** CEL programs planned (each expression text once per process, on its first run). */
  celProgramsCompiled: number;
  /** CEL expressions parsed at run time: those of CRD data without the AST `npx projen gen` stores (each text once per process). */
  celExpressionsParsed: number;
  /** CRD schemas compiled into validators by ajv at run time (only CRD data without a validator generated at build time). */
  schemasCompiled: number;
  /** Validators generated at build time loaded (each kind and channel once per process, on its first object). */
  schemaValidatorsLoaded: number;
  /** Regular expressions of CRD schema `pattern`s compiled (each on the first string it tests). */
  schemaPatternsCompiled: number;
  /** Strings run through a schema pattern's RE2 engine (a string a pattern already tested is answered from its results). */
  schemaPatternRuns: number;
  /** CEL rule programs run (cache misses only). */
  celEvaluations: number;
  /** Schema locations whose rule results came from the cache. */
  celCacheHits: number;
  /** Rule results stored in the cache (a value's results are stored at its second sighting). */
  celResultsStored: number;
  /** Places of objects the CEL rule walk visited. */
  celInstances: number;
  /** Places whose stored results were clean (every rule there and below true), so the walk did not go below them. */
  celSubtreesSkipped: number;
  /** Objects validated (one per object per validation run). */
  objectsValidated: number;
  /** Places of objects the list-uniqueness walk visited (only where the schema has a marked list at or below). */
  listPlacesVisited: number;
  /** Items of marked lists whose identity (map keys or value) was computed: only in lists of two items or more. */
  listItemsKeyed: number;
  /** Schema properties with a default looked at by the defaulting walk (one per such property of each object it reaches). */
  defaultPropertiesChecked: number;
  /** Filter lists of routes the reference check read for mirror and auth backends (only lists that are there). */
  filterListsRead: number;
  /** Header-name lists the case-insensitive duplicate check compared (only lists of two names or more). */
  headerListsCompared: number;
  /** Parents whose listeners the attachment check read (each parent once per validation, however many routes attach). */
  listenerViewsMade: number;
  /** Whole validation runs a synthesis reused instead of repeating (same rendered objects). */
  synthValidationsReused: number;
  /** ApiObjects the synth-time validation rendered (`toJson()`); within one synthesis, each object once. */
  synthRenders: number;
  /** Digests of a validation pass's objects computed (only when a later pass must compare with it, or its objects are handed out). */
  synthDigests: number;
  /** Admission checks the data plane reused (same channel and JSON text as an object it checked before). */
  admissionsReused: number;
  /** Objects the data plane admitted (schema check, defaults, copy). */
  objectsAdmitted: number;
  /** Objects the data plane stored as admission's own defaulted copy (no JSON round trip: the copy was JSON data). */
  admittedWithoutRoundTrip: number;
  /** Parts (objects, arrays) of stored objects the data plane replaced by an equal part stored before (nested parts of a replaced part counted too). */
  partsShared: number;
  /** Routes whose parents' conditions and listeners the data plane's controller kept for the HTTPRoute / GRPCRoute hostname conflicts. */
  parentStatesKept: number;
  /** Lookups of the data plane's assumed-object index (one per GatewayClass or Service reference). */
  assumedLookups: number;
}

/** The process-wide counters. */
export const workCounters: WorkCounters = {
  celProgramsCompiled: 0,
  celExpressionsParsed: 0,
  schemasCompiled: 0,
  schemaValidatorsLoaded: 0,
  schemaPatternsCompiled: 0,
  schemaPatternRuns: 0,
  celEvaluations: 0,
  celCacheHits: 0,
  celResultsStored: 0,
  celInstances: 0,
  celSubtreesSkipped: 0,
  objectsValidated: 0,
  listPlacesVisited: 0,
  listItemsKeyed: 0,
  defaultPropertiesChecked: 0,
  filterListsRead: 0,
  headerListsCompared: 0,
  listenerViewsMade: 0,
  synthValidationsReused: 0,
  synthRenders: 0,
  synthDigests: 0,
  admissionsReused: 0,
  objectsAdmitted: 0,
  admittedWithoutRoundTrip: 0,
  partsShared: 0,
  parentStatesKept: 0,
  assumedLookups: 0,
};

/** Sets every counter back to zero. */
export function resetWorkCounters(): void {
  for (const k of Object.keys(workCounters) as (keyof WorkCounters)[]) workCounters[k] = 0;
}

/** A copy of the counters, e.g. before and after a run. */
export function snapshotWorkCounters(): WorkCounters {
  return { ...workCounters };
}
