/**
 * `cdk8s-gateway status`: the status a conformant controller would write on
 * every Gateway API object of the input, computed by the in-memory data plane.
 */
import type { Command } from 'commander';
import * as YAML from 'yaml';
import type { Condition, ParentReference } from '../../generated';
import { GATEWAY_API_GROUP, apiGroupOf } from '../model';
import type { DataPlane, ReconciledStatus } from '../testing';
import { STATUS_KINDS } from '../testing/data-plane';
import type { SourcedObject } from '../validation';
import { anyGatewayReconciled, nothingReconciledHint } from './assume-hint';
import { CliError } from './cli-error';
import { addInputOptions, commandSettings, type InputFlags } from './config';
import { ASSUME_MISSING_HELP, CLI_DEFAULT_CHANNEL, loadPlane, readInput, writeNote, type Channel, type InputSelection } from './input';
import { Style, colorWanted, makeStyle } from './style';
import { addChannelOption, FILES_HELP, parseChannel } from './validate';

/** Kinds the data plane writes a status on. */

/** One object of the input and the status computed for it. */
interface ObjectStatus {
  /** Object kind. */
  readonly kind: string;
  /** Namespace; absent for cluster-scoped kinds. @default - absent for cluster-scoped kinds */
  readonly namespace?: string;
  /** Name. */
  readonly name: string;
  /** `file#document` it came from. @default - absent when the origin is not known */
  readonly source?: string;
  /** The status, or null when the plane does not reconcile the object (its GatewayClass is absent or not handled). */
  readonly status: ReconciledStatus | null;
}

/** Identity of a manifest object, or undefined when it has no kind or name. */
function identityOf(o: unknown): { kind: string; namespace?: string; name: string; group: string } | undefined {
  if (!o || typeof o !== 'object') return undefined;
  const obj = o as { kind?: unknown; apiVersion?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  if (typeof obj.kind !== 'string' || typeof obj.metadata?.name !== 'string') return undefined;
  const group = apiGroupOf(obj.apiVersion);
  const clusterScoped = obj.kind === 'GatewayClass' || obj.kind === 'Namespace';
  const namespace = typeof obj.metadata.namespace === 'string' ? obj.metadata.namespace : undefined;
  return { kind: obj.kind, name: obj.metadata.name, group, ...(clusterScoped ? {} : { namespace: namespace || 'default' }) };
}

/** `ns/name` (or `name` for cluster-scoped objects). */
function displayName(id: { namespace?: string; name: string }): string {
  return id.namespace === undefined ? id.name : `${id.namespace}/${id.name}`;
}

/** Which objects to report: every one with a status, or those of `kind` (and `name`). */
interface StatusFilter {
  /** Only this kind. @default - every kind */
  readonly kind?: string;
  /** Only this `namespace/name` (or `name`: namespace `default`, or a cluster-scoped object). @default - every object of the kind */
  readonly name?: string;
}

/** Sort rank of a kind: GatewayClasses, Gateways, ListenerSets, then routes (in `ROUTE_KINDS` order), then policies. */
function kindRank(kind: string): number {
  const i = (STATUS_KINDS as readonly string[]).indexOf(kind);
  return i < 0 ? STATUS_KINDS.length : i;
}

/**
 * The order of every status output (table and `--json`): kind (parents before what attaches to them), then
 * namespace, then name, then source; the input order does not matter.
 */
export function compareStatusObjects(a: ObjectStatus, b: ObjectStatus): number {
  const key = (o: ObjectStatus) => [o.namespace ?? '', o.name, o.source ?? ''];
  const d = kindRank(a.kind) - kindRank(b.kind);
  if (d !== 0) return d;
  const [ka, kb] = [key(a), key(b)];
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
  }
  return 0;
}

/** The status of every reconcilable Gateway API object of `items`, sorted by {@link compareStatusObjects}. */
function collectStatuses(plane: DataPlane, items: readonly SourcedObject[], filter: StatusFilter = {}): ObjectStatus[] {
  const out: ObjectStatus[] = [];
  for (const item of items) {
    const id = identityOf(item.object);
    if (!id || id.group !== GATEWAY_API_GROUP || !(STATUS_KINDS as readonly string[]).includes(id.kind)) continue;
    if (!matchesFilter(id, filter)) continue;
    const status = plane.status(id.kind, id.namespace, id.name) ?? null;
    out.push({ kind: id.kind, ...(id.namespace !== undefined ? { namespace: id.namespace } : {}), name: id.name, ...(item.source ? { source: item.source } : {}), status });
  }
  if (out.length === 0 && (filter.kind || filter.name)) {
    const same = items.map((i) => identityOf(i.object)).filter((id) => id && (!filter.kind || id.kind === filter.kind));
    const what = `${filter.kind ?? 'object'}${filter.name ? ` ${filter.name}` : ''}`;
    throw new CliError(`no ${what} with a status among the objects${same.length ? ` (${filter.kind ?? 'objects'}: ${same.map((id) => displayName(id!)).join(', ')})` : ''}`);
  }
  return out.sort(compareStatusObjects);
}

