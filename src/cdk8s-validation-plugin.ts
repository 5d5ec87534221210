/**
 * The cdk8s-cli validation plugin: `cdk8s synth` runs it on every manifest it
 * wrote (constructs of this library, objects included from YAML with
 * `Include`, Helm charts, imported L1 classes) and fails the synth on errors.
 *
 * ```yaml
 * # cdk8s.yaml
 * validations:
 *   - package: ./node_modules/cdk8s-gateway-api   # or: package: cdk8s-gateway-api
 *     version: 1.2.3                               # cdk8s-cli requires a pinned version (for a local path it is only a label)
 *     class: GatewayApiValidation
 *     properties: { channel: standard, failOnWarnings: false, lint: true, spec: routing-tests.yaml, ignore: [lint/rule-shadowed], implementation: envoy-gateway }
 * ```
 *
 * The types of cdk8s-cli's plugin interface are restated structurally here, so
 * the package does not depend on cdk8s-cli at run time.
 */
import { lintManifests } from './lint';
import { RoutingSpecError, readRoutingSpec, runRoutingSpec } from './routing-spec';
import { DataPlane } from './testing';
import { documentsOf } from './testing/controller-loader';
import { formatDiagnostic, validateSourcedManifests, type Diagnostic } from './validation';
import { DEFAULT_CHANNEL } from './validation/crd-data';
import { resolveImplementation, type ImplementationOption } from './validation/feature-claims';
import { checkIgnoreCodes, withoutIgnored } from './validation/ignore-codes';
import { readManifestFiles } from './validation/manifest-files';
import { locateDiagnostics } from './validation/manifest-positions';

/** Properties of {@link GatewayApiValidation} (`properties:` in cdk8s.yaml). */
export interface GatewayApiValidationProps {
  /**
   * The Gateway API v1.6.1 release channel the cluster runs.
   * @default 'standard'
   */
  readonly channel?: 'standard' | 'experimental';
  /**
   * Fail the synth on warnings too (lint findings and validation warnings).
   * @default false
   */
  readonly failOnWarnings?: boolean;
  /**
   * A routing test spec (the `cdk8s-gateway test` format, path relative to
   * the directory `cdk8s synth` runs in) run against the synthesized
   * manifests; each failing test is a violation that fails the synth.
   * @default - no routing tests
   */
  readonly spec?: string;
  /**
   * Run the routing lint (`cdk8s-gateway lint`): its findings are warnings.
   * @default true
   */
  readonly lint?: boolean;
  /**
   * Diagnostic codes to leave out (as docs/validation.md lists them, e.g.
   * `lint/rule-shadowed`): findings with these codes are not reported and do
   * not fail the synth.
   * @default - none
   */
  readonly ignore?: string[];
  /**
   * How to judge a backend that names a Service the manifests do not hold:
   * `elsewhere` takes it to be deployed separately (as `Backend.fromServiceName`
   * says) and warns (`xref/backend-not-found`) only when a Service of that
   * name is in another namespace; `warn` warns about every such backend once
   * the manifests hold some Services (for apps that define all their Services).
   * @default 'elsewhere'
   */
  readonly unlistedServices?: 'warn' | 'elsewhere';
  /**
   * The implementation the manifests are for: a conformance report's project
   * (`envoy-gateway`; `project/mode` for another mode than `default`; see
   * docs/compatibility.md) or `{ supportedFeatures: [...] }`. Each use of a
   * Gateway API feature it does not claim is a warning,
   * `compat/feature-not-claimed` (failing the synth with `failOnWarnings`).
   * @default - no implementation: features are not checked
   */
  readonly implementation?: ImplementationOption;
}

/** A resource in a violation, as cdk8s-cli's `ValidationViolatingResource`. */
export interface GatewayApiViolatingResource {
  /** `metadata.name` (cdk8s-cli maps it to the construct path). */
  readonly resourceName: string;
  /** Where in the object, with the document index. */
  readonly locations: readonly string[];
  /** The manifest file. */
  readonly manifestPath: string;
}

/** A violation, as cdk8s-cli's `ValidationViolation`. */
export interface GatewayApiViolation {
  /** The rule: a diagnostic code with its severity, e.g. `cel/HTTPRoute/redirect-with-backends (error)`. */
  readonly ruleName: string;
  /** What is wrong. */
  readonly recommendation: string;
  /** How to fix it. */
  readonly fix: string;
  /** The resources concerned. */
  readonly violatingResources: readonly GatewayApiViolatingResource[];
}

