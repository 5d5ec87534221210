/**
 * `cdk8s-gateway graph`: the topology of a set of manifests, GatewayClass →
 * Gateway → listeners → routes → backends, with ReferenceGrants and
 * BackendTLSPolicies, as a Mermaid flowchart or Graphviz DOT. Attachments
 * and backend resolutions are the data plane controller's, so the drawing
 * shows what a conformant controller would do, not what the YAML intends.
 */
import type { Command } from 'commander';
import { GATEWAY_API_GROUP, ROUTE_KINDS, backendShares, backendsTakingTraffic, formatShare, isReferencePermitted } from '../model';
import { nothingReconciledHint } from './assume-hint';
import { CliError } from './cli-error';
import { addInputOptions, commandSettings, type InputFlags } from './config';
import { ASSUME_MISSING_HELP, CLI_DEFAULT_CHANNEL, loadControllerState, readInput, writeNote, type Channel, type InputSelection } from './input';
import { addChannelOption, FILES_HELP, parseChannel } from './validate';
import type { ControllerState, ListenerState, RouteState } from '../testing/controller';
import { routeSpec } from '../testing/stored-kinds';

/** Node shapes (rendered per format). */
type NodeShape = 'class' | 'gateway' | 'listener-set' | 'listener' | 'route' | 'backend' | 'grant' | 'policy';

/** A node of the topology. */
interface GraphNode {
  /** Stable id (`n1`, `n2`, ... in construction order, which does not depend on the input order). */
  readonly id: string;
  /** Text shown. */
  readonly label: string;
  /** Shape. */
  readonly shape: NodeShape;
  /** Drawn in the "unattached routes" group. @default false */
  readonly unattached?: boolean;
}

/** An edge of the topology. */
interface GraphEdge {
  /** Id of the node the edge starts at. */
  readonly from: string;
  /** Id of the node the edge ends at. */
  readonly to: string;
  /** Text drawn on the edge. @default - none */
  readonly label?: string;
  /** Dashed: references that do not carry traffic (grants, policies) or that fail to resolve. @default false */
  readonly dashed?: boolean;
}

/** The topology: nodes and edges in a deterministic order. */
interface Topology {
  readonly nodes: GraphNode[];
  readonly edges: GraphEdge[];
}

/** Text order of plain strings (no locale: the same on every machine). */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Objects sorted by `namespace/name`, so that node ids do not depend on the input order. */
function byName<T extends { readonly obj: { readonly namespace: string; readonly name: string } }>(xs: Iterable<T>): T[] {
  return [...xs].sort((a, b) => byText(a.obj.namespace, b.obj.namespace) || byText(a.obj.name, b.obj.name));
}

/**
 * Builds the topology from the controller's state. Objects are visited sorted (classes by name; Gateways,
 * ListenerSets, grants and policies by namespace and name; routes by kind, namespace and name), so the node ids and
 * the order of nodes and edges are the same for any order of the input; listeners and rules keep their spec order.
 */
