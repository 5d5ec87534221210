import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { fixture, ROOT, runCli } from '../support/cli';

/** Every document of the guide's objects (routes of every kind, a grant, a policy, a ListenerSet-free Gateway) and the complete example's. */
function documents(): string[] {
  const files = [
    ...fs.readdirSync(path.join(ROOT, fixture('seed/guide'))).sort().map((f) => fixture('seed/guide', f)),
    fixture('lint/labelled-namespaces.yaml'),
  ];
  return files.flatMap((f) => YAML.parseAllDocuments(fs.readFileSync(path.join(ROOT, f), 'utf8'))
    .filter((d) => d.contents !== null)
    .map((d) => d.toString()));
}

/** A fixed permutation unlike the input order: odd positions reversed, then even ones. */
function shuffled<T>(xs: readonly T[]): T[] {
  const odd = xs.filter((_, i) => i % 2 === 1).reverse();
  const even = xs.filter((_, i) => i % 2 === 0);
  return [...odd, ...even];
}

describe('output does not depend on the input order', () => {
  const docs = documents();
  const order = docs.map((_, i) => i);
  const perm = shuffled(order);

  test('the permutation really reorders the documents (Gateway and class not first)', () => {
    expect(docs.length).toBeGreaterThan(10);
    expect(perm).not.toEqual(order);
    expect(perm.slice(0, 3)).not.toEqual([0, 1, 2]);
  });

  test.each([['mermaid'], ['dot']])('graph --format %s: identical node ids and text for the shuffled input', (format) => {
    const stream = (idx: number[]) => idx.map((i) => docs[i]).join('---\n');
    const a = runCli(['graph', '--format', format, '--assume-missing', '-'], { input: stream(order) });
    const b = runCli(['graph', '--format', format, '--assume-missing', '-'], { input: stream(perm) });
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(a.stdout).toContain('ReferenceGrant');
    expect(a.stdout).toContain('BackendTLSPolicy');
    expect(b.stdout).toBe(a.stdout);
  });

  test('status --json and the text output: byte-identical for the files given in another order, sorted by kind, namespace, name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stable-order-'));
    try {
      const files = docs.map((d, i) => {
        const f = path.join(dir, `doc-${String(i).padStart(2, '0')}.yaml`);
        fs.writeFileSync(f, d);
        return f;
      });
      for (const extra of [['--json'], []]) {
        const a = runCli(['status', ...extra, '--assume-missing', ...order.map((i) => files[i])]);
        const b = runCli(['status', ...extra, '--assume-missing', ...perm.map((i) => files[i])]);
        expect(a.code).toBe(0);
        expect(b.stdout).toBe(a.stdout);
      }
      const all = JSON.parse(runCli(['status', '--json', '--assume-missing', ...perm.map((i) => files[i])]).stdout);
      const keys = all.map((o: any) => `${o.kind} ${o.namespace ?? ''}/${o.name}`);
      expect(keys.slice(0, 2)).toEqual(['GatewayClass /envoy-gateway', 'Gateway gateway-system/main-gateway']);
      const rank = ['GatewayClass', 'Gateway', 'ListenerSet', 'HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute', 'BackendTLSPolicy'];
      const sorted = [...all].sort((x: any, y: any) => rank.indexOf(x.kind) - rank.indexOf(y.kind)
        || (x.namespace ?? '').localeCompare(y.namespace ?? '') || x.name.localeCompare(y.name));
      expect(all).toEqual(sorted);
      expect(keys[keys.length - 1]).toBe('BackendTLSPolicy production/backend-tls');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