/** The part of cdk8s-cli's `ValidationContext` the plugin uses. */
export interface GatewayApiValidationContext {
  /** Paths of the manifests `cdk8s synth` wrote. */
  readonly manifests: readonly string[];
  /** The report to fill. */
  readonly report: {
    addViolation(violation: GatewayApiViolation): void;
    submit(status: 'success' | 'failure', metadata?: { readonly [key: string]: string }): void;
  };
  /** cdk8s-cli's logger. @default - nothing is logged */
  readonly logger?: { log(message: string): void };
}

/**
 * Validates the manifests of `cdk8s synth` with this library's checks: the CRD
 * schemas and CEL rules of Gateway API v1.6.1, the cross-object checks, the
 * routing lint and, optionally, a routing test spec. Implements cdk8s-cli's
 * `Validation` interface.
 */
export class GatewayApiValidation {
  private readonly channel: 'standard' | 'experimental';
  private readonly failOnWarnings: boolean;
  private readonly spec?: string;
  private readonly lint: boolean;
  private readonly ignore: readonly string[];
  private readonly unlistedServices: 'warn' | 'elsewhere';
  private readonly implementation?: ImplementationOption;
  private readonly implementationName?: string;

  public constructor(props: GatewayApiValidationProps = {}) {
    const known = ['channel', 'failOnWarnings', 'spec', 'lint', 'ignore', 'unlistedServices', 'implementation'];
    const unknown = Object.keys(props ?? {}).filter((k) => !known.includes(k));
    if (unknown.length > 0) throw new Error(`GatewayApiValidation: unknown propert${unknown.length > 1 ? 'ies' : 'y'} ${unknown.join(', ')} (known: ${known.join(', ')})`);
    const channel = props.channel ?? DEFAULT_CHANNEL;
    if (channel !== 'standard' && channel !== 'experimental') throw new Error(`GatewayApiValidation: channel must be standard or experimental, got '${channel}'`);
    for (const k of ['failOnWarnings', 'lint'] as const) {
      if (props[k] !== undefined && typeof props[k] !== 'boolean') throw new Error(`GatewayApiValidation: ${k} must be true or false, got ${JSON.stringify(props[k])}`);
    }
    if (props.spec !== undefined && (typeof props.spec !== 'string' || props.spec === '')) throw new Error(`GatewayApiValidation: spec must be the path of a routing test spec, got ${JSON.stringify(props.spec)}`);
    const unlisted = props.unlistedServices ?? 'elsewhere';
    if (unlisted !== 'warn' && unlisted !== 'elsewhere') throw new Error(`GatewayApiValidation: unlistedServices must be warn or elsewhere, got ${JSON.stringify(unlisted)}`);
    this.ignore = checkIgnoreCodes(props.ignore, 'GatewayApiValidation');
    if (props.implementation !== undefined) {
      const claims = resolveImplementation(props.implementation, 'GatewayApiValidation');
      this.implementation = props.implementation;
      this.implementationName = claims.project === 'custom' ? 'custom supportedFeatures' : `${claims.project}${claims.mode === 'default' ? '' : `/${claims.mode}`} ${claims.version}`;
    }
    this.unlistedServices = unlisted;
    this.channel = channel;
    this.failOnWarnings = props.failOnWarnings ?? false;
    this.spec = props.spec;
    this.lint = props.lint ?? true;
  }

