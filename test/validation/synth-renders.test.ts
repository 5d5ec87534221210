/**
 * Regression guard that times nothing: how many times a synthesis renders
 * each object (`ApiObject.toJson()`). cdk8s validates the app in
 * `app.synth()` and again in every `chart.toJson()`, and the synth-time
 * validation must render the objects to check them; within one synthesis
 * it keeps what it rendered, and cdk8s's output uses the same JSON. Outside
 * a synthesis nothing is kept: a change made after `validateApp`, a
 * `node.validate()` or a synthesis is rendered, validated and synthesized.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, ApiObjectProps, App, Chart, JsonPatch, Testing, YamlOutputType } from 'cdk8s';
import { Construct } from 'constructs';
import { AllowedRoutes, Backend, Gateway, GatewayClass, HttpMatch, HttpRoute, ListenerProtocol, validateApp } from '../../src';
import { resetWorkCounters, snapshotWorkCounters } from '../../src/validation/work-counters';
import { scratchDir } from '../support/scratch-dir';

/** A raw object whose class overrides `toJson` and counts its calls. */
class Counted extends ApiObject {
  public calls = 0;
  public constructor(scope: Construct, id: string, props: ApiObjectProps) {
    super(scope, id, props);
  }
  public toJson(): any {
    this.calls++;
    return super.toJson();
  }
}

interface Built {
  readonly app: App;
  readonly charts: Chart[];
  readonly routes: HttpRoute[];
  readonly service: Counted;
}

/**
 * A GatewayClass, a Gateway, a Service (a raw object) and `routes` HTTPRoutes,
 * in one chart or (`twoCharts`) the routes in a second chart.
 */
function build(app: App, routes: number, twoCharts: boolean): Built {
  const infra = new Chart(app, 'infra');
  const apps = twoCharts ? new Chart(app, 'apps') : infra;
  const cls = new GatewayClass(infra, 'Class', { controllerName: 'example.com/gc' });
  const gw = new Gateway(infra, 'Gw', {
    metadata: { name: 'gw', namespace: 'infra' },
    gatewayClass: cls,
    listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP, allowedRoutes: AllowedRoutes.all() }],
  });
  const service = new Counted(apps, 'Svc', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'apps' }, spec: { ports: [{ port: 80 }] } } as ApiObjectProps);
  const out: HttpRoute[] = [];
  for (let i = 0; i < routes; i++) {
    out.push(new HttpRoute(apps, `R${i}`, {
      metadata: { name: `r${i}`, namespace: 'apps' },
      parents: [gw],
      hostnames: [`app-${i}.example.com`],
      // The first route has no match: the validation's defaults add one to its own copy, never to the output.
      rules: [{ ...(i === 0 ? {} : { matches: [HttpMatch.pathPrefix(`/r${i}`)] }), backends: [Backend.fromServiceName('web', { port: 80 })] }],
    }));
  }
  return { app, charts: twoCharts ? [infra, apps] : [infra], routes: out, service };
}

/** Every ApiObject of the app. */
function apiObjects(app: App): ApiObject[] {
  return app.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
}

const scratch = scratchDir('synth-renders-', { each: true });

let render: jest.SpiedFunction<ApiObject['toJson']>;
beforeEach(() => {
  // Every render of every object goes through ApiObject.prototype.toJson (the generated L1 classes do not
  // override it; Counted calls it through super).
  render = jest.spyOn(ApiObject.prototype, 'toJson');
  resetWorkCounters();
});
afterEach(() => render.mockRestore());

/** How many times each object of the app was rendered since the spy was reset, by construct path. */
function rendersByPath(app: App): Record<string, number> {
  const out: Record<string, number> = {};
  for (const o of apiObjects(app)) out[o.node.path] = render.mock.contexts.filter((c) => c === o).length;
  return out;
}

/** `{ path: n }` for every object of the app. */
function every(app: App, n: number): Record<string, number> {
  return Object.fromEntries(apiObjects(app).map((o) => [o.node.path, n]));
}

