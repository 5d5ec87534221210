/**
 * Regression guard for the cold path (issue 18) that times nothing: what a
 * fresh process compiles before its first answer is counted. Each test loads
 * the validation engine afresh (jest.isolateModules), as a new process or jest
 * test file does, so the process-wide caches start empty.
 */

type Validation = typeof import('../../src/validation');
type Counters = typeof import('../../src/validation/work-counters');
type CrdData = typeof import('../../src/validation/crd-data');

/** A fresh copy of the validation engine, its counters and its CRD data. */
function freshEngine(): { validation: Validation; counters: Counters; crds: CrdData } {
  let out: { validation: Validation; counters: Counters; crds: CrdData } | undefined;
  jest.isolateModules(() => {
    out = {
      validation: require('../../src/validation'),
      counters: require('../../src/validation/work-counters'),
      crds: require('../../src/validation/crd-data'),
    };
  });
  return out!;
}

const V1 = 'gateway.networking.k8s.io/v1';

/** A minimal HTTPRoute: one rule, one backend; `filter` adds a RequestHeaderModifier filter. */
function route(name: string, filter = false): object {
  return {
    apiVersion: V1,
    kind: 'HTTPRoute',
    metadata: { name, namespace: 'apps' },
    spec: {
      parentRefs: [{ name: 'gw', namespace: 'infra' }],
      rules: [{
        matches: [{ path: { type: 'PathPrefix', value: '/' } }],
        ...(filter ? { filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-a', value: 'b' }] } }] } : {}),
        backendRefs: [{ name: 'web', port: 80 }],
      }],
    },
  };
}

/** Distinct expression texts (rules and message expressions) of the kind's non-transition rules in a channel. */
function expressionsOf(crds: CrdData, kind: string, channel: 'standard' | 'experimental'): Set<string> {
  const crd = crds.crdFor(kind, { channel })!;
  const out = new Set<string>();
  for (const r of crd.rules) {
    if (/\boldSelf\b/.test(r.rule)) continue;
    out.add(r.rule);
    if (r.messageExpression) out.add(r.messageExpression);
  }
  return out;
}

/** Distinct `pattern`s anywhere in a schema. */
function patternsOf(schema: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const x of schema) patternsOf(x, out);
  else if (schema && typeof schema === 'object') {
    for (const [k, v] of Object.entries(schema)) {
      if (k === 'pattern' && typeof v === 'string') out.add(v);
      else patternsOf(v, out);
    }
  }
  return out;
}

describe('a cold start compiles only what the objects need', () => {
  test('CEL programs are compiled on first use: only the rules whose field an object has', () => {
    // GIVEN a fresh engine and HTTPRoute's rules
    const { validation, counters, crds } = freshEngine();
    const all = expressionsOf(crds, 'HTTPRoute', 'standard').size;
    // WHEN a route without filters is validated
    validation.validateManifests([route('a')], { channel: 'standard' });
    const plain = counters.snapshotWorkCounters().celProgramsCompiled;
    // THEN some programs were compiled, but well under all of the kind's
    expect(plain).toBeGreaterThan(0);
    expect(plain).toBeLessThan(all / 2);
    // WHEN a route with a filter is validated: the filter's rules are compiled now, and only once
    validation.validateManifests([route('b', true)], { channel: 'standard' });
    const withFilter = counters.snapshotWorkCounters().celProgramsCompiled;
    expect(withFilter).toBeGreaterThan(plain);
    validation.validateManifests([route('c', true), route('d', true), route('e')], { channel: 'standard' });
    // THEN nothing more is compiled for objects of the same shapes
    expect(counters.snapshotWorkCounters().celProgramsCompiled).toBe(withFilter);
  });

  test('a CEL program is compiled once per expression text, whatever the channel', () => {
    // GIVEN a fresh engine, and the expressions of HTTPRoute that differ between the channels
    const { validation, counters, crds } = freshEngine();
    const standard = expressionsOf(crds, 'HTTPRoute', 'standard');
    const experimental = expressionsOf(crds, 'HTTPRoute', 'experimental');
    const onlyExperimental = [...experimental].filter((e) => !standard.has(e)).length;
    // WHEN the same route is validated in the standard channel, then in the experimental one
    validation.validateManifests([route('a', true)], { channel: 'standard' });
    const first = counters.snapshotWorkCounters().celProgramsCompiled;
    validation.validateManifests([route('a', true)], { channel: 'experimental' });
    const second = counters.snapshotWorkCounters().celProgramsCompiled - first;
    // THEN the second channel compiles at most the expressions only it has
    expect(first).toBeGreaterThan(0);
    expect(second).toBeLessThanOrEqual(onlyExperimental);
    expect(second).toBeLessThan(first);
  });

  test('a CRD schema is compiled once per kind and channel, on the first object of the kind', () => {
    // GIVEN a fresh engine
    const { validation, counters } = freshEngine();
    // WHEN routes only are validated, twice
    validation.validateManifests([route('a'), route('b')], { channel: 'standard' });
    validation.validateManifests([route('c')], { channel: 'standard' });
    // THEN one schema (HTTPRoute, standard) was compiled: not the other kinds'
    expect(counters.snapshotWorkCounters().schemasCompiled).toBe(1);
    // WHEN the experimental channel sees the same kind: its own schema
    validation.validateManifests([route('a')], { channel: 'experimental' });
    expect(counters.snapshotWorkCounters().schemasCompiled).toBe(2);
  });

  test('a schema pattern is compiled on the first string it tests, not with the schema', () => {
    // GIVEN a fresh engine, and the patterns of HTTPRoute's schema
    const { validation, counters, crds } = freshEngine();
    const all = patternsOf(crds.crdFor('HTTPRoute', { channel: 'standard' })!.schema).size;
    // WHEN a minimal route is validated
    validation.validateManifests([route('a')], { channel: 'standard' });
    const first = counters.snapshotWorkCounters().schemaPatternsCompiled;
    // THEN only the patterns of the fields it has were compiled (its names, path, backend), and no more on a second object
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(all / 2);
    validation.validateManifests([route('b')], { channel: 'standard' });
    expect(counters.snapshotWorkCounters().schemaPatternsCompiled).toBe(first);
  });

  test('a pattern still rejects what it must, compiled late', () => {
    // GIVEN a fresh engine and a route whose hostname breaks its schema pattern
    const { validation } = freshEngine();
    const bad: any = route('a');
    bad.spec.hostnames = ['Bad_Host!'];
    // WHEN validated
    const diagnostics = validation.validateManifests([bad], { channel: 'standard' });
    // THEN the schema reports it at the field
    expect(diagnostics.filter((d) => d.code === 'schema/pattern').map((d) => d.field)).toEqual(['spec.hostnames[0]']);
  });
});
