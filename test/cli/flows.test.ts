import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { GatewayApiValidation } from '../../src/cdk8s-validation-plugin';
import { main } from '../../src/cli/main';
import { lintManifests } from '../../src/lint';
import { DataPlane } from '../../src/testing';
import { readManifestFiles } from '../../src/validation';
import { channelOf, DEFAULT_CHANNEL } from '../../src/validation/crd-data';
import { fixture } from '../support/cli';
import { scratchDir } from '../support/scratch-dir';

/** Runs the command line in-process; what it wrote on stdout and stderr, and its exit code. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => { out += String(chunk); return true; });
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: any) => { err += String(chunk); return true; });
  // The github format that GITHUB_ACTIONS=true selects is tested in report-format.test.ts; these tests read the text format.
  const github = process.env.GITHUB_ACTIONS;
  delete process.env.GITHUB_ACTIONS;
  try {
    const code = await main(['node', 'cdk8s-gateway', ...args]);
    return { code, out, err };
  } finally {
    if (github !== undefined) process.env.GITHUB_ACTIONS = github;
    o.mockRestore();
    e.mockRestore();
  }
}

const scratch = scratchDir('cli-flows-');

const CLASS = 'apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: { name: gc }\nspec: { controllerName: example.com/gc }\n';
const TLS_GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: default }
spec:
  gatewayClassName: gc
  listeners: [{ name: tls, protocol: TLS, port: 443, tls: { mode: Passthrough } }, { name: http, protocol: HTTP, port: 80 }]
`;
const HTTP_ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: h, namespace: default }
spec:
  parentRefs: [{ name: gw }]
  rules: [{ backendRefs: [{ name: svc, port: 80 }] }]
`;
const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata: { name: svc, namespace: default }\nspec: { ports: [{ port: 443 }, { port: 80 }] }\n';
const TLS_ROUTE_V1ALPHA2 = `apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TLSRoute
metadata: { name: t, namespace: default }
spec:
  parentRefs: [{ name: gw }]
  hostnames: [a.example.com]
  rules: [{ backendRefs: [{ name: svc, port: 443 }] }]
`;

describe('one channel default, --channel on every command that reads objects', () => {
  test('the default is one constant: validation, the plugin and the command line use standard', () => {
    expect(DEFAULT_CHANNEL).toBe('standard');
    expect(channelOf(undefined)).toBe(DEFAULT_CHANNEL);
    // The plugin's default channel is the same (its report metadata says which it used).
    let metadata: Record<string, string> = {};
    return new GatewayApiValidation({ lint: false }).validate({
      manifests: [],
      report: { addViolation: () => undefined, submit: (_s, m) => { metadata = { ...m }; } },
    }).then(() => expect(metadata.channel).toBe(DEFAULT_CHANNEL));
  });

  test.each(['validate', 'lint', 'route', 'table', 'status', 'graph', 'test', 'diff', 'compat'])('%s --help offers --channel, default standard', async (command) => {
    const r = await cli(command, '--help');
    expect(r.code).toBe(0);
    const help = r.out.replace(/\s+/g, ' ');
    expect(help).toMatch(/--channel <channel> release channel of the cluster's Gateway API v1\.6\.1 CRDs: standard or experimental; [^(]*\(a v1alpha2 TLSRoute only in experimental\) \(default: standard, or the channel \.cdk8s-gateway\.yaml sets\)/);
    // commander's own default mark would name "standard" even where the config file sets experimental
    expect(help).not.toContain('(default: "standard")');
  });

  describe('a v1alpha2 TLSRoute (served by the experimental channel only)', () => {
    let file: string;
    let spec: string;
    beforeAll(() => {
      file = scratch.write('tls-v1alpha2.yaml', [CLASS, TLS_GATEWAY, TLS_ROUTE_V1ALPHA2, SERVICE, HTTP_ROUTE].join('---\n'));
      // Routing specs send HTTP requests: the test runs when the file loads, which the TLSRoute decides.
      spec = scratch.write('tls-spec.yaml', "tests:\n  - name: http\n    request: { url: 'http://b.example.com/' }\n    expect: { backend: 'default/svc:80' }\n");
    });
    const commands: Record<string, (f: string) => string[]> = {
      lint: (f) => ['lint', f],
      route: (f) => ['route', f, '--url', 'tls://a.example.com'],
      table: (f) => ['table', f],
      status: (f) => ['status', f],
      graph: (f) => ['graph', f],
      test: (f) => ['test', spec, f],
    };
    const refusal = 'TLSRoute gateway.networking.k8s.io/v1alpha2 is not served by Gateway API v1.6.1 (standard channel)';

    test('validate: an error by default and with --channel standard; a warning with --channel experimental', async () => {
      for (const args of [['validate', file], ['validate', '--channel', 'standard', file]]) {
        const r = await cli(...args);
        expect(r.code).toBe(1);
        expect(r.out).toContain(`${file}:13:1: error TLSRoute default/t apiVersion: ${refusal}`);
      }
      const exp = await cli('validate', '--channel', 'experimental', file);
      expect(exp.code).toBe(0);
      expect(exp.out).toContain(`${file}:13:1: warning TLSRoute default/t apiVersion: TLSRoute gateway.networking.k8s.io/v1alpha2 is still served`);
    });

    test.each(Object.keys(commands))('%s: refused by default (exit 2, the same message as validate, a hint to --channel experimental); read with --channel experimental', async (name) => {
      const args = commands[name](file);
      const r = await cli(...args);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      const lines = r.err.trimEnd().split('\n');
      expect(lines[0]).toContain(`cdk8s-gateway: ${file}#2: error TLSRoute default/t apiVersion: ${refusal}`);
      expect(lines).toContain(`cdk8s-gateway: hint: the experimental channel admits ${file}#2; if the cluster runs the experimental CRDs, pass --channel experimental`);

      const [command, ...rest] = args;
      const exp = await cli(command, '--channel', 'experimental', ...rest);
      expect(exp.err).toBe('');
      expect(exp.code).toBe(0);
      expect(exp.out).toMatch(name === 'lint' ? /^0 finding\(s\) in 5 object\(s\)/ : /TLSRoute|passed/);
      if (name === 'route') expect(exp.out).toContain('→ forwarded to default/svc:443');
      if (name === 'test') expect(exp.out).toContain('1 passed, 0 failed');
    });

    test('lintManifests (the lint command and the plugin) analyses the objects as the channel admits them', () => {
      // A hostname no listener serves: a finding only where the TLSRoute is admitted.
      const objects = [CLASS, TLS_GATEWAY.replace('tls: { mode: Passthrough } }', 'hostname: a.example.com, tls: { mode: Passthrough } }'),
        TLS_ROUTE_V1ALPHA2.replace('[a.example.com]', '[a.example.com, c.example.com]'), SERVICE]
        .map((t, i) => ({ object: YAML.parse(t), source: `objects#${i}` }));
      const codes = (channel: 'standard' | 'experimental') => lintManifests(objects, { channel }).map((d) => `${d.code} ${d.source}`);
      expect(codes('experimental')).toEqual(['lint/hostname-not-served objects#2']);
      expect(codes('standard')).toEqual([]);
    });

    test('a wrong --channel is a usage error on every command', async () => {
      for (const name of Object.keys(commands)) {
        const [command, ...rest] = commands[name](file);
        const r = await cli(command, '--channel', 'beta', ...rest);
        expect(r.code).toBe(2);
        expect(r.err).toContain("--channel must be standard or experimental, got 'beta'");
      }
    });

    test('no channel hint when the experimental channel refuses the object too', async () => {
      const bad = scratch.write('bad-port.yaml', TLS_ROUTE_V1ALPHA2.replace('port: 443', 'port: 99999').replace('v1alpha2', 'v1'));
      const r = await cli('table', bad);
      expect(r.code).toBe(2);
      expect(r.err).toContain('[schema/maximum]');
      expect(r.err).not.toContain('hint');
    });
  });
});

describe('--ignore CODE on validate and lint', () => {
  const ZERO_WEIGHTS = 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: { name: web, namespace: apps }\nspec: { rules: [ { backendRefs: [ { name: api, port: 80, weight: 0 } ] } ] }\n';
  const COMPLETE = fixture('seed', 'complete');

  test('validate: the ignored code is not printed and does not fail; the summary says how many were left out', async () => {
    const file = scratch.write('zero.yaml', ZERO_WEIGHTS);
    const plain = await cli('validate', file);
    expect(plain.code).toBe(1);
    expect(plain.out).toContain('[route/all-weights-zero]');
    const ignored = await cli('validate', '--ignore', 'route/all-weights-zero', file);
    expect(ignored).toEqual({ code: 0, err: '', out: '0 error(s), 0 warning(s), 1 ignored (--ignore route/all-weights-zero) in 1 object(s) (Gateway API v1.6.1, standard channel)\n' });
    const json = await cli('validate', '--json', '--ignore', 'route/all-weights-zero', file);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.out)).toEqual([]);
  });

  test('lint: each --ignore leaves out its code; the others still count', async () => {
    const all = await cli('lint', '--json', COMPLETE);
    const codes = [...new Set(JSON.parse(all.out).map((d: { code: string }) => d.code))].sort();
    expect(codes).toEqual(['lint/hostname-not-served', 'lint/rule-shadowed']);
    const one = await cli('lint', '--json', '--ignore', 'lint/rule-shadowed', COMPLETE);
    expect(one.code).toBe(1);
    expect(JSON.parse(one.out).map((d: { code: string }) => d.code)).toEqual(['lint/hostname-not-served']);
    const both = await cli('lint', '--ignore', 'lint/rule-shadowed', '--ignore', 'lint/hostname-not-served', COMPLETE);
    expect(both.code).toBe(0);
    expect(both.err).toBe('');
    expect(both.out).toMatch(/^0 finding\(s\), \d+ ignored \(--ignore lint\/rule-shadowed, lint\/hostname-not-served\) in 10 object\(s\)\n$/);
  });

  test('a code no check reports is said on stderr (a typo is not taken silently); the exit code stays the findings\'', async () => {
    const typo = await cli('lint', '--ignore', 'lint/rule-shadow', COMPLETE);
    expect(typo.code).toBe(1);
    expect(typo.err).toBe('cdk8s-gateway: note: --ignore lint/rule-shadow: no check reports this code (the lint codes are lint/gateway-not-analyzed, lint/rule-shadowed, ' +
      'lint/hostname-not-served, lint/hostname-captured, lint/reference-grant-unused, lint/reference-grant-redundant)\n');
    const family = await cli('validate', '--ignore', 'all-weights-zero', scratch.write('zero2.yaml', ZERO_WEIGHTS));
    expect(family.code).toBe(1);
    expect(family.err).toMatch(/^cdk8s-gateway: note: --ignore all-weights-zero: no check reports this code \(codes start with api\/, cel\/, .*xref\/\)\n$/);
    const cel = await cli('validate', '--ignore', 'cel/HTTPRoute/no-such-rule', scratch.write('zero3.yaml', ZERO_WEIGHTS));
    expect(cel.err).toContain('--ignore cel/HTTPRoute/no-such-rule: no check reports this code (no CEL rule of the Gateway API v1.6.1 CRDs has it');
  });

  test('a real code that has no finding here gets a note that says so, not "unknown"; a code that left something out gets none', async () => {
    const r = await cli('validate', '--ignore', 'cel/HTTPRoute/redirect-with-backends', '--ignore', 'route/all-weights-zero', scratch.write('zero4.yaml', ZERO_WEIGHTS));
    expect(r.code).toBe(0);
    expect(r.err).toBe('cdk8s-gateway: note: --ignore cel/HTTPRoute/redirect-with-backends: no finding has this code here\n');
  });
});

describe('the --assume-missing hint (route, table, status, graph, test)', () => {
  const PLAIN = fixture('cdk8s-synth', 'plain'); // a Gateway of class `example` and a route to Service apps/shop, neither defined
  const HINT = 'GatewayClass example and Service apps/shop are named but not among the objects; if the cluster has them, pass --assume-missing to stand in for them';
  const hintLines = (err: string) => err.split('\n').filter((l) => l.includes('--assume-missing'));

  test('route: no Gateway reconciled only because its class is absent: the error says to pass --assume-missing', async () => {
    const r = await cli('route', PLAIN, '--url', 'http://shop.example.com/cart');
    expect(r.code).toBe(2);
    expect(hintLines(r.err)).toEqual([`cdk8s-gateway: hint: ${HINT}`]);
    const assumed = await cli('route', PLAIN, '--url', 'http://shop.example.com/cart', '--assume-missing');
    expect(assumed.code).toBe(0);
    expect(hintLines(assumed.err)).toEqual([]);
  });

  test.each(['table', 'status', 'graph'])('%s: the hint when nothing is reconciled; none with --assume-missing', async (command) => {
    const r = await cli(command, PLAIN);
    expect(r.code).toBe(0);
    expect(hintLines(r.err)).toEqual([`cdk8s-gateway: note: no Gateway is reconciled and no route reaches a backend Service: ${HINT}`]);
    const assumed = await cli(command, PLAIN, '--assume-missing');
    expect(hintLines(assumed.err)).toEqual([]);
  });

  test('test: failures that stand-ins would turn into passes get the hint; none with --assume-missing or assumeMissing: true in the spec', async () => {
    const spec = scratch.write('no-assume.yaml', "tests:\n  - name: shop\n    request: { url: 'http://shop.example.com/cart' }\n    expect: { backend: 'apps/shop:8080' }\n");
    const r = await cli('test', spec, PLAIN);
    expect(r.code).toBe(1);
    expect(hintLines(r.err)).toEqual([`cdk8s-gateway: note: 1 of the 1 failed test(s) pass with stand-ins: ${HINT} (or assumeMissing: true in the spec)`]);
    expect(hintLines((await cli('test', '--assume-missing', spec, PLAIN)).err)).toEqual([]);
    const specAssumes = scratch.write('assume.yaml', `assumeMissing: true\n${fs.readFileSync(spec, 'utf8')}`);
    expect(hintLines((await cli('test', specAssumes, PLAIN)).err)).toEqual([]);
  });

  describe('no hint when the cause is something else', () => {
    let file: string;
    const HTTP = `${CLASS}---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: default }
spec:
  gatewayClassName: gc
  listeners: [{ name: http, protocol: HTTP, port: 80 }]
---
${SERVICE}---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: r, namespace: default }
spec:
  parentRefs: [{ name: gw }]
  hostnames: [a.example.com]
  rules: [{ backendRefs: [{ name: svc, port: 80 }] }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: other, namespace: default }
spec:
  parentRefs: [{ name: gw }]
  hostnames: [c.example.com]
  rules: [{ backendRefs: [{ name: gone, port: 80 }] }]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: third, namespace: default }
spec:
  parentRefs: [{ name: gw }]
  hostnames: [d.example.com]
  rules: [{ backendRefs: [{ name: also-gone, port: 80 }] }]
`;
    // Some things are absent (Services default/gone and default/also-gone, for c. and d.example.com only) but are not the cause of what is asked below.
    beforeAll(() => { file = scratch.write('complete-http.yaml', HTTP); });

    test('route: a hostname no route serves (no-route 404), or a --gateway that does not exist', async () => {
      const r = await cli('route', file, '--url', 'http://b.example.com/');
      expect(r.code).toBe(0);
      expect(r.out).toContain('no-route');
      expect(r.err).toBe('');
      const g = await cli('route', file, '--url', 'http://a.example.com/', '--gateway', 'default/other');
      expect(g.code).toBe(2);
      expect(hintLines(g.err)).toEqual([]);
    });

    test('table, status, graph: Gateways reconciled, Services among the objects, one route whose parentRef names no Gateway', async () => {
      const orphan = scratch.write('orphan.yaml', HTTP.replace('parentRefs: [{ name: gw }]', 'parentRefs: [{ name: elsewhere }]'));
      for (const command of ['table', 'status', 'graph']) expect((await cli(command, orphan)).err).toBe('');
    });

    test('test: a wrong expectation', async () => {
      const spec = scratch.write('wrong.yaml', "tests:\n  - name: wrong\n    request: { url: 'http://a.example.com/' }\n    expect: { backend: 'default/other:80' }\n");
      const r = await cli('test', spec, file);
      expect(r.code).toBe(1);
      expect(r.err).toBe('');
    });

    test('route: a request answered 500 only because its Service is absent gets the hint naming it', async () => {
      const r = await cli('route', file, '--url', 'http://c.example.com/');
      expect(r.out).toContain('→ direct-response 500');
      // Stand-ins would forward the request: the answer changes only because Service default/gone is absent (default/also-gone is not named).
      expect(hintLines(r.err)).toEqual(['cdk8s-gateway: note: the answer is direct-response 500 because Service default/gone is named but not among the objects; ' +
        'if the cluster has them, pass --assume-missing to stand in for them']);
    });
  });
});

test('one reader, one verdict: the data plane skips the tooling output the CLI and the plugin skip', () => {
  const dist = fixture('cdk8s-synth', 'plain');
  const files = fs.readdirSync(dist).map((f) => path.join(dist, f));
  const read = readManifestFiles(files);
  expect(read.skipped?.map((s) => s.source)).toEqual([`${dist}/construct-metadata.json#0`, `${dist}/validation-reports.json#0`]);
  const plane = DataPlane.fromFiles(files);
  expect(plane.diagnostics).toEqual([]);
  expect(plane.objects().map((o) => o.kind)).toEqual(['Gateway', 'HTTPRoute']);
  // Under another name the metadata is still no Kubernetes object (neither apiVersion nor kind): left out, not refused.
  const other = DataPlane.fromYaml(fs.readFileSync(path.join(dist, 'construct-metadata.json'), 'utf8'), { source: 'other.json' });
  expect([other.diagnostics, other.objects()]).toEqual([[], []]);
  // With a kind it is a manifest with a mistake: refused, naming the missing apiVersion.
  const withKind = JSON.stringify({ kind: 'Metadata', ...JSON.parse(fs.readFileSync(path.join(dist, 'construct-metadata.json'), 'utf8')) });
  expect(DataPlane.fromYaml(withKind, { source: 'other.json' }).diagnostics.map((d) => d.code)).toEqual(['object/missing-type']);
});

describe('a document that is a list (a top-level YAML sequence or JSON array)', () => {
  const SEQUENCE = '- apiVersion: v1\n  kind: Service\n  metadata: { name: a, namespace: default }\n';

  test.each(['table', 'status', 'graph'])('%s: an input error naming the file and document (kubectl refuses it too)', async (command) => {
    const file = scratch.write(`seq-${command}.yaml`, `${SERVICE}---\n${SEQUENCE}`);
    const r = await cli(command, file);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(`cdk8s-gateway: ${file}#1: error: document 1 is a list (a YAML sequence or JSON array) of 1 element(s), not an object, and kubectl refuses it too; ` +
      'write each object as a document of its own (separated by ---), or as the items of a kind: List [input/list-document]\n');
  });

  test.each(['validate', 'lint'])('%s: a finding at the list (one pass: the other documents are read), exit 1', async (command) => {
    const file = scratch.write(`seq-${command}.yaml`, `${SERVICE}---\n${SEQUENCE}`);
    const r = await cli(command, file);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    expect(r.out.split('\n')[0]).toBe(`${file}:6:1: error: document 1 is a list (a YAML sequence or JSON array) of 1 element(s), not an object, and kubectl refuses it too; ` +
      'write each object as a document of its own (separated by ---), or as the items of a kind: List [input/list-document]');
    expect(r.out).toContain('in 1 object(s)');
  });

  test('a JSON array file too; a kind: List document is still read item by item', async () => {
    const json = scratch.write('array.json', '[{"apiVersion":"v1","kind":"Service","metadata":{"name":"a"}}]');
    expect((await cli('validate', json)).out).toContain(`${json}:1:1: error: document 0 is a list`);
    const list = scratch.write('list.yaml', 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: { name: a, namespace: default }\n');
    expect(await cli('validate', list)).toEqual({ code: 0, err: '', out: '0 error(s), 0 warning(s) in 1 object(s) (Gateway API v1.6.1, standard channel)\n' });
  });

  test('one reader, one verdict: readManifestFiles (the CLI and the plugin) and the data plane report the same diagnostic', () => {
    const file = scratch.write('seq-reader.yaml', `${SERVICE}---\n${SEQUENCE}`);
    const read = readManifestFiles([file]);
    expect(read.items.map((i) => i.source)).toEqual([`${file}#0`]);
    const plane = DataPlane.fromFiles([file]);
    expect(plane.diagnostics).toEqual(read.diagnostics);
    expect(read.diagnostics.map((d) => [d.code, d.source])).toEqual([['input/list-document', `${file}#1`]]);
    expect(DataPlane.fromYaml(SEQUENCE, { source: 'text' }).diagnostics.map((d) => [d.code, d.source])).toEqual([['input/list-document', 'text#0']]);
    // An array given as objects by code (not text) is still a set of objects for the plane.
    expect(DataPlane.fromManifests([[{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' } }]]).objects().map((o) => o.metadata.name)).toEqual(['a']);
  });
});
