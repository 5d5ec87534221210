import { createHash } from 'crypto';
import { ApiObject, App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { collectDiagnostics, diagnosticSink, formatProblem } from './private/construct-validation';
import { defineHidden, TreeState } from './private/tree-state';
import { DEFAULT_CHANNEL } from './validation/crd-data';
import { Diagnostic, formatDiagnostic } from './validation/diagnostic';
import { checkFeatureClaims, resolveImplementation, type ImplementationOption } from './validation/feature-claims';
import { checkIgnoreCodes, withoutIgnored } from './validation/ignore-codes';
import { validateSourcedManifests, type ExternalObject } from './validation/validate-manifests';
import { workCounters } from './validation/work-counters';

/** The instance of each app, kept on the app's root construct. */
const INSTANCE = new TreeState<SynthValidation>('cdk8s-gateway-api synth validation');

/**
 * The synthesis under way: from entry to exit of the outermost `app.synth()`,
 * `app.synthYaml()` or `chart.toJson()` (`Testing.synth`), each ApiObject's
 * JSON as the first validation pass rendered it. cdk8s validates the app
 * once in `app.synth()` and again in each chart's `toJson()`, then renders
 * every object of the chart; between the first pass and the last render only
 * cdk8s's own steps run, so the objects are rendered once per synthesis
 * instead of once per pass plus once for the output. Outside a synthesis
 * (`validateApp`, a user's own `node.validate()` or `toJson()`) nothing is
 * kept: the tree may change before the next synthesis.
 */
let synthesis: {
  readonly generation: number;
  readonly memo: Map<ApiObject, unknown>;
  /** Digests to take when the synthesis ends, because it hands the objects it rendered to its caller. */
  readonly atHandOut: Array<() => void>;
} | undefined;
/** The number of syntheses opened so far (the generation of the last one). */
let generations = 0;

/**
 * Runs `run` as (part of) a synthesis: the outermost call opens it and closes
 * it, however it ends. `handsOut` tells that the entry point returns the
 * rendered objects to its caller (`chart.toJson()`), who may change them.
 */
function inSynthesis<T>(run: () => T, handsOut: boolean): T {
  if (synthesis) return run();
  const opened = { generation: ++generations, memo: new Map<ApiObject, unknown>(), atHandOut: [] as Array<() => void> };
  synthesis = opened;
  try {
    const result = run();
    if (handsOut) for (const take of opened.atHandOut) take();
    return result;
  } finally {
    synthesis = undefined;
  }
}

/**
 * Wraps the entry points of a cdk8s synthesis so that a synthesis is under
 * way while they run. `App._synthChart` (what `chart.toJson()` calls) is
 * internal to cdk8s: a version without it (or without one of the others)
 * simply renders each object once more, as it would without this library.
 */
function wrapSynthesisEntryPoints(): void {
  const proto = App.prototype as unknown as Record<string, unknown>;
  for (const name of ['synth', 'synthYaml']) {
    const original = proto[name];
    if (typeof original !== 'function') continue;
    proto[name] = function (this: App, ...args: unknown[]) {
      return inSynthesis(() => original.apply(this, args), false);
    };
  }
  const statics = App as unknown as Record<string, unknown>;
  const synthChart = statics._synthChart;
  if (typeof synthChart === 'function') {
    statics._synthChart = function (this: unknown, ...args: unknown[]) {
      return inSynthesis(() => synthChart.apply(this, args), true);
    };
  }
}
wrapSynthesisEntryPoints();

/** One validation pass of a construct tree: what it validated and what it found. */
interface ValidationPass {
  /** The digest of what it validated (see `digestOf`). @default - not computed yet */
  digest?: string;
  /** The objects it validated, with their sources, until the digest is computed. @default - let go: the digest is computed */
  items?: ReadonlyArray<{ object: unknown; source: string }>;
  diagnostics: Diagnostic[];
  /**
   * The generation of the synthesis it ran in (not the synthesis itself: its memo is let go when it ends).
   * @default - none: the pass ran outside a synthesis
   */
  generation?: number;
  objects: ApiObject[];
  channel: string;
  /** How many external objects were declared. */
  external: number;
  /** How many self-reported problems were declared. */
  selfReported: number;
}

/**
 * Marks a library construct that owns the ApiObject it renders (see `registerOwner`): a symbol private to this
 * library on the construct, not a weak set (whose entry per route the garbage collector pays for).
 */
const OWNER = Symbol('cdk8s-gateway-api object owner');

function isOwner(c: IConstruct | undefined): c is IConstruct {
  return c !== undefined && (c as IConstruct & { [OWNER]?: true })[OWNER] === true;
}

/**
 * Each ApiObject's construct path (which never changes: a construct's scope and id are fixed), computed once and
 * kept on the object under a symbol private to this library.
 */
const PATH = Symbol('cdk8s-gateway-api construct path');

function pathOf(obj: ApiObject): string {
  const own = obj as ApiObject & { [PATH]?: string };
  let path = own[PATH];
  if (path === undefined) {
    path = obj.node.path;
    defineHidden(obj, PATH, path);
  }
  return path;
}

/** Marks the ApiObjects given an own `toJson` that answers from the synthesis's memo. */
const MEMOIZED = Symbol('cdk8s-gateway-api memoized toJson');

/**
 * Gives `obj` (once) an own `toJson` that returns the JSON the synthesis
 * under way rendered for it, and otherwise renders it as before (its class's
 * `toJson`, or an own one already set). An own property, so that it also
 * stands in front of a subclass's override.
 */
function memoize(obj: ApiObject): void {
  if ((obj as ApiObject & { [MEMOIZED]?: true })[MEMOIZED]) return;
  defineHidden(obj, MEMOIZED, true);
  const render = obj.toJson;
  Object.defineProperty(obj, 'toJson', {
    configurable: true,
    enumerable: false,
    writable: true,
    value: function toJson(this: ApiObject): unknown {
      const rendered = synthesis?.memo.get(this);
      return rendered !== undefined ? rendered : render.call(this);
    },
  });
}

/**
 * Runs the validation engine (CRD schema, every CEL rule, cross-object
 * checks) on everything an app synthesizes, when `app.synth()` or
 * `Testing.synth()` validates the construct tree.
 *
 * One instance per construct tree: it registers a validation on the root,
 * which cdk8s runs first in every validation pass, and there validates every
 * `ApiObject` of the app together (Services, Secrets and Namespaces included,
 * since the cross-object checks read them). Each library construct then
 * reports the errors about its own object under its own construct path;
 * an object no library construct owns (a raw L1 object, one from `Include`,
 * a JSON patch gone wrong) reports its errors itself, under its own path.
 * Warnings do not fail synthesis (unless the context key
 * `gateway-api:failOnWarnings` is true where the object is); each is
 * recorded as construct metadata of type `gateway-api:warning` on the
 * construct that owns the object.
 */
export class SynthValidation {
  /** The instance for the construct tree `scope` belongs to, created on first use. */
  public static of(scope: IConstruct): SynthValidation {
    return INSTANCE.of(scope, (root) => new SynthValidation(root));
  }

  /**
   * The release channel the construct tree `scope` belongs to is validated
   * against at synthesis: the library's default (standard), or experimental
   * once a construct used an experimental-only option. Creates nothing.
   */
  public static channelOf(scope: IConstruct): 'standard' | 'experimental' {
    return INSTANCE.find(scope)?.channel ?? DEFAULT_CHANNEL;
  }

  private channel: 'standard' | 'experimental' = DEFAULT_CHANNEL;
  /** The ApiObjects no library construct owns that report their own errors (registered on first sight). */
  private readonly selfReporting = new WeakSet<ApiObject>();
  /** The last pass's diagnostics by the path of the ApiObject they are about, with fatal warnings made errors. */
  private byPath = new Map<string, Diagnostic[]>();
  private readonly warned = new Set<string>();
  private readonly selfReported: Array<{ path: string; code: string; about: string; field?: string }> = [];
  private readonly external: ExternalObject[] = [];
  /** The objects in `external` by group, kind, namespace (undefined: any) and name. */
  private readonly externalKeys = new Map<string, Map<string, Map<string | undefined, Set<string>>>>();
  /**
   * What the last pass validated and found. With the synthesis it ran in and
   * the objects in their order, a later pass of the same synthesis knows it
   * sees the same JSON; any other pass compares digests.
   */
  private last?: ValidationPass;

  private constructor(private readonly root: IConstruct) {
    root.node.addValidation({ validate: () => this.run() });
  }

  /**
   * Validates the app against the experimental channel's CRDs; called by
   * constructs when an experimental-only option is used.
   */
  public useExperimentalChannel(): void {
    this.channel = 'experimental';
  }

  /**
   * Registers a library construct: the errors about the ApiObject it wraps
   * are reported by its own validation (through `errorsFor`), not by the root.
   */
  public registerOwner(owner: IConstruct): void {
    if (!isOwner(owner)) defineHidden(owner, OWNER, true);
  }

  /**
   * Declares that `construct` reports a cross-object problem about its own
   * object itself, in its own words: the engine's diagnostic with `code`
   * about that object whose message names `about` (e.g. `backends/api`) is
   * dropped, so the problem is reported once. With `field`, only the
   * diagnostic on that field is dropped.
   */
  public reportsItself(construct: IConstruct, code: string, about: string, field?: string): void {
    this.selfReported.push({ path: construct.node.path, code, about, ...(field !== undefined ? { field } : {}) });
  }

  /**
   * Declares that `construct` reports its own empty required lists (a
   * `construct/missing` check): the schema's `minItems` diagnostic on each of
   * `fields` (e.g. `spec.listeners`) is the same problem, and is dropped.
   */
  public reportsEmptyLists(construct: IConstruct, ...fields: string[]): void {
    for (const field of fields) this.reportsItself(construct, 'schema/min-items', 'has 0 item(s)', field);
  }

  /**
   * Declares an object that exists outside the app (imported by name, e.g.
   * `Gateway.fromGatewayName`): references to it are not judged, and no
   * `xref/parent-not-found` is reported for it. An undefined namespace
   * matches any namespace.
   */
  public addExternalObject(object: ExternalObject): void {
    // Each backend named by Service name declares its Service: the same few Services, once per backend of every route.
    // Looked up by its parts (strings that keep their hash), without a key string made per declaration.
    let kinds = this.externalKeys.get(object.group);
    if (!kinds) this.externalKeys.set(object.group, kinds = new Map());
    let namespaces = kinds.get(object.kind);
    if (!namespaces) kinds.set(object.kind, namespaces = new Map());
    let names = namespaces.get(object.namespace);
    if (!names) namespaces.set(object.namespace, names = new Set());
    if (names.has(object.name)) return;
    names.add(object.name);
    this.external.push(object);
  }

  /** How many distinct external objects were declared (each once, however many times it was declared). @internal */
  public get _externalCount(): number {
    return this.external.length;
  }

  /**
   * The error lines about `apiObject` found by the last validation pass
   * (none while `validateApp` collects: the root reports every diagnostic then).
   */
  public errorsFor(apiObject: ApiObject): string[] {
    // Most objects have no diagnostic: answered before looking for a collector (cdk8s asks every construct, twice or
    // more per synthesis).
    const found = this.byPath.get(pathOf(apiObject));
    if (!found || diagnosticSink(this.root)) return [];
    return found.filter(d => d.severity === 'error').map(d => line(d));
  }

  private run(): string[] {
    const items: { object: unknown; source: string }[] = [];
    const failures: Diagnostic[] = [];
    /** Each ApiObject's reporting construct: its owner (a library construct) or itself. */
    const reporter = new Map<string, IConstruct>();
    const active = synthesis;
    const objects: ApiObject[] = [];
    /** Whether every object's JSON is the one the synthesis under way rendered. */
    let allRendered = active !== undefined;
    for (const c of this.root.node.findAll()) {
      if (!(c instanceof ApiObject)) continue;
      const owner = isOwner(c.node.scope) ? c.node.scope : undefined;
      if (!owner && !this.selfReporting.has(c)) {
        // An object no library construct owns (a raw L1 object, one from Include) reports its errors itself, so
        // cdk8s prints them under its own path (the root's path is empty: its errors would print as `[]`). cdk8s
        // validates the root first, so the object's validation, added here, runs in this same pass.
        this.selfReporting.add(c);
        c.node.addValidation({ validate: () => this.errorsFor(c) });
      }
      const path = pathOf(c);
      reporter.set(path, owner ?? c);
      objects.push(c);
      let json = active?.memo.get(c);
      if (json === undefined) {
        allRendered = false;
        try {
          json = c.toJson();
        } catch (err) {
          failures.push({ code: 'construct/render-failed', severity: 'error', message: `cannot render the object: ${(err as Error | undefined)?.message ?? err}`, source: path });
          continue;
        }
        workCounters.synthRenders++;
        if (active && json !== undefined) {
          // Served to every later pass of this synthesis and to cdk8s's output (none of them changes it).
          active.memo.set(c, json);
          memoize(c);
        }
      }
      items.push({ object: json, source: path });
    }
    // cdk8s validates the whole app once in app.synth() and again for every chart it renders
    // (chart.toJson() validates the app too): when the objects are the same as last time, the
    // engine's answer is too, so each object is validated once per synthesis. Within one synthesis,
    // a pass whose objects are all as this synthesis rendered them, the same as the last pass's,
    // needs no digest to know it.
    const last = this.last;
    const same = allRendered && last !== undefined && last.generation === active?.generation && last.channel === this.channel
      && last.external === this.external.length && last.selfReported === this.selfReported.length
      && last.objects.length === objects.length && objects.every((o, i) => last.objects[i] === o);
    let diagnostics: Diagnostic[];
    if (same) {
      diagnostics = last.diagnostics;
      workCounters.synthValidationsReused++;
    } else {
      const pass: ValidationPass = {
        items,
        diagnostics: [],
        ...(active ? { generation: active.generation } : {}),
        objects,
        channel: this.channel,
        external: this.external.length,
        selfReported: this.selfReported.length,
      };
      if (last && this.digestOf(pass) === this.digestOf(last)) {
        diagnostics = last.diagnostics;
        workCounters.synthValidationsReused++;
      } else {
        diagnostics = validateSourcedManifests(items, { channel: this.channel, external: this.external })
          .filter(d => !this.selfReported.some(r => d.code === r.code && (r.field === undefined || d.field === r.field)
            && (d.source === r.path || (d.source ?? '').startsWith(`${r.path}/`)) && d.message.includes(r.about)));
      }
      pass.diagnostics = diagnostics;
      this.last = pass;
      // The digest is taken only when a later pass compares with it, while nothing can have changed the objects
      // validated: those a synthesis renders are its own until it ends (unless it hands them out), those
      // rendered outside one are not (a render is the object's to give, and it may give the same JSON again).
      if (!active) this.digestOf(pass);
      else active.atHandOut.push(() => this.digestOf(pass));
    }
    this.byPath = new Map();
    const reported: Diagnostic[] = [];
    for (const found of [...failures, ...diagnostics]) {
      const key = found.source ?? '';
      const at = reporter.get(key);
      const fatal = found.severity === 'warning' && at !== undefined && failsOnWarnings(at);
      const d: Diagnostic = fatal ? { ...found, severity: 'error', message: `${found.message} (a warning, fatal by the context ${FAIL_ON_WARNINGS_CONTEXT})` } : found;
      if (!this.byPath.has(key)) this.byPath.set(key, []);
      this.byPath.get(key)!.push(d);
      // As validateApp reports it: about the construct the user wrote (the owner), not its L1 child.
      reported.push(at ? { ...d, source: at.node.path } : d);
      if (found.severity === 'warning' && at) this.recordWarning(at, { ...found, source: at.node.path });
    }
    const sink = diagnosticSink(this.root);
    if (sink) for (const d of reported) sink(d);
    // Every error is reported by the construct it is about: a library construct (errorsFor, from its own
    // validation) or the ApiObject itself (registered above); none by the root.
    return [];
  }

  /**
   * The digest of what `pass` validated: the channel, the objects with their
   * sources, and the external objects and self-reported problems declared
   * then. Computed once, on first need; the objects are let go then.
   */
  private digestOf(pass: ValidationPass): string {
    if (pass.digest === undefined) {
      workCounters.synthDigests++;
      pass.digest = createHash('sha256').update(pass.channel).update('\n').update(JSON.stringify(pass.items))
        .update('\n').update(JSON.stringify(this.external.slice(0, pass.external)))
        .update('\n').update(JSON.stringify(this.selfReported.slice(0, pass.selfReported))).digest('hex');
      pass.items = undefined;
    }
    return pass.digest;
  }

  /**
   * The `compat/feature-not-claimed` warnings of `implementation` about the
   * app's objects, each about the construct that owns its object (an error
   * where `gateway-api:failOnWarnings` is true there), as validateApp reports.
   */
  public featureClaimDiagnostics(implementation: ImplementationOption, where: string): Diagnostic[] {
    const claims = resolveImplementation(implementation, where);
    const objects: ApiObject[] = this.root.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject);
    const rendered: unknown[] = objects.map(o => {
      try {
        return o.toJson();
      } catch {
        return undefined; // reported by the validation pass as construct/render-failed
      }
    });
    return checkFeatureClaims(rendered, claims).map(({ index, diagnostic }) => {
      const object = objects[index];
      const at = isOwner(object.node.scope) ? object.node.scope : object;
      const fatal = failsOnWarnings(at);
      return { ...diagnostic, ...(fatal ? { severity: 'error' as const, message: `${diagnostic.message} (a warning, fatal by the context ${FAIL_ON_WARNINGS_CONTEXT})` } : {}), source: at.node.path };
    });
  }

  /** Records a warning once as `gateway-api:warning` metadata of the construct it is about. */
  private recordWarning(at: IConstruct, d: Diagnostic): void {
    const key = `${at.node.path}\n${formatDiagnostic(d)}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    at.node.addMetadata(WARNING_METADATA_TYPE, d);
  }
}

function line(d: Diagnostic): string {
  return formatProblem({ code: d.code, message: d.message, ...(d.field ? { field: d.field } : {}) });
}

/**
 * The construct metadata type under which synth validation records each
 * warning (a {@link Diagnostic}) on the construct it is about:
 * `construct.node.metadata.filter((m) => m.type === WARNING_METADATA_TYPE)`.
 */
export const WARNING_METADATA_TYPE = 'gateway-api:warning';

/**
 * The context key that makes validation warnings fail synthesis: set it to
 * `true` on the app or on a chart, before adding constructs to it
 * (`chart.node.setContext(FAIL_ON_WARNINGS_CONTEXT, true)`); it applies to
 * the objects under that scope.
 */
export const FAIL_ON_WARNINGS_CONTEXT = 'gateway-api:failOnWarnings';

/** Whether warnings about objects under `scope` fail synthesis (context `gateway-api:failOnWarnings`). */
export function failsOnWarnings(scope: IConstruct): boolean {
  const v: unknown = scope.node.tryGetContext(FAIL_ON_WARNINGS_CONTEXT);
  return v === true || v === 'true';
}

/** Options of {@link validateApp} and {@link validateChart}. */
export interface ValidateAppOptions {
  /**
   * Diagnostic codes to leave out (as docs/validation.md lists them, e.g.
   * `xref/backend-not-found`): diagnostics with these codes are not returned.
   * @default - none: every diagnostic is returned
   */
  readonly ignore?: readonly string[];
  /**
   * The implementation the app is for: a conformance report's project
   * (`envoy-gateway`; `project/mode` for another mode than `default`; see
   * docs/compatibility.md) or `{ supportedFeatures: [...] }`. Each use of a
   * Gateway API feature it does not claim is a warning,
   * `compat/feature-not-claimed`, about the construct and field that use it
   * (an error where `gateway-api:failOnWarnings` is true).
   * @default - no implementation: features are not checked
   */
  readonly implementation?: ImplementationOption;
}

/**
 * Validates an app as `app.synth()` would, and returns what it finds
 * instead of throwing: the validation engine's diagnostics (CRD schema, CEL
 * rules, cross-object checks; warnings included) about every object of the
 * app, the synth-time checks of this library's constructs, and any other
 * `node.addValidation` failure (code `construct/validation`).
 *
 * Each diagnostic's `source` is a construct path: the library construct
 * that owns the object (`app/chart/web` for an HttpRoute), or the object's
 * own path for objects no library construct owns (raw L1 objects, `Include`).
 * Warnings are `error`s where the context `gateway-api:failOnWarnings` is
 * true, as synthesis treats them. Nothing is written to disk.
 *
 * A backend Service named with `Backend.fromServiceName` is taken to be
 * deployed elsewhere: it is not reported missing (`xref/backend-not-found`)
 * unless it looks like a slip (the app defines a Service of that name in
 * another namespace only, or one a typo away in the same namespace).
 *
 * Construct errors (a bad value given to a constructor, factory or
 * `addXxx`) are not found here: they are thrown as {@link GatewayApiError}
 * when the construct is built (`err.toDiagnostic()` gives the same type).
 */
export function validateApp(app: App, options: ValidateAppOptions = {}): Diagnostic[] {
  const ignore = checkIgnoreCodes(options.ignore, 'validateApp');
  const validation = SynthValidation.of(app);
  const found = collectDiagnostics(app);
  if (options.implementation !== undefined) found.push(...validation.featureClaimDiagnostics(options.implementation, 'validateApp'));
  return withoutIgnored(found, ignore);
}

/**
 * Like {@link validateApp} for one chart: the diagnostics whose source is the
 * chart or a construct in it. Cross-object checks still see the whole app
 * (a route in this chart may attach to a Gateway in another).
 */
export function validateChart(chart: Chart, options: ValidateAppOptions = {}): Diagnostic[] {
  const path = chart.node.path;
  const ignore = checkIgnoreCodes(options.ignore, 'validateChart');
  return validateApp(chart.node.root as App, { ignore, ...(options.implementation !== undefined ? { implementation: options.implementation } : {}) }).filter((d) => d.source !== undefined && (d.source === path || d.source.startsWith(`${path}/`)));
}
