import type { App, Chart } from 'cdk8s';
import { chartDocuments } from './chart-documents';
import { Match, MatchMismatch, matchPattern } from './match';

/** Options of {@link Manifests.fromChart} and {@link Manifests.fromApp}. */
export interface ManifestsOptions {
  /**
   * Run the construct tree's validations (as `chart.toJson()` does) and throw
   * when they fail; `false` to assert on the manifests of a chart that does
   * not validate.
   * @default true
   */
  readonly validate?: boolean;
}

/** One manifest: a plain JSON object, as synthesized or as given to {@link Manifests.fromObjects}. */
export interface ManifestObject {
  /** apiVersion. @default - absent */
  readonly apiVersion?: string;
  /** Kind. @default - absent */
  readonly kind?: string;
  /** Metadata. @default - absent */
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly [key: string]: unknown };
  /** Every other field (spec, data, ...). */
  readonly [key: string]: unknown;
}

function label(o: ManifestObject | undefined): string {
  const m = o?.metadata ?? {};
  return `${o?.kind} ${m.namespace ? `${m.namespace}/` : ''}${m.name ?? '(no name)'}`;
}

function describe(pattern: unknown): string {
  const s = JSON.stringify(pattern, (_k, v) => (v instanceof Match ? `<${v.toString()}>` : v));
  return s === undefined ? '{}' : s.length > 200 ? `${s.slice(0, 197)}...` : s;
}

/**
 * Assertions on the manifests a chart or app synthesizes, in the style of
 * AWS CDK's `Template`: patterns match partially (see {@link Match}), and a
 * failure shows the closest object and the fields that differ.
 *
 * @example
 * const manifests = testing.Manifests.fromChart(chart);
 * manifests.objectCount('HTTPRoute', 2);
 * manifests.hasObject('HTTPRoute', { metadata: { name: 'api' }, spec: { hostnames: ['api.example.com'] } });
 */
export class Manifests {
  /** The manifests of one Chart. */
  public static fromChart(chart: Chart, options: ManifestsOptions = {}): Manifests {
    return new Manifests(chartDocuments(chart, options.validate ?? true));
  }

  /** The manifests of every Chart of an App, chart by chart. */
  public static fromApp(app: App, options: ManifestsOptions = {}): Manifests {
    return new Manifests(app.charts.flatMap((c) => chartDocuments(c, options.validate ?? true)));
  }

  /** Plain manifest objects (as parsed from YAML or JSON). */
  public static fromObjects(objects: readonly unknown[]): Manifests {
    return new Manifests(objects);
  }

  /** Every manifest, in synthesis order. */
  public readonly objects: readonly ManifestObject[];

  private constructor(objects: readonly unknown[]) {
    // A deep copy, so assertions never see later changes; the manifests of a chart are JSON objects.
    this.objects = objects.map((o) => JSON.parse(JSON.stringify(o)) as ManifestObject);
  }

  /** The objects of `kind` that match `pattern` (the whole object: `{ metadata: {...}, spec: {...} }`), in synthesis order. */
  public find(kind: string, pattern: unknown = {}): ManifestObject[] {
    return this.ofKind(kind).filter((o) => matchPattern(pattern, o).length === 0);
  }

  /**
   * Asserts that an object of `kind` matches `pattern` (the whole object,
   * partially: `{ metadata: { name: 'api' }, spec: { hostnames: ['a.example.com'] } }`).
   *
   * @throws Error showing the closest object of the kind and each field that differs
   */
  public hasObject(kind: string, pattern: unknown = {}): void {
    const candidates = this.ofKind(kind);
    if (candidates.some((o) => matchPattern(pattern, o).length === 0)) return;
    const head = `Expected a ${kind} matching ${describe(pattern)}`;
    if (candidates.length === 0) {
      const kinds = [...new Set(this.objects.map((o) => o?.kind))].sort();
      throw new Error(`${head}\nInstead: there is no ${kind}; the manifests hold ${kinds.length ? kinds.join(', ') : 'no objects'}`);
    }
    let best: { o: ManifestObject; m: MatchMismatch[] } | undefined;
    for (const o of candidates) {
      const m = matchPattern(pattern, o);
      if (!best || m.length < best.m.length) best = { o, m };
    }
    const lines = best!.m.map((d) => `  ${d.path || '(object)'}: ${d.message}`);
    throw new Error(`${head}\nInstead: ${candidates.length} ${kind}${candidates.length === 1 ? '' : 's'}, none matches; the closest is ${label(best!.o)}, which differs at:\n${lines.join('\n')}`);
  }

  /**
   * Asserts that there are exactly `count` objects of `kind`.
   *
   * @throws Error listing the objects of the kind there are
   */
  public objectCount(kind: string, count: number): void {
    const have = this.ofKind(kind);
    if (have.length === count) return;
    throw new Error(`Expected ${count} ${kind}${count === 1 ? '' : 's'}\nInstead: ${have.length}${have.length ? `: ${have.map(label).join(', ')}` : ''}`);
  }

  private ofKind(kind: string): ManifestObject[] {
    return this.objects.filter((o) => o?.kind === kind);
  }
}