/**
 * What `--fail-on-not-accepted` fails on, one line each: every `Accepted` condition that is not True (an object's
 * own, a listener's, a route's per parent, a policy's per ancestor), an object the data plane does not reconcile
 * (no status: no controller of the input would accept it), and a route no reconciled parent took.
 */
export function notAccepted(statuses: readonly ObjectStatus[]): string[] {
  const out: string[] = [];
  const why = (c: Condition) => `Accepted=${c.status} (${c.reason}${c.message ? `: ${c.message}` : ''})`;
  const bad = (conditions: readonly Condition[] | undefined) => (conditions ?? []).filter((c) => c.type === 'Accepted' && c.status !== 'True');
  for (const s of statuses) {
    const what = `${s.kind} ${displayName(s)}`;
    const st = s.status;
    if (st === null) {
      out.push(`${what}: no status (the data plane does not reconcile it)`);
      continue;
    }
    for (const c of bad(st.conditions)) out.push(`${what}: ${why(c)}`);
    for (const l of st.listeners ?? []) for (const c of bad(l.conditions)) out.push(`${what} listener ${l.name}: ${why(c)}`);
    for (const p of st.parents ?? []) for (const c of bad(p.conditions)) out.push(`${what} parent ${refName(p.parentRef)}: ${why(c)}`);
    for (const a of st.ancestors ?? []) for (const c of bad(a.conditions)) out.push(`${what} ancestor ${refName(a.ancestorRef)}: ${why(c)}`);
    if (s.kind.endsWith('Route') && (st.parents ?? []).length === 0) out.push(`${what}: no parent reconciled (no parentRef names a Gateway the data plane reconciles)`);
  }
  return out;
}

function matchesFilter(id: { kind: string; namespace?: string; name: string }, filter: StatusFilter): boolean {
  if (filter.kind && filter.kind !== id.kind) return false;
  if (filter.name) {
    const i = filter.name.indexOf('/');
    const [ns, name] = i < 0 ? [id.namespace === undefined ? undefined : 'default', filter.name] : [filter.name.slice(0, i), filter.name.slice(i + 1)];
    if (name !== id.name || ns !== id.namespace) return false;
  }
  return true;
}

/** `Accepted=True` (green), or `Accepted=False (Reason: message)` (red) for a condition. */
function formatCondition(c: Condition, style: Style): string {
  const good = c.type === 'Conflicted' ? c.status === 'False' : c.status === 'True';
  const text = `${c.type}=${c.status}`;
  if (good) return style.green(text);
  return style.red(`${text} (${c.reason}${c.message ? `: ${c.message}` : ''})`);
}

function conditionsLine(conditions: readonly Condition[] | undefined, style: Style): string {
  return (conditions ?? []).map((c) => formatCondition(c, style)).join(', ') || '(no conditions)';
}

function refName(ref: ParentReference): string {
  return `${ref.kind ?? 'Gateway'} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}${ref.sectionName ? ` section ${ref.sectionName}` : ''}${ref.port ? ` port ${ref.port}` : ''}`;
}

/** Human-readable lines for one object's status. */
function formatStatus(s: ObjectStatus, style: Style): string[] {
  const lines = [`${style.bold(`${s.kind} ${displayName(s)}`)}${s.source ? style.dim(` (${s.source})`) : ''}`];
  const st = s.status;
  if (st === null) {
    lines.push(`  ${style.yellow('no status: the data plane does not reconcile it (its GatewayClass is not among the objects, or its parent is not reconciled)')}`);
    return lines;
  }
  if (st.conditions) lines.push(`  ${conditionsLine(st.conditions, style)}`);
  if (Array.isArray(st.addresses) && st.addresses.length > 0) lines.push(`  addresses: ${st.addresses.map((a) => a.value).join(', ')}`);
  for (const l of st.listeners ?? []) {
    lines.push(`  listener ${l.name}: ${l.attachedRoutes} route(s) attached; ${conditionsLine(l.conditions, style)}`);
  }
  for (const p of st.parents ?? []) lines.push(`  parent ${refName(p.parentRef)}: ${conditionsLine(p.conditions, style)}`);
  for (const a of st.ancestors ?? []) lines.push(`  ancestor ${refName(a.ancestorRef)}: ${conditionsLine(a.conditions, style)}`);
  if (s.kind.endsWith('Route') && (st.parents ?? []).length === 0) lines.push(`  ${style.yellow('no parent reconciled: no parentRef names a Gateway the data plane reconciles')}`);
  return lines;
}

/** The input objects, each with its computed `status` where the plane reconciles it, as multi-document YAML. */
function objectsWithStatus(plane: DataPlane, items: readonly SourcedObject[], filter: StatusFilter = {}): string {
  const docs: unknown[] = [];
  for (const item of items) {
    const id = identityOf(item.object);
    if (filter.kind || filter.name) {
      if (!id || !matchesFilter(id, filter)) continue;
    }
    const status = id && id.group === GATEWAY_API_GROUP && (STATUS_KINDS as readonly string[]).includes(id.kind) ? plane.status(id.kind, id.namespace, id.name) : undefined;
    docs.push(status ? { ...(item.object as object), status } : item.object);
  }
  if (docs.length === 0) throw new CliError(`no ${filter.kind ?? 'object'}${filter.name ? ` ${filter.name}` : ''} among the objects`);
  return docs.map((d) => YAML.stringify(d, { lineWidth: 0 })).join('---\n');
}

