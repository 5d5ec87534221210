/**
 * `cdk8s-gateway route`: where a request goes and why, on any manifests:
 * the data plane's decision and its explain trace.
 */
import type { Command } from 'commander';
import type { AssumedObject, DataPlane } from '../testing';
import { assumeMissingHint, planeWithStandIns } from './assume-hint';
import { CliError } from './cli-error';
import { addInputOptions, commandSettings, type InputFlags } from './config';
import { ASSUME_MISSING_HELP, CLI_DEFAULT_CHANNEL, loadPlane, readInput, writeNote, type Channel, type InputSelection } from './input';
import { Style, colorWanted, makeStyle } from './style';
import { addChannelOption, FILES_HELP, parseChannel } from './validate';
import { formatShare } from '../model';
import type { DistributionRequest } from '../testing/data-plane';
import { parseUrlRequest, type ParsedRequest } from '../testing/request-url';
import type { BackendTarget, ForwardedRequest, RouteDecision } from '../testing/requests';
import { displayName, grpcStatusText, isSplit, splitEntries } from '../testing/weights';

/** One share of a weighted split in the `--json` output of `route`. */
export interface RouteSplitShare {
  /** `namespace/name` of the Service (`namespace/name:port` when the rule reaches it on several ports), or an outcome such as `(500)`. */
  readonly target: string;
  /** The fraction of identical requests that go there (0 to 1). */
  readonly share: number;
  /** True for the share this request (with its seed) falls in: the one `backend`, `status` and `request` describe. */
  readonly picked: boolean;
}

/** The `--json` output of `route`, exactly these keys. */
export interface RouteDecisionJson {
  /** forwarded, redirect, direct-response, no-route or refused. */
  readonly outcome: string;
  /** HTTP status (gRPC: the gRPC status code); null when refused or for TLS/TCP/UDP. */
  readonly status: number | null;
  /** The Service reached. */
  readonly backend: { readonly namespace: string; readonly name: string; readonly port: number | null } | null;
  /** The request as the backend receives it (after filters); null when not forwarded or not HTTP/gRPC. */
  readonly request: ForwardedRequest | null;
  /** Response headers the client gets. */
  readonly responseHeaders: Record<string, string>;
  /** The redirect, when the request is redirected. */
  readonly redirect: { readonly location: string; readonly status: number } | null;
  /** The route, rule and match that decided. */
  readonly route: RouteDecision | null;
  /** The explain trace, one line per step. */
  readonly explain: string[];
  /**
   * When the rule splits the traffic (weights): every share, largest first, the seeded pick marked; `backend` is
   * then only where this one request goes. Null when every such request goes one way.
   */
  readonly split: RouteSplitShare[] | null;
}

/** Parses repeated `--header 'Name: value'` options into a header map (repeats become several values). */
export function parseHeaderOptions(values: readonly string[]): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const v of values) {
    const i = v.indexOf(':');
    if (i <= 0) throw new CliError(`--header must be 'Name: value', got '${v}'`);
    const name = v.slice(0, i).trim();
    const value = v.slice(i + 1).trim();
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) throw new CliError(`--header '${v}': '${name}' is not a valid header name`);
    const prev = out[name];
    out[name] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
  }
  return out;
}

/** The seed `route` picks among weighted backends with: the request's own, else 1. */
export function routeSeed(parsed: ParsedRequest): number {
  return parsed.request.seed ?? 1;
}

/**
 * Evaluates a parsed request with the engine of its protocol; the same seed
 * for the decision, its trace and the pick marked in `split`.
 */
export function decide(plane: DataPlane, parsed: ParsedRequest): RouteDecisionJson {
  const d = decideOne(plane, parsed);
  const byPort = plane.distributionByPort({ ...parsed.request, seed: routeSeed(parsed), protocol: parsed.protocol } as DistributionRequest).byPort;
  if (!isSplit(byPort)) return { ...d, split: null };
  const name = displayName(byPort);
  const b = d.backend;
  const picked = b ? name(`${b.namespace}/${b.name}${b.port !== null ? `:${b.port}` : ''}`) : d.outcome === 'refused' ? '(refused)' : `(${d.status})`;
  return { ...d, split: splitEntries(byPort).map((e) => ({ target: e.target, share: e.share, picked: e.target === picked })) };
}

