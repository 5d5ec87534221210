/**
 * Every fenced code block of README.md and docs/*.md is checked, so the docs cannot drift from the code:
 *
 * - ```ts blocks are compiled and run by test/docs/guides.test.ts (this file checks it sees every one);
 * - ```yaml blocks are parsed; Kubernetes manifests are validated (no errors), routing test specs are read
 *   by the spec reader, a cdk8s.yaml's validation plugin is constructed with its properties;
 * - ```json blocks are parsed; a jest configuration names only setup files the package exports;
 * - ```sh blocks: each `cdk8s-gateway` command line names a command that exists and only options that
 *   command's `--help` lists (usage lines, `[...]` optional parts included); when every path it names exists
 *   in the repository it is also run through the built binary and must not be a usage error (exit 2);
 *   `npm run X` / `npx projen X` name a script / task that exists; `npm install` names the package or
 *   packages it declares;
 * - ```console blocks are CLI examples with their output: `$ npx cdk8s-gateway ...` lines are run through the
 *   built binary from the repository root, and what they print must be the lines that follow, exactly;
 * - a block another test compares (a routing table, a Mermaid graph) carries `<!-- checked-by: test/FILE -->`
 *   on the line before its fence; the file must exist and read that doc;
 * - a block that is deliberately not run carries `<!-- not-run: reason -->` on the line before its fence;
 *   they are counted and listed below, so a new one is a visible change to this test.
 *
 * Any other block fails the test.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { parseAllDocuments, stringify } from 'yaml';
import {
  AllowedRoutes, Backend, Certificate, Gateway, GatewayClass, HttpRoute, ListenerProtocol, ListenerTls,
} from '../../src';
import { GatewayApiValidation } from '../../src/cdk8s-validation-plugin';
import { parseRoutingSpec } from '../../src/routing-spec/routing-spec';
import { validateManifests } from '../../src/validation';
import { ROOT, runCli } from '../support/cli';

interface DocBlock {
  readonly doc: string;
  /** line of the opening fence (1-based) */
  readonly line: number;
  readonly lang: string;
  readonly code: string;
  /** `not-run: ...` or `checked-by: ...` from the HTML comment on the line before the fence */
  readonly marker?: { readonly kind: 'not-run' | 'checked-by'; readonly value: string };
}

const DOCS = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];

function blocksOf(doc: string): DocBlock[] {
  const lines = fs.readFileSync(path.join(ROOT, doc), 'utf8').split('\n');
  const out: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end < 0) throw new Error(`${doc}:${i + 1}: unclosed code block`);
    const before = /^<!-- (not-run|checked-by): (.+?) -->\s*$/.exec(lines[i - 1] ?? '');
    const block: DocBlock = { doc, line: i + 1, lang: open[1], code: lines.slice(i + 1, end).join('\n') };
    out.push(before ? { ...block, marker: { kind: before[1] as 'not-run' | 'checked-by', value: before[2] } } : block);
    i = end;
  }
  return out;
}