/** Options of the status command. */
interface StatusCommandOptions extends StatusFilter {
  /** JSON output. @default false */
  readonly json?: boolean;
  /** `yaml`: the objects with their status filled in. @default - the human-readable summary (or JSON with `json`) */
  readonly output?: string;
  /** Stand in for what the objects name but do not define, as `DataPlaneOptions.assumeMissing`. @default false */
  readonly assumeMissing?: boolean;
  /** The release channel whose CRDs admit the objects. @default 'standard' */
  readonly channel?: Channel;
  /** Exit 1 when anything is not accepted (see {@link notAccepted}), listing it on standard error. @default false */
  readonly failOnNotAccepted?: boolean;
  /** Colors. @default - no colors */
  readonly style?: Style;
  /** Files left out (`--exclude`) and more objects (`--context`). @default - the arguments only */
  readonly input?: InputSelection;
}

/** Runs `status`; returns the exit code: 0, or 1 with `failOnNotAccepted` when anything is not accepted. */
export function runStatus(files: readonly string[], options: StatusCommandOptions, write: (text: string) => void, note: (text: string) => void = writeNote): number {
  if (options.output !== undefined && options.output !== 'yaml') throw new CliError(`-o/--output must be yaml, got '${options.output}'`);
  if (options.name && !options.kind) throw new CliError('--name needs --kind (e.g. --kind HTTPRoute --name production/api)');
  const items = readInput(files, note, options.input);
  const channel = options.channel ?? CLI_DEFAULT_CHANNEL;
  const plane = loadPlane(items, { assumeMissing: options.assumeMissing, channel });
  const hint = options.assumeMissing ? undefined : nothingReconciledHint(items, channel, anyGatewayReconciled(plane, items));
  if (options.output === 'yaml') {
    write(objectsWithStatus(plane, items, options));
    if (hint) note(hint);
    return options.failOnNotAccepted ? failIfNotAccepted(plane, items, options, note) : 0;
  }
  const statuses = collectStatuses(plane, items, options);
  if (options.json) {
    write(`${JSON.stringify(statuses, null, 2)}\n`);
  } else {
    const style = options.style ?? makeStyle(false);
    for (const s of statuses) write(`${formatStatus(s, style).join('\n')}\n`);
  }
  if (hint) note(hint);
  return options.failOnNotAccepted ? reportNotAccepted(statuses, note) : 0;
}

/** Notes every line of {@link notAccepted} on standard error; 1 when there is any, else 0. */
function reportNotAccepted(statuses: readonly ObjectStatus[], note: (text: string) => void): number {
  const lines = notAccepted(statuses);
  for (const l of lines) note(`not accepted: ${l}`);
  return lines.length > 0 ? 1 : 0;
}

/** `-o yaml` with `--fail-on-not-accepted`: the same check on the objects the YAML shows. */
function failIfNotAccepted(plane: DataPlane, items: readonly SourcedObject[], filter: StatusFilter, note: (text: string) => void): number {
  return reportNotAccepted(collectStatuses(plane, items, filter), note);
}

/** Adds `status FILES...`. */
export function registerStatusCommand(program: Command, setExitCode: (code: number) => void): void {
  addInputOptions(addChannelOption(program
    .command('status')
    .description('the status a conformant controller would write on every Gateway API object (conditions, listeners, route parents, policy ancestors), ' +
      'sorted by kind (GatewayClass, Gateway, ListenerSet, routes, BackendTLSPolicy), namespace and name; exit 0 (1 with --fail-on-not-accepted when anything is not accepted)')
    .argument('<files...>', FILES_HELP)))
    .option('--kind <kind>', 'only objects of this kind, e.g. HTTPRoute')
    .option('--name <ns/name>', 'only this object (with --kind); a bare name means namespace default, or a GatewayClass')
    .option('-o, --output <format>', 'yaml: print the input objects with their status filled in')
    .option('--json', 'print [{ kind, namespace, name, source, status }] as JSON, in the order of the text output (kind, namespace, name)')
    .option('--assume-missing', ASSUME_MISSING_HELP)
    .option('--fail-on-not-accepted', 'exit 1 when any Accepted condition is not True (an object\'s, a listener\'s, a route\'s per parent, a policy\'s per ancestor), ' +
      'an object is not reconciled or a route has no reconciled parent; each is listed on standard error')
    .action((files: string[], opts: InputFlags & { kind?: string; name?: string; output?: string; json?: boolean; failOnNotAccepted?: boolean; channel: string }, command: Command) => {
      const style = makeStyle(!opts.json && colorWanted(program.opts()));
      const s = commandSettings(command, opts);
      setExitCode(runStatus(files, { ...opts, channel: parseChannel(program, s.channel), assumeMissing: s.assumeMissing, input: s.input, style }, (t) => process.stdout.write(t)));
    });
}
