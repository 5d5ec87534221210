// The round trip of `cdk8s-gateway convert`: manifests -> TypeScript -> type-checked -> run -> synthesized -> the same objects.
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import * as ts from 'typescript';
import { convertManifests, type ConvertResult } from '../../src/convert/convert';
import { GATEWAY_API_GROUP } from '../../src/model';
import { crdFor, parseApiVersion } from '../../src/validation/crd-data';
import { defaultObject } from '../../src/validation/defaults';
import { readAsCurrentVersion } from '../../src/validation/served-versions';

type Json = Record<string, unknown>;
const ROOT = path.resolve(__dirname, '..', '..');

export interface Converted {
  readonly name: string;
  readonly inputs: readonly { object: unknown; source: string }[];
  readonly result: ConvertResult;
  readonly file: string;
}

/** Converts each source (by name) and type-checks every module in one program (strict, noUnusedLocals). */
export function convertAndTypeCheck(sources: ReadonlyMap<string, readonly { object: unknown; source: string }[]>): {
  converted: Converted[]; diagnostics: Map<string, string[]>; cleanup: () => void;
} {
  // inside the repository (ignored .tmp/), so that the modules resolve cdk8s and constructs from its node_modules
  fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
  const dir = fs.mkdtempSync(path.join(ROOT, '.tmp', 'convert-'));
  const converted: Converted[] = [];
  let n = 0;
  for (const [name, inputs] of sources) {
    const result = convertManifests(inputs, { className: 'ConvertedChart' });
    const file = path.join(dir, `m${n++}.ts`);
    fs.writeFileSync(file, result.code);
    converted.push({ name, inputs, result, file });
  }
  const program = ts.createProgram(converted.map((c) => c.file), {
    strict: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    noImplicitReturns: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    ignoreDeprecations: '6.0',
    lib: ['lib.es2022.d.ts'],
    types: ['node'],
    typeRoots: [path.join(ROOT, 'node_modules', '@types')],
    esModuleInterop: true,
    paths: { 'cdk8s-gateway-api': [path.join(ROOT, 'src', 'index.ts')] },
  } as ts.CompilerOptions);
  const diagnostics = new Map<string, string[]>();
  for (const c of converted) {
    const sf = program.getSourceFile(c.file)!;
    const ds = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
    diagnostics.set(c.name, ds.map((d) => `${d.start !== undefined ? `line ${sf.getLineAndCharacterOfPosition(d.start).line + 1}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`));
  }
  const global = program.getGlobalDiagnostics().concat(program.getOptionsDiagnostics());
  if (global.length > 0) throw new Error(global.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n'));
  return { converted, diagnostics, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Runs the generated module (transpiled, with the package mapped to src/) and synthesizes its chart. */
export function runConverted(code: string): { objects: Json[]; validated: boolean } {
  const js = ts.transpileModule(code, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
  const mod: { exports: Record<string, unknown> } = { exports: {} };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const req = (name: string): unknown => (name === 'cdk8s-gateway-api' ? require('../../src') : require(name));
  new Function('require', 'exports', 'module', js)(req, mod.exports, mod);
  const Cls = mod.exports.ConvertedChart as new (scope: unknown, id: string) => Chart;
  const chart = new Cls(Testing.app(), 'round-trip');
  try {
    return { objects: Testing.synth(chart) as Json[], validated: true };
  } catch (e) {
    if (!String((e as Error).message).includes('Validation failed')) throw e;
    // the input itself breaks a cross-object rule: what synthesis writes, without the app's validation
    return { objects: chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject).map((o) => o.toJson() as Json), validated: false };
  }
}

/** An input object as the chart must give it back: Gateway API kinds read as v1 (the data plane's reading), status left out. */
export function expectedObject(o: Json): Json {
  const { status: _status, ...rest } = o;
  const { group, version } = parseApiVersion(String(o.apiVersion));
  const crd = group === GATEWAY_API_GROUP ? crdFor(String(o.kind), { channel: 'experimental' }) : undefined;
  if (crd && version !== crd.version) return { ...readAsCurrentVersion(rest, crd).value, apiVersion: `${GATEWAY_API_GROUP}/${crd.version}` };
  return rest;
}

// A parentRef namespace equal to the route's own means what an absent one does (Gateway API: "defaults to the local namespace").
function ownNamespaceLeftOut(o: Json): Json {
  const copy = JSON.parse(JSON.stringify(o)) as Json;
  const ns = (copy.metadata as Json | undefined)?.namespace;
  const spec = copy.spec as Json | undefined;
  const refs = [...(Array.isArray(spec?.parentRefs) ? spec!.parentRefs as Json[] : []), ...(spec?.parentRef ? [spec.parentRef as Json] : [])];
  for (const r of refs) if (ns !== undefined && r.namespace === ns) delete r.namespace;
  return copy;
}

function normalized(o: Json): unknown {
  const value = parseApiVersion(String(o.apiVersion)).group === GATEWAY_API_GROUP ? ownNamespaceLeftOut(defaultObject(o, { channel: 'experimental' }).value as Json) : o;
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v === null ? undefined : v)));
}

/** Where `actual` lacks what `expected` has (lists: same length, item by item), or undefined. */
export function missing(actual: unknown, expected: unknown, at = '$'): string | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return `${at}: ${JSON.stringify(actual)} is not a list of ${expected.length}`;
    for (let i = 0; i < expected.length; i++) {
      const m = missing(actual[i], expected[i], `${at}[${i}]`);
      if (m) return m;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return `${at}: ${JSON.stringify(actual)} is not an object`;
    for (const [k, v] of Object.entries(expected)) {
      const m = missing((actual as Json)[k], v, `${at}.${k}`);
      if (m) return m;
    }
    return undefined;
  }
  return actual === expected ? undefined : `${at}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
}

const idOf = (o: Json): string => {
  const m = (o.metadata ?? {}) as Json;
  return `${parseApiVersion(String(o.apiVersion)).group}/${String(o.kind)} ${m.namespace !== undefined ? `${String(m.namespace)}/` : ''}${String(m.name)}`;
};

/** The problems of a round trip: input objects not given back (same kind, namespace, name, content), Gateway API objects added. */
export function roundTripProblems(inputs: readonly { object: unknown }[], objects: readonly Json[]): string[] {
  const out: string[] = [];
  const byId = new Map(objects.map((o) => [idOf(o), o]));
  const wanted = new Set<string>();
  for (const i of inputs) {
    const e = expectedObject(i.object as Json);
    const id = idOf(e);
    wanted.add(id);
    const got = byId.get(id);
    if (!got) {
      out.push(`${id}: not synthesized`);
      continue;
    }
    const m = missing(normalized(got), normalized(e));
    if (m) out.push(`${id}: ${m}`);
  }
  for (const o of objects) {
    if (!wanted.has(idOf(o)) && parseApiVersion(String(o.apiVersion)).group === GATEWAY_API_GROUP) out.push(`${idOf(o)}: added, not in the input`);
  }
  return out;
}
