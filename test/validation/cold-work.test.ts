/**
 * Regression guard for the cold path (issue 18) that times nothing: what a
 * fresh process compiles before its first answer is counted. Each test loads
 * the validation engine afresh (jest.isolateModules), as a new process or jest
 * test file does, so the process-wide caches start empty.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { loadFixture, withoutCelAsts } from './fixtures';
import { applyDefaults } from '../../src/validation/defaults';

type Validation = typeof import('../../src/validation');
type Counters = typeof import('../../src/validation/work-counters');
type CrdData = typeof import('../../src/validation/crd-data');
type SchemaValidator = typeof import('../../src/validation/schema-validator');
type CelRules = typeof import('../../src/validation/cel-rules');

interface Engine {
  validation: Validation;
  counters: Counters;
  crds: CrdData;
  schema: SchemaValidator;
  cel: CelRules;
}

/** A fresh copy of the validation engine, its counters, its CRD data and its schema validator. */
function freshEngine(): Engine {
  let out: Engine | undefined;
  jest.isolateModules(() => {
    out = {
      validation: require('../../src/validation'),
      counters: require('../../src/validation/work-counters'),
      crds: require('../../src/validation/crd-data'),
      schema: require('../../src/validation/schema-validator'),
      cel: require('../../src/validation/cel-rules'),
    };
  });
  return out!;
}

