/**
 * `cdk8s-gateway diff OLD NEW`: what a change does to traffic. Both versions
 * are loaded into data planes and compared with the testing API's routing
 * diff (witness requests evaluated on both, status changes beside them).
 */
import type { Command } from 'commander';
import { anyGatewayReconciled, nothingReconciledHint } from './assume-hint';
import { CliError } from './cli-error';
import { addInputOptions, commandSettings, type InputFlags } from './config';
import { ASSUME_MISSING_HELP, CLI_DEFAULT_CHANNEL, loadPlane, readInput, writeNote, type Channel, type InputSelection } from './input';
import { addChannelOption, parseChannel } from './validate';
import { formatRoutingDiff, formatRoutingDiffMarkdown, routingDiff, type RoutingDiff } from '../testing/routing-diff';

/** Options of `diff`. */
export interface DiffCommandOptions {
  /** `--json`: `{ requests, changes, statusChanges }`. @default false */
  readonly json?: boolean;
  /** `--markdown`: tables for a pull-request comment. @default false */
  readonly markdown?: boolean;
  /** `--exit-code`: exit 1 when anything changed. @default false */
  readonly exitCode?: boolean;
  /** `--gateway namespace/name`: compare only this Gateway. @default - every Gateway */
  readonly gateway?: string;
  /** `--assume-missing`, as `DataPlaneOptions.assumeMissing`. @default false */
  readonly assumeMissing?: boolean;
  /** `--channel`. @default the CLI's default channel */
  readonly channel?: Channel;
  /** Files left out (`--exclude`) and more objects (`--context`, loaded into both versions). @default - the arguments only */
  readonly input?: InputSelection;
}

/** The `--json` output: exactly these keys. */
export function diffJson(d: RoutingDiff): Pick<RoutingDiff, 'requests' | 'changes' | 'statusChanges'> {
  return { requests: d.requests, changes: d.changes, statusChanges: d.statusChanges };
}

/** Runs `diff OLD NEW`; returns 0, or 1 with `--exit-code` when a request's decision or a status changed. */
export function runDiff(oldPath: string, newPath: string, options: DiffCommandOptions, write: (text: string) => void, note: (text: string) => void = writeNote): number {
  if (options.json && options.markdown) throw new CliError('--json and --markdown cannot be given together; choose one output format');
  if (oldPath === '-' && newPath === '-') throw new CliError('OLD and NEW cannot both be - (standard input); give one of them as a file or folder');
  const channel = options.channel ?? CLI_DEFAULT_CHANNEL;
  const load = (p: string, which: string) => {
    const items = readInput([p], (t) => note(`${which}: ${t}`), options.input);
    const plane = loadPlane(items, { assumeMissing: options.assumeMissing, channel });
    const hint = options.assumeMissing ? undefined : nothingReconciledHint(items, channel, anyGatewayReconciled(plane, items));
    if (hint) note(`${which} (${p}): ${hint}`);
    return plane;
  };
  const before = load(oldPath, 'OLD');
  const after = load(newPath, 'NEW');
  if (options.gateway && !gatewayIn(before, after, options.gateway)) {
    throw new CliError(`--gateway ${options.gateway}: no such Gateway in either version (Gateways: ${gatewayNames(before, after).join(', ') || 'none'})`);
  }
  let d: RoutingDiff;
  try {
    d = routingDiff(before, after, options.gateway ? { gateway: options.gateway } : {});
  } catch (err) {
    throw new CliError(`${options.gateway ? `--gateway ${options.gateway}: ` : ''}${String((err as Error | undefined)?.message ?? err)}`);
  }
  if (options.json) {
    for (const n of d.notes) note(n);
    write(`${JSON.stringify(diffJson(d), null, 2)}\n`);
  } else if (options.markdown) {
    write(formatRoutingDiffMarkdown(d));
  } else {
    write(formatRoutingDiff(d));
  }
  return options.exitCode && (d.changes.length > 0 || d.statusChanges.length > 0) ? 1 : 0;
}

function gatewayNames(...planes: ReturnType<typeof loadPlane>[]): string[] {
  const names = new Set<string>();
  for (const p of planes) for (const g of p.objects()) if (g.kind === 'Gateway') names.add(`${g.metadata.namespace ?? 'default'}/${g.metadata.name}`);
  return [...names].sort();
}

function gatewayIn(before: ReturnType<typeof loadPlane>, after: ReturnType<typeof loadPlane>, gateway: string): boolean {
  const key = gateway.includes('/') ? gateway : `default/${gateway}`;
  return gatewayNames(before, after).includes(key);
}

/** Adds `diff OLD NEW`. */
export function registerDiffCommand(program: Command, setExitCode: (code: number) => void): void {
  addInputOptions(addChannelOption(program
    .command('diff')
    .description('what a change does to traffic: requests derived from both versions (every listener, hostname, rule and match) evaluated on both, ' +
      'each request whose decision differs (outcome, status, backend, split, redirect, what the backend receives) grouped by host, and status changes')
    .argument('<old>', 'the version before: a YAML or JSON file, a folder of them (recursively), or - for standard input')
    .argument('<new>', 'the version after: a file, a folder, or -')))
    .option('--json', 'print { requests, changes: [{ request: { url, method, headers }, gateway, listener, before, after, cause }], statusChanges } as JSON')
    .option('--markdown', 'print Markdown tables, for a pull-request comment')
    .option('--exit-code', 'exit 1 when any request or status changed (as git diff --exit-code); without it the exit code is 0')
    .option('--gateway <ns/name>', 'compare only this Gateway (default: every Gateway of either version)')
    .option('--assume-missing', ASSUME_MISSING_HELP)
    .action((oldPath: string, newPath: string, opts: Omit<DiffCommandOptions, 'channel' | 'input'> & InputFlags & { channel: string }, command: Command) => {
      const s = commandSettings(command, opts);
      setExitCode(runDiff(oldPath, newPath, { ...opts, channel: parseChannel(program, s.channel), assumeMissing: s.assumeMissing, input: s.input }, (t) => process.stdout.write(t)));
    });
}