describe('a synthesis renders each object once', () => {

  test('app.synth() of one chart: each object once (cdk8s validates twice and renders the output)', () => {
    // GIVEN
    const { app, service } = build(new App({ outdir: scratch.path }), 4, false);
    // WHEN
    app.synth();
    // THEN: GatewayClass, Gateway, Service and 4 routes, each rendered once, all by the validation's first pass
    expect(rendersByPath(app)).toEqual(every(app, 1));
    expect(apiObjects(app)).toHaveLength(7);
    expect(service.calls).toBe(1);
    const c = snapshotWorkCounters();
    expect([c.synthRenders, c.objectsValidated, c.synthValidationsReused]).toEqual([7, 6, 1]);
  });

  test('app.synth() of two charts: each object once (three validation passes)', () => {
    // GIVEN
    const { app, service } = build(new App({ outdir: scratch.path }), 4, true);
    // WHEN
    app.synth();
    // THEN
    expect(rendersByPath(app)).toEqual(every(app, 1));
    expect(service.calls).toBe(1);
    const c = snapshotWorkCounters();
    expect([c.synthRenders, c.synthValidationsReused]).toEqual([7, 2]);
    expect(fs.readdirSync(scratch.path).sort()).toEqual(['apps.k8s.yaml', 'infra.k8s.yaml']);
  });

  test.each([
    ['FILE_PER_APP', YamlOutputType.FILE_PER_APP],
    ['FILE_PER_RESOURCE', YamlOutputType.FILE_PER_RESOURCE],
    ['FOLDER_PER_CHART_FILE_PER_RESOURCE', YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE],
  ])('app.synth() with %s: each object once', (_name, yamlOutputType) => {
    // GIVEN
    const { app } = build(new App({ outdir: scratch.path, yamlOutputType }), 3, true);
    // WHEN
    app.synth();
    // THEN
    expect(rendersByPath(app)).toEqual(every(app, 1));
  });

  test('Testing.synth(chart) and app.synthYaml(): each object once', () => {
    // GIVEN
    const { app, charts } = build(Testing.app(), 3, false);
    // WHEN
    const docs = Testing.synth(charts[0]);
    // THEN
    expect(docs).toHaveLength(6);
    expect(rendersByPath(app)).toEqual(every(app, 1));
    // WHEN
    render.mockClear();
    const yaml = app.synthYaml();
    // THEN
    expect(yaml).toContain('name: r2');
    expect(rendersByPath(app)).toEqual(every(app, 1));
  });

  test('the synthesized objects are the ones a fresh render gives (the validation changed none)', () => {
    // GIVEN
    const { app, charts } = build(Testing.app(), 3, false);
    // WHEN
    const docs = Testing.synth(charts[0]);
    // THEN: the route without a match is synthesized without the defaulted one the validation checked
    const fresh = apiObjects(app).map((o) => o.toJson());
    expect(docs).toEqual(expect.arrayContaining(fresh));
    expect(docs).toHaveLength(fresh.length);
    const r0 = docs.find((d) => d.metadata.name === 'r0');
    expect(r0.spec.rules[0].matches).toBeUndefined();
  });

  test('nothing on the path changes the JSON: with every rendered object deep-frozen, the output is the same', () => {
    // GIVEN: the same app twice, the second one's objects rendered deep-frozen (in strict mode, a change throws)
    const frozen: unknown[] = [];
    const outputs = [false, true].map((freeze) => {
      const dir = path.join(scratch.path, String(freeze));
      const { app } = build(new App({ outdir: dir, yamlOutputType: YamlOutputType.FILE_PER_RESOURCE }), 3, true);
      if (freeze) {
        render.mockRestore();
        const original = ApiObject.prototype.toJson;
        render = jest.spyOn(ApiObject.prototype, 'toJson').mockImplementation(function (this: ApiObject) {
          const json = deepFreeze(original.call(this));
          frozen.push(json);
          return json;
        });
      }
      // WHEN
      app.synth();
      return Object.fromEntries(fs.readdirSync(dir).sort().map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
    });
    // THEN: every object was rendered once, frozen, and the files are the same
    expect(frozen).toHaveLength(6);
    expect(() => { (frozen[0] as { kind: string }).kind = 'Changed'; }).toThrow(TypeError);
    expect(Object.keys(outputs[1])).toHaveLength(6);
    expect(outputs[1]).toEqual(outputs[0]);
  });
});

describe('outside a synthesis nothing is kept', () => {
  test('validateApp, then a change: the synthesis gives the new object, and its errors', () => {
    // GIVEN
    const { app, charts, routes } = build(Testing.app(), 2, false);
    expect(validateApp(app).filter((d) => d.severity === 'error')).toEqual([]);
    // WHEN a hostname is added
    routes[1].addHostnames('new.example.com');
    // THEN
    const docs = Testing.synth(charts[0]);
    expect(docs.find((d) => d.metadata.name === 'r1').spec.hostnames).toEqual(['app-1.example.com', 'new.example.com']);
    // WHEN a patch makes the route invalid
    ApiObject.of(routes[1]).addJsonPatch(JsonPatch.add('/spec/hostnames/-', 'Not_A_Host'));
    // THEN both validateApp and the synthesis report it
    expect(validateApp(app).map((d) => [d.source, d.code, d.field])).toEqual([['infra/R1', 'schema/pattern', 'spec.hostnames[2]']]);
    expect(() => Testing.synth(charts[0])).toThrow(/\[infra\/R1\] spec\.hostnames\[2\].*Not_A_Host.*\[schema\/pattern\]/);
  });

  test('app.synth() after validateApp and a change writes the new object', () => {
    // GIVEN
    const { app, routes } = build(new App({ outdir: scratch.path }), 2, false);
    validateApp(app);
    // WHEN
    routes[0].addRule({ matches: [HttpMatch.pathExact('/added')], backends: [Backend.fromServiceName('web', { port: 80 })] });
    app.synth();
    // THEN
    expect(fs.readFileSync(path.join(scratch.path, 'infra.k8s.yaml'), 'utf8')).toContain('value: /added');
  });

  test('a user\'s node.validate() or a synthesis, then a change: toJson() renders the new JSON', () => {
    // GIVEN
    const { app, charts, routes } = build(Testing.app(), 1, false);
    const route = ApiObject.of(routes[0]);
    // WHEN validated by hand (the root runs the synth validation, outside a synthesis), then changed
    expect(app.node.validate()).toEqual([]);
    routes[0].addHostnames('one.example.com');
    // THEN
    expect(route.toJson().spec.hostnames).toEqual(['app-0.example.com', 'one.example.com']);
    // WHEN synthesized, then changed
    Testing.synth(charts[0]);
    routes[0].addHostnames('two.example.com');
    // THEN
    expect(route.toJson().spec.hostnames).toEqual(['app-0.example.com', 'one.example.com', 'two.example.com']);
    expect(app.node.validate()).toEqual([]);
  });

  test('two syntheses with a change between them give different outputs, each validated', () => {
    // GIVEN
    const { charts, routes } = build(Testing.app(), 2, false);
    const first = Testing.synth(charts[0]);
    // WHEN
    routes[0].addHostnames('later.example.com');
    const c0 = snapshotWorkCounters();
    const second = Testing.synth(charts[0]);
    const c1 = snapshotWorkCounters();
    // THEN
    expect(second).not.toEqual(first);
    expect(second.find((d) => d.metadata.name === 'r0').spec.hostnames).toEqual(['app-0.example.com', 'later.example.com']);
    expect(first.find((d) => d.metadata.name === 'r0').spec.hostnames).toEqual(['app-0.example.com']);
    expect(c1.objectsValidated - c0.objectsValidated).toBe(4);
    expect(c1.synthRenders - c0.synthRenders).toBe(5);
  });

  test('a synthesis that fails leaves nothing behind: the fix is rendered and synthesized', () => {
    // GIVEN a synthesis that fails validation
    const { charts, routes } = build(Testing.app(), 1, false);
    const route = ApiObject.of(routes[0]);
    const patch = JsonPatch.add('/spec/hostnames/-', 'Not_A_Host');
    route.addJsonPatch(patch);
    expect(() => Testing.synth(charts[0])).toThrow(/schema\/pattern/);
    // WHEN the patch is replaced by a valid one
    (route as unknown as { patches: JsonPatch[] }).patches.length = 0;
    route.addJsonPatch(JsonPatch.add('/spec/hostnames/-', 'fixed.example.com'));
    // THEN
    expect(route.toJson().spec.hostnames).toEqual(['app-0.example.com', 'fixed.example.com']);
    expect(Testing.synth(charts[0]).find((d) => d.metadata.name === 'r0').spec.hostnames).toEqual(['app-0.example.com', 'fixed.example.com']);
  });
});

describe('a pass takes the digest of its objects only when a later pass compares with it', () => {
  test('app.synth() of a new app takes none, with one chart or two', () => {
    for (const twoCharts of [false, true]) {
      // GIVEN
      const { app } = build(new App({ outdir: path.join(scratch.path, String(twoCharts)) }), 3, twoCharts);
      resetWorkCounters();
      // WHEN
      app.synth();
      // THEN: validated once, the later passes known to be the same without a digest
      const c = snapshotWorkCounters();
      expect([c.synthDigests, c.objectsValidated, c.synthValidationsReused]).toEqual([0, 5, twoCharts ? 2 : 1]);
    }
  });

  test('validateApp, then app.synth(): one digest each, and the synthesis reuses what validateApp found', () => {
    // GIVEN
    const { app } = build(new App({ outdir: scratch.path }), 3, false);
    validateApp(app);
    const c0 = snapshotWorkCounters();
    expect([c0.synthDigests, c0.objectsValidated]).toEqual([1, 5]);
    // WHEN
    app.synth();
    // THEN
    const c1 = snapshotWorkCounters();
    expect([c1.synthDigests, c1.objectsValidated, c1.synthValidationsReused]).toEqual([2, 5, 2]);
  });

  test('app.synth(), then validateApp without a change: the synthesis\'s digest is taken then, and its answer reused', () => {
    // GIVEN
    const { app } = build(new App({ outdir: scratch.path }), 3, false);
    app.synth();
    expect(snapshotWorkCounters().synthDigests).toBe(0);
    // WHEN
    const found = validateApp(app);
    // THEN
    const c = snapshotWorkCounters();
    expect([c.synthDigests, c.objectsValidated, c.synthValidationsReused]).toEqual([2, 5, 2]);
    expect(found.filter((d) => d.severity === 'error')).toEqual([]);
  });

  test('app.synth(), a change, then validateApp: validated again, and the change\'s error found', () => {
    // GIVEN
    const { app, routes } = build(new App({ outdir: scratch.path }), 3, false);
    app.synth();
    // WHEN
    ApiObject.of(routes[2]).addJsonPatch(JsonPatch.add('/spec/hostnames/-', 'Not_A_Host'));
    const found = validateApp(app);
    // THEN
    expect(found.map((d) => [d.source, d.code])).toEqual([['infra/R2', 'schema/pattern']]);
    expect(snapshotWorkCounters().objectsValidated).toBe(10);
  });

  test('Testing.synth hands the objects out: the digest is taken before, so a change to them is not taken for what was validated', () => {
    // GIVEN a synthesis whose objects the test then changes, as a caller of chart.toJson() may
    const { app, charts, routes } = build(Testing.app(), 2, false);
    const docs = Testing.synth(charts[0]);
    expect(snapshotWorkCounters().synthDigests).toBe(1);
    docs.find((d) => d.metadata.name === 'r1').spec.hostnames.push('Not_A_Host');
    // WHEN the route itself gets the same invalid hostname: its render is now the changed JSON
    ApiObject.of(routes[1]).addJsonPatch(JsonPatch.add('/spec/hostnames/-', 'Not_A_Host'));
    // THEN the error is found, not the first synthesis's answer reused
    expect(validateApp(app).map((d) => [d.source, d.code, d.field])).toEqual([['infra/R1', 'schema/pattern', 'spec.hostnames[1]']]);
    const c = snapshotWorkCounters();
    expect([c.synthDigests, c.objectsValidated, c.synthValidationsReused]).toEqual([2, 8, 0]);
  });

  test('two Testing.synth of the same chart: the second validates nothing', () => {
    // GIVEN
    const { charts } = build(Testing.app(), 2, false);
    const first = Testing.synth(charts[0]);
    // WHEN
    const second = Testing.synth(charts[0]);
    // THEN
    expect(second).toEqual(first);
    const c = snapshotWorkCounters();
    expect([c.synthDigests, c.objectsValidated, c.synthValidationsReused]).toEqual([2, 4, 1]);
  });
});

/** `value`, with every object and array in it frozen. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