  /** Runs the checks and submits the report. */
  public async validate(context: GatewayApiValidationContext): Promise<void> {
    const read = readManifestFiles(context.manifests);
    const found: Diagnostic[] = [...read.diagnostics, ...validateSourcedManifests(read.items, { channel: this.channel, unlistedServices: this.unlistedServices, ...(this.implementation !== undefined ? { implementation: this.implementation } : {}) })];
    if (this.lint) found.push(...lintManifests(read.items, { channel: this.channel }));
    // The line and column of each finding in the manifest cdk8s wrote; cdk8s-cli adds the construct path from the resource name.
    const diagnostics = withoutIgnored(locateDiagnostics(found, read.items), this.ignore);
    const objects = new Map(read.items.map((i) => [i.source, i.object]));
    for (const group of groupDiagnostics(diagnostics).values()) {
      const d = group[0];
      context.report.addViolation({
        ruleName: `${d.code} (${d.severity})`,
        recommendation: d.message,
        fix: fixOf(d),
        violatingResources: group.map((x) => resourceOf(x, objects)),
      });
    }
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = diagnostics.length - errors;
    const metadata: Record<string, string> = { channel: this.channel, errors: String(errors), warnings: String(warnings), lint: String(this.lint) };
    if (this.implementationName !== undefined) metadata.implementation = this.implementationName;
    if (this.ignore.length > 0) metadata.ignored = `${found.length - diagnostics.length} (${this.ignore.join(', ')})`;
    let failedTests = 0;
    if (this.spec) {
      const result = this.runSpec(read.items, context);
      failedTests = result.failed;
      metadata['routing tests'] = result.summary;
    }
    const failed = errors > 0 || failedTests > 0 || (this.failOnWarnings && warnings > 0);
    context.report.submit(failed ? 'failure' : 'success', metadata);
  }

  private runSpec(items: ReturnType<typeof readManifestFiles>['items'], context: GatewayApiValidationContext): { failed: number; summary: string } {
    const file = this.spec!;
    let spec;
    try {
      spec = readRoutingSpec(file);
    } catch (err) {
      if (!(err instanceof RoutingSpecError)) throw err;
      context.report.addViolation({
        ruleName: 'routing-spec/invalid (error)',
        recommendation: err.message,
        fix: 'make the spec follow schemas/routing-tests.schema.json of cdk8s-gateway-api',
        violatingResources: [{ resourceName: file, locations: err.message.split('\n'), manifestPath: file }],
      });
      return { failed: 1, summary: 'spec invalid' };
    }
    const plane = DataPlane._fromDocuments(documentsOf(items), { assumeMissing: spec.assumeMissing });
    const report = runRoutingSpec(plane, spec);
    for (const t of report.tests.filter((x) => !x.passed)) {
      context.report.addViolation({
        ruleName: `routing-test/failed (error): ${t.name}`,
        recommendation: t.failures.join('; '),
        fix: `change the routes, or the expectation in ${file}; the data plane decided: ${t.explain.join(' | ') || '(no trace)'}`,
        violatingResources: [{ resourceName: t.name, locations: [`${file}: tests[${spec.tests.findIndex((x) => x.name === t.name)}]`], manifestPath: file }],
      });
    }
    if (plane.diagnostics.length > 0) context.logger?.log(`routing tests: objects left out of the data plane: ${plane.diagnostics.map(formatDiagnostic).join('; ')}`);
    return { failed: report.failed, summary: `${report.passed} passed, ${report.failed} failed` };
  }
}

/** Diagnostics grouped by code, severity and message (one violation each), in first-seen order. */
function groupDiagnostics(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const groups = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    const key = JSON.stringify([d.code, d.severity, d.message]);
    const list = groups.get(key);
    if (list) list.push(d); else groups.set(key, [d]);
  }
  return groups;
}

/** How to fix: the diagnostic's own fix (never a piece cut out of its message), and where the code is described. */
function fixOf(d: Diagnostic): string {
  return d.fix ? `${d.fix} (see docs/validation.md, code ${d.code})` : `see docs/validation.md, code ${d.code}`;
}

function resourceOf(d: Diagnostic, objects: Map<string | undefined, unknown>): GatewayApiViolatingResource {
  const source = d.source ?? '';
  const hash = source.lastIndexOf('#');
  const manifestPath = hash >= 0 ? source.slice(0, hash) : source;
  const doc = hash >= 0 ? source.slice(hash + 1) : '';
  const obj = objects.get(d.source) as { metadata?: { name?: string } } | undefined;
  const resourceName = d.object?.name ?? obj?.metadata?.name ?? '(unnamed)';
  const what = d.object ? `${d.object.kind} ${d.object.namespace ? `${d.object.namespace}/` : ''}${d.object.name ?? ''}` : 'document';
  const line = d.location?.line !== undefined ? `, line ${d.location.line}${d.location.column !== undefined ? `, column ${d.location.column}` : ''}` : '';
  return { resourceName, manifestPath, locations: [`${what}${doc ? ` (document ${doc}${line})` : ''}: ${d.field ?? '(whole object)'}`] };
}