function buildTopology(ctl: ControllerState): Topology {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const ids = new Map<string, string>();
  const node = (key: string, label: string, shape: NodeShape, unattached = false): string => {
    let id = ids.get(key);
    if (!id) {
      id = `n${nodes.length + 1}`;
      ids.set(key, id);
      nodes.push({ id, label, shape, ...(unattached ? { unattached } : {}) });
    }
    return id;
  };
  const listenerIds = new Map<ListenerState, string>();

  for (const name of [...ctl.gatewayClasses.keys()].sort(byText)) node(`GatewayClass/${name}`, `GatewayClass ${name}`, 'class');
  for (const gw of byName(ctl.gateways.values())) {
    const gwId = node(`Gateway/${gw.obj.namespace}/${gw.obj.name}`, `Gateway ${gw.obj.namespace}/${gw.obj.name}`, 'gateway');
    const cls = gw.obj.obj.spec.gatewayClassName;
    if (ctl.gatewayClasses.has(cls)) edges.push({ from: node(`GatewayClass/${cls}`, `GatewayClass ${cls}`, 'class'), to: gwId });
    for (const l of gw.listeners) {
      const id = node(`Listener/${gw.obj.namespace}/${gw.obj.name}/${l.name}`, listenerLabel(l), 'listener');
      listenerIds.set(l, id);
      edges.push({ from: gwId, to: id });
    }
  }
  for (const ls of byName(ctl.listenerSets.values())) {
    const lsId = node(`ListenerSet/${ls.obj.namespace}/${ls.obj.name}`, `ListenerSet ${ls.obj.namespace}/${ls.obj.name}`, 'listener-set');
    if (ls.gateway) edges.push({ from: node(`Gateway/${ls.gateway.obj.namespace}/${ls.gateway.obj.name}`, '', 'gateway'), to: lsId, dashed: !ls.conditions.isTrue('Accepted') });
    for (const l of ls.listeners) {
      const id = node(`Listener/${ls.obj.namespace}/${ls.obj.name}/${l.name}`, listenerLabel(l), 'listener');
      listenerIds.set(l, id);
      edges.push({ from: lsId, to: id });
    }
  }
  const routes = byName(ctl.routes.values()).sort((a, b) => (ROUTE_KINDS as readonly string[]).indexOf(a.kind) - (ROUTE_KINDS as readonly string[]).indexOf(b.kind));
  const backendId = (ns: string, name: string, port: number | undefined) =>
    node(`Service/${ns}/${name}/${port ?? ''}`, `Service ${ns}/${name}${port !== undefined ? `:${port}` : ''}`, 'backend');
  for (const r of routes) {
    const unattached = r.attachments.length === 0;
    const label = `${r.kind} ${r.obj.namespace}/${r.obj.name}${unattached ? `<br>${unattachedReason(r)}` : ''}`;
    const rId = node(`${r.kind}/${r.obj.namespace}/${r.obj.name}`, label, 'route', unattached);
    for (const a of r.attachments) {
      edges.push({ from: listenerIds.get(a.listener)!, to: rId, ...(a.hostnames ? { label: a.hostnames.join(' ') } : {}) });
    }
    const rules = routeSpec(r.obj.obj).rules ?? [];
    rules.forEach((rule, i) => {
      const refs = rule.backendRefs ?? [];
      const shares = backendShares(refs);
      // Every edge of a rule with several backends carries its share (0% too), when any takes traffic.
      const labelled = refs.length > 1 && backendsTakingTraffic(refs) > 0;
      refs.forEach((b, j) => {
        const res = r.backends.get(b);
        const ns = b.namespace ?? r.obj.namespace;
        const to = res?.ok ? backendId(res.namespace, res.name, res.port) : backendId(ns, b.name, b.port);
        const weight = labelled ? formatShare(shares[j]) : '';
        const rule_ = rules.length > 1 ? `rule ${rule.name ?? i}` : '';
        const text = [rule_, weight.trim(), res && !res.ok ? res.reason : ''].filter((x) => x).join(' ');
        edges.push({ from: rId, to, ...(text ? { label: text } : {}), ...(res && !res.ok ? { dashed: true } : {}) });
      });
    });
  }
  // ReferenceGrants: each points at the objects it lets another namespace reference.
  const grants = byName(ctl.store.list('ReferenceGrant').map((g) => ({ obj: g }))).map((x) => x.obj);
  for (const g of grants) {
    const gId = node(`ReferenceGrant/${g.namespace}/${g.name}`, `ReferenceGrant ${g.namespace}/${g.name}`, 'grant');
    for (const r of routes) {
      for (const res of r.backends.values()) {
        if (res.namespace === r.obj.namespace) continue;
        const permits = isReferencePermitted({ group: GATEWAY_API_GROUP, kind: r.kind, namespace: r.obj.namespace },
          { group: res.group, kind: res.kind, namespace: res.namespace, name: res.name }, [g.obj]);
        if (permits) {
          const edge = { from: gId, to: backendId(res.namespace, res.name, res.port), label: `permits ${r.kind} from ${r.obj.namespace}`, dashed: true };
          if (!edges.some((e) => e.from === edge.from && e.to === edge.to && e.label === edge.label)) edges.push(edge);
        }
      }
    }
  }
  for (const p of byName(ctl.policies.values())) {
    const pId = node(`BackendTLSPolicy/${p.obj.namespace}/${p.obj.name}`, `BackendTLSPolicy ${p.obj.namespace}/${p.obj.name}`, 'policy');
    for (const t of p.obj.obj.spec.targetRefs ?? []) {
      const targets = nodes.filter((n) => n.shape === 'backend' && n.label.startsWith(`Service ${p.obj.namespace}/${t.name}`) &&
        /^(:|$)/.test(n.label.slice(`Service ${p.obj.namespace}/${t.name}`.length)));
      const list = targets.length > 0 ? targets.map((n) => n.id) : [backendId(p.obj.namespace, t.name, undefined)];
      for (const to of list) edges.push({ from: pId, to, label: `TLS to backend${t.sectionName ? ` (${t.sectionName})` : ''}${p.accepted ? '' : ', not accepted'}`, dashed: true });
    }
  }
  return { nodes, edges };
}

function listenerLabel(l: ListenerState): string {
  return `${l.name}: ${l.protocol} ${l.port}${l.hostname ? ` ${l.hostname}` : ''}${l.conditions.isTrue('Accepted') ? '' : ' (not accepted)'}`;
}

function unattachedReason(r: RouteState): string {
  const reasons = new Set<string>();
  for (const p of r.parents) {
    const accepted = p.conditions.find((c) => c.type === 'Accepted');
    if (accepted && accepted.status !== 'True') reasons.add(accepted.reason);
  }
  return reasons.size > 0 ? `not attached: ${[...reasons].join(', ')}` : 'not attached: no parentRef names a reconciled Gateway';
}

