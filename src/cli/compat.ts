/**
 * `cdk8s-gateway compat FILES...`: the Gateway API features the manifests
 * use, with where, against what each implementation's conformance report
 * claims. A report is evidence, not a verdict: a feature it lacks is "not
 * claimed by its conformance report", never "unsupported".
 */
import type { Command } from 'commander';
import { CliError } from './cli-error';
import { addInputOptions, commandSettings, type InputFlags } from './config';
import { loadPlane, readCommandInput, writeNote, type Channel, type InputSelection } from './input';
import { addChannelOption, FILES_HELP, parseChannel } from './validate';
import { FEATURES } from '../../generated/compat';
import { detectFeatureUses, type UsedFeature } from '../model/feature-detection';
import { allImplementationClaims, implementationClaims, notClaimedPhrase, UnknownImplementationError, type ImplementationClaims } from '../model/implementation-claims';

/** Options of `compat`. */
export interface CompatCommandOptions {
  /** Print `{ features, implementations }` as JSON. @default false */
  readonly json?: boolean;
  /** `--implementation NAME` (repeatable): only these, and exit 1 when one lacks a used feature. @default - every implementation, exit 0 */
  readonly implementations?: readonly string[];
  /** Where the implementations were named, for messages. @default '--implementation' */
  readonly origin?: string;
  /** The release channel the objects are read against (an object the channel's CRDs refuse is an input error, as for the other commands). @default 'standard' */
  readonly channel?: Channel;
  /** Files left out and context objects (seen, e.g. a Service's appProtocol, not reported on). @default - the arguments only */
  readonly input?: InputSelection;
}

/** One implementation in the output: which report was read, and the used features it does not claim. */
type ImplementationRow = Pick<ImplementationClaims, 'project' | 'version' | 'mode' | 'channel' | 'gatewayAPIVersion' | 'date'> & { readonly missing: string[] };

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The features the reported objects use (context objects are seen, not reported on). */
function usedFeatures(reported: readonly unknown[], context: readonly unknown[]): UsedFeature[] {
  const byName = new Map<string, { kind: string; namespace: string; name: string; field: string }[]>();
  for (const u of detectFeatureUses([...reported, ...context])) {
    if (u.index >= reported.length) continue;
    if (!byName.has(u.feature)) byName.set(u.feature, []);
    byName.get(u.feature)!.push({ kind: u.kind, namespace: u.namespace, name: u.name, field: u.field });
  }
  const channels = new Map(FEATURES.map(f => [f.name, f.channel]));
  return [...byName.keys()].sort(byText).map(name => ({ name, channel: channels.get(name) ?? 'standard', usedBy: byName.get(name)! }));
}

/** Runs `compat`; returns 1 when an implementation named by `--implementation` lacks a used feature, else 0. */
export function runCompat(files: readonly string[], options: CompatCommandOptions, write: (text: string) => void, note: (text: string) => void = writeNote): number {
  let claims: ImplementationClaims[];
  try {
    claims = options.implementations && options.implementations.length > 0 ? options.implementations.map(n => implementationClaims(n)) : allImplementationClaims();
  } catch (err) {
    if (err instanceof UnknownImplementationError) throw new CliError(`${options.origin ?? '--implementation'}: ${err.message}`);
    throw err;
  }
  const { items, context } = readCommandInput(files, note, options.input);
  // Objects the plane refuses (a kind without apiVersion, a field the channel's CRDs lack) are input errors, as in
  // route, table, status and graph: the features of an object that cannot be applied are not worth listing.
  loadPlane(items, { assumeMissing: true, ...(options.channel ? { channel: options.channel } : {}) }, context, note);
  const features = usedFeatures(items.map(i => i.object), context.map(i => i.object));
  const rows: ImplementationRow[] = claims.map(c => {
    const claimed = new Set(c.claimed);
    return { project: c.project, version: c.version, mode: c.mode, channel: c.channel, gatewayAPIVersion: c.gatewayAPIVersion, date: c.date, missing: features.filter(f => !claimed.has(f.name)).map(f => f.name) };
  });
  const restricted = options.implementations !== undefined && options.implementations.length > 0;
  const failing = restricted ? rows.filter(r => r.missing.length > 0) : [];
  if (options.json) {
    write(`${JSON.stringify({ features, implementations: rows }, null, 2)}\n`);
  } else {
    write(formatText(features, rows, claims));
  }
  for (const r of failing) {
    const c = claims[rows.indexOf(r)];
    for (const name of r.missing) {
      const where = features.find(f => f.name === name)!.usedBy.map(u => `${u.kind} ${u.namespace}/${u.name} ${u.field}`).join(', ');
      note(`${r.project}${r.mode === 'default' ? '' : `/${r.mode}`}: ${name} ${notClaimedPhrase(c)}; used by ${where}`);
    }
  }
  return failing.length > 0 ? 1 : 0;
}

function pad(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map(r => r[i].length)));
  return rows.map(r => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ').trimEnd()).join('\n');
}

function formatText(features: UsedFeature[], rows: ImplementationRow[], claims: ImplementationClaims[]): string {
  const out: string[] = [];
  if (features.length === 0) {
    out.push('No Gateway API features used.');
  } else {
    out.push(`Features used (${features.length}):`);
    out.push(pad([['FEATURE', 'CHANNEL', 'USED BY'], ...features.flatMap(f => f.usedBy.map((u, i) => [i === 0 ? f.name : '', i === 0 ? f.channel : '', `${u.kind} ${u.namespace}/${u.name} ${u.field}`]))]));
  }
  out.push('');
  out.push('Implementations (newest conformance report; NOT CLAIMED lists the used features the report does not claim):');
  out.push(pad([['PROJECT', 'MODE', 'VERSION', 'GATEWAY API', 'CHANNEL', 'DATE', 'NOT CLAIMED'],
    ...rows.map((r, i) => [r.project, r.mode, r.version, r.gatewayAPIVersion, r.channel, claims[i].date.slice(0, 10), r.missing.length === 0 ? '-' : r.missing.join(', ')])]));
  return `${out.join('\n')}\n`;
}

/** Adds `compat FILES...`. */
export function registerCompatCommand(program: Command, setExitCode: (code: number) => void): void {
  addInputOptions(addChannelOption(program
    .command('compat')
    .description('the Gateway API features the manifests use (with where) against what each implementation\'s published conformance report claims; with --implementation, exit 1 when one of those does not claim a used feature')
    .argument('<files...>', FILES_HELP)))
    .option('--json', 'print { features: [{ name, channel, usedBy }], implementations: [{ project, version, mode, channel, gatewayAPIVersion, date, missing }] }')
    .option('--implementation <name>', 'only this implementation (a report\'s project, or project/mode); repeatable; exit 1 when one does not claim a used feature', (v: string, prev: string[] = []) => [...prev, v])
    .action((files: string[], opts: InputFlags & { channel: string; json?: boolean; implementation?: string[] }, command: Command) => {
      const s = commandSettings(command, opts);
      const channel = parseChannel(program, s.channel);
      // --implementation flags win over the config file's implementation.
      const fromConfig = opts.implementation === undefined && s.implementation !== undefined;
      const implementations = fromConfig ? [s.implementation!.name] : opts.implementation;
      setExitCode(runCompat(files, { json: opts.json === true, implementations, ...(fromConfig ? { origin: `${s.implementation!.origin}: implementation` } : {}), input: s.input, channel }, (t) => process.stdout.write(t)));
    });
}