function decideOne(plane: DataPlane, parsed: ParsedRequest): Omit<RouteDecisionJson, 'split'> {
  const backendOf = (b: BackendTarget | undefined) => (b ? { namespace: b.namespace, name: b.name, port: b.port ?? null } : null);
  switch (parsed.protocol) {
    case 'http': {
      const seeded = { ...parsed.request, seed: parsed.request.seed ?? 1 };
      const r = plane.http(seeded);
      return {
        outcome: r.outcome,
        status: r.status ?? null,
        backend: backendOf(r.backend),
        request: r.request ?? null,
        responseHeaders: r.responseHeaders,
        redirect: r.outcome === 'redirect' && r.location !== undefined ? { location: r.location, status: r.status! } : null,
        route: r.route ?? null,
        explain: plane.explain(seeded).split('\n'),
      };
    }
    case 'grpc': {
      const seeded = { ...parsed.request, seed: parsed.request.seed ?? 1 };
      const r = plane.grpc(seeded);
      return {
        outcome: r.outcome,
        status: r.code ?? null,
        backend: backendOf(r.backend),
        request: r.request ?? null,
        responseHeaders: r.responseHeaders,
        redirect: null,
        route: r.route ?? null,
        explain: plane.explain(seeded).split('\n'),
      };
    }
    default: {
      const r = parsed.protocol === 'tls'
        ? plane.tls({ ...parsed.request, seed: parsed.request.seed ?? 1 })
        : parsed.protocol === 'tcp' ? plane.tcp({ ...parsed.request, seed: parsed.request.seed ?? 1 }) : plane.udp({ ...parsed.request, seed: parsed.request.seed ?? 1 });
      return {
        outcome: r.outcome,
        status: null,
        backend: backendOf(r.backend),
        request: null,
        responseHeaders: {},
        redirect: null,
        route: r.route ?? null,
        explain: r.explanation,
      };
    }
  }
}

/**
 * Human-readable decision. `grpc`: `status` is a gRPC code, printed by name
 * (`UNIMPLEMENTED (12)`). A weighted split prints every share, the seeded
 * pick (the one the rest of the output describes) marked.
 */
export function formatDecision(what: string, d: RouteDecisionJson, style: Style, grpc = false, seed = 1): string {
  const lines = [style.bold(what)];
  const b = d.backend ? `${d.backend.namespace}/${d.backend.name}${d.backend.port !== null ? `:${d.backend.port}` : ''}` : '';
  const status = d.status === null ? '' : ` ${grpc ? grpcStatusText(d.status) : d.status}`;
  if (d.split) lines.push(style.green(`→ split: ${d.split.map((s) => `${formatShare(s.share)} ${s.target.startsWith('(') ? `get ${grpc && /^\(\d+\)$/.test(s.target) ? grpcStatusText(Number(s.target.slice(1, -1))) : s.target}` : `to ${s.target}`}`).join(', ')}`));
  // On a split the rest describes the one request the seed picks, said so.
  const outcome = d.split ? `  seeded pick (seed ${seed}):` : '→';
  if (d.outcome === 'forwarded') lines.push(style.green(`${outcome} forwarded${status} to ${b}`));
  else if (d.redirect) lines.push(style.green(`${outcome} redirect ${d.redirect.status} to ${d.redirect.location}`));
  else lines.push(style.red(`${outcome} ${d.outcome}${status}${b ? ` (backend ${b})` : ''}`));
  const r = d.route;
  if (r) lines.push(`  route ${r.kind} ${r.namespace}/${r.name} rule ${r.rule}${r.ruleName ? ` (${r.ruleName})` : ''}${r.match !== undefined ? ` match ${r.match}` : ''}`);
  const req = d.request;
  if (req) {
    lines.push(`  backend receives: ${req.method ?? ''} ${req.host ?? ''}${req.path ?? ''}`.trimEnd());
    for (const [k, v] of Object.entries(req.headers ?? {})) lines.push(`    ${k}: ${v}`);
  }
  const rh = Object.entries(d.responseHeaders);
  if (rh.length > 0) {
    lines.push('  response headers:');
    for (const [k, v] of rh) lines.push(`    ${k}: ${v}`);
  }
  lines.push('  why:');
  for (const e of d.explain) lines.push(style.dim(`    ${e}`));
  return `${lines.join('\n')}\n`;
}

/** Options of `route`. */
export interface RouteCommandOptions {
  /** The request URL (`--url`), optionally prefixed by a method. */
  readonly url: string;
  /** `--method`. @default - the method the URL names, else GET */
  readonly method?: string;
  /** `--header 'Name: value'`, repeatable. @default - no headers */
  readonly header?: string[];
  /** `--gateway namespace/name`. @default - the only Gateway with a listener on the port */
  readonly gateway?: string;
  /** `--json`: the decision as JSON. @default false */
  readonly json?: boolean;
  /** `--assume-missing`, as `DataPlaneOptions.assumeMissing`. @default false */
  readonly assumeMissing?: boolean;
  /** `--channel`: the release channel whose CRDs admit the objects. @default 'standard' */
  readonly channel?: Channel;
  /** Colors. @default - no colors */
  readonly style?: Style;
  /** Files left out (`--exclude`) and more objects (`--context`). @default - the arguments only */
  readonly input?: InputSelection;
}

