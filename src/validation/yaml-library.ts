/**
 * The `yaml` library, required on first use instead of when the package loads:
 * a program that builds charts, validates them and asks the data plane (what
 * every jest test file of a user's suite does from a cold start) never reads
 * YAML text, and loading the library cost each such process 12-20 ms of CPU
 * (issue 18, bench/README.md). Node caches the module after the first call.
 */
import type * as Yaml from 'yaml';

/** The `yaml` module, loaded by the first call. */
export function yamlLibrary(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml') as typeof Yaml;
}