/** What `script` prints (one JSON value) when run in a fresh Node process on the sources; it must write nothing on standard error. */
function printedByFreshProcess(script: string): unknown {
  const child = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8' });
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout);
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
  if (Array.isArray(schema)) {
    for (const x of schema) patternsOf(x, out);
  } else if (schema && typeof schema === 'object') {
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

  test('validating the built-in kinds parses no CEL expression at run time: programs are planned from the ASTs stored in generated/', () => {
    // GIVEN a fresh engine and the kitchen-sink objects, which reach every non-transition rule of every kind
    const { validation, counters, crds } = freshEngine();
    const standard = loadFixture('standard-kitchen-sink.yaml');
    const experimental = loadFixture('experimental-kitchen-sink.yaml');
    // WHEN they are validated in both channels
    expect(validation.validateManifests(standard, { channel: 'standard' })).toEqual([]);
    const afterStandard = counters.snapshotWorkCounters();
    expect(validation.validateManifests([...standard, ...experimental], { channel: 'experimental' })).toEqual([]);
    const afterBoth = counters.snapshotWorkCounters();
    // THEN one program was compiled per distinct expression text of each channel's kinds, and none was parsed
    const texts = (channel: 'standard' | 'experimental') => crds.kindsOf({ channel }).flatMap((k) => [...expressionsOf(crds, k, channel)]);
    const standardTexts = new Set(texts('standard'));
    expect(afterStandard.celProgramsCompiled).toBe(standardTexts.size);
    expect(afterBoth.celProgramsCompiled).toBe(new Set([...standardTexts, ...texts('experimental')]).size);
    expect(afterBoth.celProgramsCompiled).toBeGreaterThan(afterStandard.celProgramsCompiled);
    expect(afterBoth.celExpressionsParsed).toBe(0);
  });

  test('CRD data without stored ASTs still parses its expressions, and its rules report what the stored ASTs report', () => {
    // GIVEN HTTPRoute's data and a copy without ASTs, each in a fresh engine, and a route breaking a rule
    const bad: any = route('a');
    delete bad.spec.rules[0].backendRefs[0].port;
    const stored = freshEngine();
    const parsed = freshEngine();
    const data = stored.crds.crdFor('HTTPRoute', { channel: 'standard' })!;
    // WHEN the route's rules run with each
    const defaulted = applyDefaults(bad, { channel: 'standard' });
    const fromAst = stored.cel.validateCel(defaulted, data, undefined, []);
    const fromText = parsed.cel.validateCel(defaulted, withoutCelAsts(data), undefined, []);
    // THEN the same diagnostics (the rule fires in both), and only the copy parsed, each expression it compiled
    expect(fromAst.map((d) => d.code)).toEqual(['cel/HTTPRoute/service-port-required']);
    expect(fromText).toEqual(fromAst);
    expect(stored.counters.snapshotWorkCounters().celExpressionsParsed).toBe(0);
    const counts = parsed.counters.snapshotWorkCounters();
    expect(counts.celProgramsCompiled).toBeGreaterThan(0);
    expect(counts.celExpressionsParsed).toBe(counts.celProgramsCompiled);
  });

  test('a CRD schema validator is loaded from generated/ once per kind and channel, on the first object of the kind, not compiled', () => {
    // GIVEN a fresh engine
    const { validation, counters } = freshEngine();
    // WHEN routes only are validated, twice
    validation.validateManifests([route('a'), route('b')], { channel: 'standard' });
    validation.validateManifests([route('c')], { channel: 'standard' });
    // THEN one validator (HTTPRoute, standard) was loaded, none of the other kinds', and no schema was compiled
    expect(counters.snapshotWorkCounters().schemaValidatorsLoaded).toBe(1);
    expect(counters.snapshotWorkCounters().schemasCompiled).toBe(0);
    // WHEN the experimental channel sees the same kind: its own validator
    validation.validateManifests([route('a')], { channel: 'experimental' });
    expect(counters.snapshotWorkCounters().schemaValidatorsLoaded).toBe(2);
    expect(counters.snapshotWorkCounters().schemasCompiled).toBe(0);
  });

  test('CRD data without a generated validator is compiled at run time, and reports what the generated one reports', () => {
    // GIVEN a fresh engine, the package's HTTPRoute data and a copy of it (not the package's: no generated validator)
    const { counters, crds, schema } = freshEngine();
    const data = crds.crdFor('HTTPRoute', { channel: 'standard' })!;
    const copy = { ...data };
    const bad: any = route('a');
    bad.spec.hostnames = ['Bad_Host!'];
    bad.spec.rules[0].backendRefs[0].port = 'eighty';
    bad.spec.extra = 1;
    // WHEN the object is checked with both
    const generated = schema.validateSchema(bad, data, undefined);
    const compiled = schema.validateSchema(bad, copy, undefined);
    // THEN the same diagnostics, three of them, and the copy was compiled
    expect(compiled).toEqual(generated);
    expect(generated.map((d) => d.code).sort()).toEqual(['schema/pattern', 'schema/type', 'schema/unknown-field']);
    expect([counters.snapshotWorkCounters().schemaValidatorsLoaded, counters.snapshotWorkCounters().schemasCompiled]).toEqual([1, 1]);
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

  test('requiring the package does not load ajv (the generated validators need only its small runtime helpers)', () => {
    // GIVEN a fresh Node process on the sources
    const script = [
      'const ajvModules = () => Object.keys(require.cache).filter((k) => /[\\\\/]node_modules[\\\\/]ajv[\\\\/]dist[\\\\/](ajv|core)\\.js$/.test(k)).length;',
      "require('./src');",
      'const before = ajvModules();',
      "require('./src/validation').validateManifests([" + JSON.stringify(route('a')) + "], { channel: 'standard' });",
      'const validated = ajvModules();',
      "require('ajv');",
      'console.log(JSON.stringify([before, validated, ajvModules()]));',
    ].join('\n');
    // WHEN it requires the package, validates a route, then requires ajv itself
    const printed = printedByFreshProcess(script);
    // THEN ajv's compiler was loaded only by the explicit require (which shows the count does see it)
    expect(printed).toEqual([0, 0, 2]);
  });
  test('the cold path (chart, validateApp, fromChart, a decision) loads neither the yaml library nor minimatch; reading YAML text or a glob does', () => {
    // GIVEN a fresh Node process on the sources, counting the modules of the package's own yaml and minimatch
    // (cdk8s loads a copy of yaml of its own, bundled under cdk8s/node_modules: not counted)
    const script = [
      "const path = require('path');",
      "const yamlDir = path.dirname(require.resolve('yaml/package.json'));",
      "const minimatchDir = path.dirname(path.dirname(path.dirname(require.resolve('minimatch'))));",
      'const loaded = (dir) => Object.keys(require.cache).filter((k) => k.startsWith(dir + path.sep)).length;',
      "const cdk8s = require('cdk8s');",
      "const gw = require('./src');",
      'const app = new cdk8s.App();',
      "const chart = new cdk8s.Chart(app, 'c');",
      "const cls = new gw.GatewayClass(chart, 'cls', { metadata: { name: 'cls' }, controllerName: 'example.com/c' });",
      "const gateway = new gw.Gateway(chart, 'gw', { metadata: { name: 'gw', namespace: 'infra' }, gatewayClass: cls,",
      "  listeners: [{ name: 'http', port: 80, protocol: gw.ListenerProtocol.HTTP, allowedRoutes: gw.AllowedRoutes.all() }] });",
      "new gw.HttpRoute(chart, 'r', { metadata: { name: 'r', namespace: 'apps' }, parents: [gateway],",
      "  rules: [{ backends: [gw.Backend.fromServiceName('web', { port: 80 })] }] });",
      'const errors = gw.validateApp(app).filter((d) => d.severity === \'error\').length;',
      "const decision = gw.testing.DataPlane.fromChart(chart, { assumeMissing: true }).http({ url: 'http://any.example/' });",
      'const cold = [loaded(yamlDir), loaded(minimatchDir)];',
      "gw.parseManifests('kind: Service\\napiVersion: v1\\nmetadata: { name: a }\\n', 'a.yaml');",
      "try { gw.readManifestFiles(['test/validation/**/*.yaml']); } catch { /* a glob with no file is reported; minimatch ran */ }",
      'console.log(JSON.stringify({ errors, outcome: decision.outcome, cold, yaml: loaded(yamlDir) > 0, minimatch: loaded(minimatchDir) > 0 }));',
    ].join('\n');
    // WHEN it runs the cold path, then reads a YAML text and a glob
    const printed = printedByFreshProcess(script);
    // THEN the cold path loaded none of their modules; the text and the glob loaded them (the count does see them)
    expect(printed).toEqual({ errors: 0, outcome: 'forwarded', cold: [0, 0], yaml: true, minimatch: true });
  });
});
