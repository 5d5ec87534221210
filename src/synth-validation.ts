import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { TreeState } from './tree-state';
import { Diagnostic, formatDiagnostic } from './validation/diagnostic';
import { validateSourcedManifests } from './validation/validate-manifests';

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
      } catch (err: any) {
        failures.push(`[${c.node.path}] cannot render the object: ${err?.message ?? err}`);
      }
    }
    const diagnostics = validateSourcedManifests(items, { channel: this.channel });
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