/** The decision, or the error it fails with. */
function tryDecide(plane: DataPlane, parsed: ParsedRequest): { decision?: RouteDecisionJson; error?: unknown } {
  try {
    return { decision: decide(plane, parsed) };
  } catch (error) {
    return { error };
  }
}

/** What tells two decisions apart for the hint: where the request ends. */
function endOf(d: RouteDecisionJson): string {
  return JSON.stringify([d.outcome, d.status, d.backend, d.redirect]);
}

/**
 * The stand-ins that changed the answer: the GatewayClasses when there was no
 * answer (no Gateway reconciled), and the Service the request reaches with
 * stand-ins; every stand-in when neither is among them.
 */
function relevantStandIns(assumed: readonly AssumedObject[], withStandIns: RouteDecisionJson, noAnswer: boolean): AssumedObject[] {
  const b = withStandIns.backend;
  const relevant = assumed.filter((a) => (noAnswer && a.kind === 'GatewayClass') || (b && a.kind === 'Service' && a.namespace === b.namespace && a.name === b.name));
  return relevant.length > 0 ? relevant : [...assumed];
}

/** Runs `route`; returns 0 (the answer is the output; use `test` to assert it). */
export function runRoute(files: readonly string[], options: RouteCommandOptions, write: (text: string) => void, note: (text: string) => void = writeNote): number {
  const headers = parseHeaderOptions(options.header ?? []);
  let parsed: ParsedRequest;
  try {
    parsed = parseUrlRequest({ url: options.url, ...(options.method ? { method: options.method } : {}), ...(Object.keys(headers).length ? { headers } : {}), ...(options.gateway ? { gateway: options.gateway } : {}) });
  } catch (err) {
    throw new CliError(`--url: ${String((err as Error | undefined)?.message ?? err)}`);
  }
  const items = readInput(files, note, options.input);
  const channel = options.channel ?? CLI_DEFAULT_CHANNEL;
  const plane = loadPlane(items, { assumeMissing: options.assumeMissing, channel });
  const answer = tryDecide(plane, parsed);
  // Without --assume-missing, an answer that stand-ins for absent GatewayClasses and Services would change gets the hint.
  const standIns = options.assumeMissing || (answer.decision && ['forwarded', 'redirect'].includes(answer.decision.outcome)) ? undefined : planeWithStandIns(items, channel);
  const other = standIns ? tryDecide(standIns, parsed) : undefined;
  const hint = standIns && other?.decision && (!answer.decision || endOf(answer.decision) !== endOf(other.decision))
    ? assumeMissingHint(relevantStandIns(standIns.assumed, other.decision, !answer.decision)) : undefined;
  if (!answer.decision) {
    const message = String((answer.error as Error | undefined)?.message ?? answer.error);
    throw new CliError(hint ? `${message}\nhint: ${hint}` : message);
  }
  const decision = answer.decision;
  if (options.json) {
    write(`${JSON.stringify(decision, null, 2)}\n`);
  } else {
    const method = parsed.protocol === 'http' ? `${parsed.request.method ?? 'GET'} ` : '';
    write(formatDecision(`${method}${options.url.replace(/^[A-Za-z]+\s+/, '')}`, decision, options.style ?? makeStyle(false), parsed.protocol === 'grpc', routeSeed(parsed)));
  }
  if (hint) note(`the answer is ${decision.outcome}${decision.status !== null ? ` ${decision.status}` : ''} because ${hint}`);
  return 0;
}

/** Adds `route FILES... --url URL`. */
export function registerRouteCommand(program: Command, setExitCode: (code: number) => void): void {
  addInputOptions(addChannelOption(program
    .command('route')
    .description('where a request goes and why: the decision of a conformant implementation (backend, status, redirect, filters applied) and its explain trace')
    .argument('<files...>', FILES_HELP)))
    .requiredOption('--url <url>', 'the request: http(s)://host[:port]/path?query (also grpc(s)://host/pkg.Service/Method, tls://host, tcp://:port, udp://:port); may start with a method')
    .option('--method <method>', 'HTTP method (default GET)')
    .option('--header <header>', "request header 'Name: value' (repeatable)", (v: string, prev: string[] = []) => [...prev, v])
    .option('--gateway <ns/name>', 'the Gateway to send to (default: the only Gateway with a listener on the port)')
    .option('--json', 'print { outcome, status, backend, request, responseHeaders, redirect, route, explain, split } as JSON')
    .option('--assume-missing', ASSUME_MISSING_HELP)
    .action((files: string[], opts: Omit<RouteCommandOptions, 'style' | 'channel' | 'input'> & InputFlags & { channel: string }, command: Command) => {
      const style = makeStyle(!opts.json && colorWanted(program.opts()));
      const s = commandSettings(command, opts);
      setExitCode(runRoute(files, { ...opts, channel: parseChannel(program, s.channel), assumeMissing: s.assumeMissing, input: s.input, style }, (t) => process.stdout.write(t)));
    });
}
