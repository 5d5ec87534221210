import { createHash } from 'crypto';
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { TreeState } from './private/tree-state';
import { Diagnostic, formatDiagnostic } from './validation/diagnostic';
import { validateSourcedManifests, type ExternalObject } from './validation/validate-manifests';
import { workCounters } from './validation/work-counters';

/** The instance of each app, kept on the app's root construct. */
const INSTANCE = new TreeState<SynthValidation>('cdk8s-gateway-api synth validation');

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
 * errors about objects no library construct owns (raw L1 objects, JSON
 * patches gone wrong) are reported by the root with the object's path.
 * Warnings do not fail synthesis; they are emitted as Node.js process warnings.
 */
export class SynthValidation {
  /** The instance for the construct tree `scope` belongs to, created on first use. */
  public static of(scope: IConstruct): SynthValidation {
    return INSTANCE.of(scope, (root) => new SynthValidation(root));
  }

  private channel: 'standard' | 'experimental' = 'standard';
  private readonly owners = new WeakSet<IConstruct>();
  private byPath = new Map<string, Diagnostic[]>();
  private readonly warned = new Set<string>();
  private readonly selfReported: Array<{ path: string; code: string; about: string }> = [];
  private readonly external: ExternalObject[] = [];
  /** Digest of the objects (and channel) the last pass validated, and what it found. */
  private last?: { digest: string; diagnostics: Diagnostic[] };

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
    this.owners.add(owner);
  }

  /**
   * Declares that `construct` reports a cross-object problem about its own
   * object itself, in its own words: the engine's diagnostic with `code`
   * about that object whose message names `about` (e.g. `backends/api`) is
   * dropped, so the problem is reported once.
   */
  public reportsItself(construct: IConstruct, code: string, about: string): void {
    this.selfReported.push({ path: construct.node.path, code, about });
  }

  /**
   * Declares an object that exists outside the app (imported by name, e.g.
   * `Gateway.fromGatewayName`): references to it are not judged, and no
   * `xref/parent-not-found` is reported for it. An undefined namespace
   * matches any namespace.
   */
  public addExternalObject(object: ExternalObject): void {
    this.external.push(object);
  }

  /** The error lines about `apiObject` found by the last validation pass. */
  public errorsFor(apiObject: ApiObject): string[] {
    return (this.byPath.get(apiObject.node.path) ?? [])
      .filter(d => d.severity === 'error')
      .map(d => line(d));
  }

  private run(): string[] {
    const items: { object: unknown; source: string }[] = [];
    const failures: string[] = [];
    const owned = new Set<string>();
    for (const c of this.root.node.findAll()) {
      if (!(c instanceof ApiObject)) continue;
      if (c.node.scope !== undefined && this.owners.has(c.node.scope)) owned.add(c.node.path);
      try {
        items.push({ object: c.toJson(), source: c.node.path });
      } catch (err) {
        failures.push(`[${c.node.path}] cannot render the object: ${(err as Error | undefined)?.message ?? err}`);
      }
    }
    // cdk8s validates the whole app once in app.synth() and again for every chart it renders
    // (chart.toJson() validates the app too): when the objects are the same as last time, the
    // engine's answer is too, so each object is validated once per synthesis.
    const digest = createHash('sha256').update(this.channel).update('\n').update(JSON.stringify(items))
      .update('\n').update(JSON.stringify(this.external)).update('\n').update(JSON.stringify(this.selfReported)).digest('hex');
    let diagnostics: Diagnostic[];
    if (this.last && this.last.digest === digest) {
      diagnostics = this.last.diagnostics;
      workCounters.synthValidationsReused++;
    } else {
      diagnostics = validateSourcedManifests(items, { channel: this.channel, external: this.external })
        .filter(d => !this.selfReported.some(r => d.code === r.code && (d.source === r.path || (d.source ?? '').startsWith(`${r.path}/`)) && d.message.includes(r.about)));
      this.last = { digest, diagnostics };
    }
    this.byPath = new Map();
    for (const d of diagnostics) {
      const key = d.source ?? '';
      if (!this.byPath.has(key)) this.byPath.set(key, []);
      this.byPath.get(key)!.push(d);
      const text = formatDiagnostic(d);
      if (d.severity === 'warning' && !this.warned.has(text)) {
        this.warned.add(text);
        process.emitWarning(text, 'GatewayApiValidation');
      }
    }
    const unowned = diagnostics.filter(d => d.severity === 'error' && !owned.has(d.source ?? ''));
    return [...failures, ...unowned.map(d => `[${d.source}] ${line(d)}`)];
  }
}

function line(d: Diagnostic): string {
  return `${d.field ? `${d.field}: ` : ''}${d.message} [${d.code}]`;
}