const MERMAID_SHAPES: Record<NodeShape, [string, string]> = {
  'class': ['([', '])'],
  'gateway': ['[', ']'],
  'listener-set': ['[[', ']]'],
  'listener': ['{{', '}}'],
  'route': ['(', ')'],
  'backend': ['[(', ')]'],
  'grant': ['[/', '/]'],
  'policy': ['[\\', '\\]'],
};

function mermaidText(text: string): string {
  return `"${text.replace(/"/g, '#quot;')}"`;
}

/** Renders a Mermaid `flowchart LR`; unattached routes are drawn in their own subgraph. */
function renderMermaid(t: Topology): string {
  const lines = ['flowchart LR'];
  const nodeLine = (n: GraphNode) => `${n.id}${MERMAID_SHAPES[n.shape][0]}${mermaidText(n.label)}${MERMAID_SHAPES[n.shape][1]}`;
  for (const n of t.nodes.filter((x) => !x.unattached)) lines.push(`  ${nodeLine(n)}`);
  const apart = t.nodes.filter((x) => x.unattached);
  if (apart.length > 0) {
    lines.push('  subgraph unattached["Routes attached to no listener"]');
    for (const n of apart) lines.push(`    ${nodeLine(n)}`);
    lines.push('  end');
  }
  for (const e of t.edges) {
    const arrow = e.dashed ? '-.->' : '-->';
    lines.push(`  ${e.from} ${arrow}${e.label ? `|${mermaidText(e.label)}|` : ''} ${e.to}`);
  }
  return `${lines.join('\n')}\n`;
}

const DOT_SHAPES: Record<NodeShape, string> = {
  'class': 'shape=oval',
  'gateway': 'shape=box',
  'listener-set': 'shape=box, peripheries=2',
  'listener': 'shape=hexagon',
  'route': 'shape=box, style=rounded',
  'backend': 'shape=cylinder',
  'grant': 'shape=parallelogram',
  'policy': 'shape=trapezium',
};

function dotText(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/<br>/g, '\\n')}"`;
}

/** Renders Graphviz DOT; unattached routes are drawn in their own cluster. */
function renderDot(t: Topology): string {
  const lines = ['digraph gateway_api {', '  rankdir=LR;'];
  const nodeLine = (n: GraphNode) => `${n.id} [label=${dotText(n.label)}, ${DOT_SHAPES[n.shape]}];`;
  for (const n of t.nodes.filter((x) => !x.unattached)) lines.push(`  ${nodeLine(n)}`);
  const apart = t.nodes.filter((x) => x.unattached);
  if (apart.length > 0) {
    lines.push('  subgraph cluster_unattached {', `    label=${dotText('Routes attached to no listener')};`);
    for (const n of apart) lines.push(`    ${nodeLine(n)}`);
    lines.push('  }');
  }
  for (const e of t.edges) {
    const attrs = [e.label ? `label=${dotText(e.label)}` : '', e.dashed ? 'style=dashed' : ''].filter((x) => x);
    lines.push(`  ${e.from} -> ${e.to}${attrs.length ? ` [${attrs.join(', ')}]` : ''};`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

/** Runs `graph`; returns the exit code (0). */
export function runGraph(files: readonly string[], options: { format?: string; assumeMissing?: boolean; channel?: Channel; input?: InputSelection }, write: (text: string) => void, note: (text: string) => void = writeNote): number {
  const format = options.format ?? 'mermaid';
  if (format !== 'mermaid' && format !== 'dot') throw new CliError(`--format must be mermaid or dot, got '${format}'`);
  const items = readInput(files, note, options.input);
  const channel = options.channel ?? CLI_DEFAULT_CHANNEL;
  const ctl = loadControllerState(items, { assumeMissing: options.assumeMissing, channel });
  const t = buildTopology(ctl);
  write(format === 'dot' ? renderDot(t) : renderMermaid(t));
  // The controller's gateways are those it reconciles.
  const hint = options.assumeMissing ? undefined : nothingReconciledHint(items, channel, ctl.gateways.size > 0);
  if (hint) note(hint);
  return 0;
}

/** Adds `graph FILES...`. */
export function registerGraphCommand(program: Command, setExitCode: (code: number) => void): void {
  addInputOptions(addChannelOption(program
    .command('graph')
    .description('draw GatewayClass → Gateway → listeners → routes → backends, with ReferenceGrants and BackendTLSPolicies (unattached routes apart), as the controller would attach them')
    .argument('<files...>', FILES_HELP)))
    .option('--format <format>', 'mermaid (a flowchart; GitHub renders it in ```mermaid blocks) or dot (Graphviz)', 'mermaid')
    .option('--assume-missing', ASSUME_MISSING_HELP)
    .action((files: string[], opts: InputFlags & { format: string; channel: string }, command: Command) => {
      const s = commandSettings(command, opts);
      setExitCode(runGraph(files, { ...opts, channel: parseChannel(program, s.channel), assumeMissing: s.assumeMissing, input: s.input }, (t) => process.stdout.write(t)));
    });
}