const blocks = DOCS.flatMap(blocksOf);
const where = (b: DocBlock) => `${b.doc}:${b.line}`;
const unmarked = (lang: string) => blocks.filter((b) => b.lang === lang && !b.marker);
interface PackageJson {
  readonly name: string;
  readonly scripts: Record<string, string>;
  readonly exports: Record<string, unknown>;
  readonly dependencies: Record<string, string>;
  readonly devDependencies: Record<string, string>;
  readonly peerDependencies: Record<string, string>;
}
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;
const projenTasks = (JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8')) as { tasks: Record<string, unknown> }).tasks;

const HANDLED = ['ts', 'yaml', 'json', 'sh', 'console'];

describe('every code block of README.md and docs/*.md is checked', () => {
  test('each block is of a kind this suite runs, or is marked checked-by / not-run', () => {
    expect(blocks.length).toBeGreaterThan(40);
    expect(blocks.filter((b) => !b.marker && !HANDLED.includes(b.lang)).map((b) => `${where(b)} [${b.lang || 'no language'}]`)).toEqual([]);
  });

  test('the blocks deliberately not run, with their reasons', () => {
    expect(blocks.filter((b) => b.marker?.kind === 'not-run').map((b) => `${b.doc}: ${b.marker!.value}`)).toEqual([]);
  });

  test.each(blocks.filter((b) => b.marker?.kind === 'checked-by').map((b) => [where(b), b] as const))('%s is compared by the test it names', (_w, b) => {
    const file = b.marker!.value;
    expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
    expect(fs.readFileSync(path.join(ROOT, file), 'utf8')).toContain(path.basename(b.doc));
  });

  test('test/docs/guides.test.ts compiles and runs every ts block (it finds them with the same fence)', () => {
    const guides = fs.readFileSync(path.join(__dirname, 'guides.test.ts'), 'utf8');
    expect(guides).toContain('/^```ts\\n([\\s\\S]*?)^```/gm');
    expect(blocks.filter((b) => b.lang === 'ts' && b.marker)).toEqual([]);
  });
});

describe('YAML and JSON blocks', () => {
  test.each(unmarked('yaml').map((b) => [where(b), b] as const))('%s parses and is what it looks like', (_w, b) => {
    const docs = parseAllDocuments(b.code);
    expect(docs.flatMap((d) => d.errors.map((e) => e.message))).toEqual([]);
    const values = docs.map((d) => d.toJS() as Record<string, unknown>).filter((v) => v !== null);
    const manifests = values.filter((v) => typeof v.apiVersion === 'string' && typeof v.kind === 'string');
    if (manifests.length > 0) {
      expect(manifests.length).toBe(values.length);
      expect(validateManifests(manifests).filter((d) => d.severity === 'error')).toEqual([]);
    } else if (values.length === 1 && Array.isArray(values[0].tests)) {
      expect(parseRoutingSpec(b.code, where(b)).tests.length).toBe((values[0].tests as unknown[]).length);
    } else if (values.length === 1 && Array.isArray(values[0].validations)) {
      for (const v of values[0].validations as { package: string; class: string; properties?: Record<string, unknown> }[]) {
        expect(v.package).toMatch(new RegExp(`(^|/)${pkg.name}$`));
        expect(v.class).toBe(GatewayApiValidation.name);
        // spec names a file of the user's project: the plugin reads it when it runs, not when it is constructed
        expect(() => new GatewayApiValidation(v.properties as object)).not.toThrow();
      }
    } else {
      throw new Error(`${where(b)}: a YAML block that is neither manifests, a routing test spec nor a cdk8s.yaml; mark it <!-- not-run: reason -->`);
    }
  });

  test.each(unmarked('json').map((b) => [where(b), b] as const))('%s parses; setup files are exported by the package', (_w, b) => {
    const value = JSON.parse(b.code) as { setupFilesAfterEnv?: string[] };
    for (const f of value.setupFilesAfterEnv ?? []) {
      expect(f.startsWith(`${pkg.name}/`)).toBe(true);
      expect(Object.keys(pkg.exports)).toContain(`./${f.slice(pkg.name.length + 1)}`);
    }
  });
});

/** The words of a command line, without `# comments`, `[...]` optional parts kept as words. */
function words(line: string): string[] {
  const noComment = line.replace(/\s+#\s.*$/, '');
  return [...noComment.matchAll(/'[^']*'|"[^"]*"|\S+/g)].map((m) => m[0].replace(/^'(.*)'$|^"(.*)"$/, '$1$2'));
}

const helpCache = new Map<string, string>();
function helpOf(command: string): string {
  if (!helpCache.has(command)) {
    const r = runCli([command, '--help']);
    helpCache.set(command, r.code === 0 ? r.stdout : '');
  }
  return helpCache.get(command)!;
}

/** Problems with one `cdk8s-gateway ...` usage or example line; runs it when every path it names exists. */
function checkCliLine(line: string): string[] {
  const w = words(line).filter((x) => x !== 'npx');
  const [, command, ...rest] = w;
  const help = helpOf(command);
  if (!help) return [`'${command}' is not a command of cdk8s-gateway`];
  const problems: string[] = [];
  for (const opt of rest.flatMap((x) => x.replace(/[[\]]/g, '').split('|')).filter((x) => /^--?[a-z]/.test(x))) {
    const name = opt.split('=')[0];
    if (!new RegExp(`(^|[\\s,])${name.replace(/[-]/g, '\\-')}([\\s,=]|$)`, 'm').test(help)) problems.push(`${command}: option ${name} is not in \`${command} --help\``);
  }
  return problems;
}

/** The arguments of a runnable example line, or undefined when it has optional parts or names a path not in the repository. */
function runnableArgs(line: string): string[] | undefined {
  if (/[[\]]|\.\.\.|\|/.test(line.replace(/\s+#\s.*$/, ''))) return undefined;
  const args = words(line).filter((x) => x !== 'npx').slice(1);
  const help = helpOf(args[0]);
  // an option shown with <value> in --help takes the next word; every other word after the command is a path
  const takesValue = (opt: string) => new RegExp(`${opt.replace(/-/g, '\\-')} <`).test(help);
  const paths = args.slice(1).filter((a, i, rest) => !a.startsWith('-') && !(i > 0 && rest[i - 1].startsWith('-') && takesValue(rest[i - 1])));
  if (paths.length === 0 || !paths.every((p) => fs.existsSync(path.join(ROOT, p)))) return undefined;
  return args;
}

describe('shell blocks', () => {
  const shLines = unmarked('sh').flatMap((b) => b.code.split('\n').map((l, i) => ({ at: `${b.doc}:${b.line + 1 + i}`, line: l.trim() }))).filter((x) => x.line && !x.line.startsWith('#'));

  test('every line is a command this suite knows how to check', () => {
    const known = /^(npx cdk8s-gateway|cdk8s-gateway|npm run|npx projen|npm install|npm ci|npm test)\b/;
    expect(shLines.filter((x) => !x.line.split('&&').every((part) => known.test(part.trim()))).map((x) => `${x.at}: ${x.line}`)).toEqual([]);
  });

  test('cdk8s-gateway lines name existing commands and options; those whose inputs are in the repository run', () => {
    const cli = shLines.filter((x) => /^(npx )?cdk8s-gateway\b/.test(x.line));
    expect(cli.length).toBeGreaterThan(5);
    const problems = cli.flatMap((x) => checkCliLine(x.line).map((p) => `${x.at}: ${p}`));
    for (const x of cli) {
      const args = runnableArgs(x.line);
      if (!args) continue;
      const r = runCli(args);
      if (r.code === 2 || r.code === null) problems.push(`${x.at}: exit ${r.code}: ${r.stderr.trim()}`);
    }
    expect(problems).toEqual([]);
  });

  test('npm scripts, projen tasks and installed packages exist', () => {
    const problems: string[] = [];
    for (const { at, line } of shLines) {
      for (const part of line.replace(/\s+#\s.*$/, '').split('&&').map((p) => p.trim())) {
        const w = part.split(/\s+/);
        if (w[0] === 'npm' && w[1] === 'run' && !(w[2] in pkg.scripts)) problems.push(`${at}: no npm script ${w[2]}`);
        if (w[0] === 'npx' && w[1] === 'projen' && w[2] && !(w[2] in projenTasks)) problems.push(`${at}: no projen task ${w[2]}`);
        if (w[0] === 'npm' && w[1] === 'install') {
          const declared = { ...pkg.dependencies, ...pkg.devDependencies, ...pkg.peerDependencies };
          for (const name of w.slice(2).filter((x) => !x.startsWith('-'))) {
            if (name !== pkg.name && !(name in declared)) problems.push(`${at}: ${name} is neither this package nor one it declares`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('console blocks: CLI examples with their output', () => {
  const examples = unmarked('console').flatMap((b) => {
    const lines = b.code.split('\n');
    const out: { at: string; command: string; output: string }[] = [];
    lines.forEach((l, i) => {
      if (!l.startsWith('$ ')) return;
      const next = lines.findIndex((x, j) => j > i && x.startsWith('$ '));
      out.push({ at: `${b.doc}:${b.line + 1 + i}`, command: l.slice(2), output: lines.slice(i + 1, next < 0 ? undefined : next).join('\n') });
    });
    if (out.length === 0) throw new Error(`${where(b)}: a console block without a '$ ' command line`);
    return out;
  });

  test('there are examples', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  test.each(examples.map((e) => [e.at, e] as const))('%s prints what the doc shows', (_at, e) => {
    expect(e.command).toMatch(/^npx cdk8s-gateway /);
    expect(checkCliLine(e.command)).toEqual([]);
    const args = runnableArgs(e.command);
    expect(args).toBeDefined();
    const r = runCli(args!);
    expect(r.code).toBe(0);
    expect(r.stdout.replace(/\n$/, '')).toBe(e.output);
  });
});

describe('docs/testing.md: the failures of the routing test spec shown', () => {
  test('are what `cdk8s-gateway test` prints for the spec with the changes the prose names, on the chart of "Matchers"', () => {
    const testing = blocks.filter((b) => b.doc === 'docs/testing.md');
    const spec = testing.find((b) => b.lang === 'yaml' && b.code.includes('the canary takes 10%'))!;
    const shown = testing.find((b) => b.lang === 'text' && b.line > spec.line)!;
    expect(shown.marker).toEqual({ kind: 'checked-by', value: 'test/docs/blocks.test.ts' });
    // "Had the test expected { apps/web: 0.8, apps/web-canary: 0.2 }, and another (the website) backend: apps/web for the same URL"
    const changed = spec.code.replace('{ apps/web: 0.9, apps/web-canary: 0.1 }', '{ apps/web: 0.8, apps/web-canary: 0.2 }')
      + "\n  - name: the website\n    request: { url: 'https://shop.example.com/' }\n    expect: { backend: apps/web }\n";
    expect(changed).toContain('0.8');
    // the shop chart of the "Matchers" block: an HTTPS listener and a route splitting / 90/10
    const chart = new Chart(new App(), 'shop');
    const gateway = new Gateway(chart, 'Gateway', { metadata: { name: 'edge', namespace: 'infra' }, gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Class', 'envoy') });
    const https = gateway.addListener('https', {
      port: 443, protocol: ListenerProtocol.HTTPS, hostname: '*.example.com', tls: ListenerTls.terminate([Certificate.fromSecretName('wildcard-tls')]), allowedRoutes: AllowedRoutes.all(),
    });
    const shop = new HttpRoute(chart, 'Shop', { metadata: { name: 'shop', namespace: 'apps' }, parents: [https], hostnames: ['shop.example.com'] });
    shop.addRule({ backends: [Backend.fromServiceName('web', { port: 80, weight: 90 }), Backend.fromServiceName('web-canary', { port: 80, weight: 10 })] });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-spec-'));
    try {
      fs.writeFileSync(path.join(dir, 'routing-tests.yaml'), changed);
      fs.writeFileSync(path.join(dir, 'shop.yaml'), chart.toJson().map((o) => stringify(o)).join('---\n'));
      const r = runCli(['test', 'routing-tests.yaml', 'shop.yaml'], { cwd: dir });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      // A failed test names its place in the spec (routing-tests.yaml, as the doc calls it).
      expect(r.stdout.split('\n').filter((l) => /^(FAIL|  \S)/.test(l)).join('\n')).toBe(shown.code);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
