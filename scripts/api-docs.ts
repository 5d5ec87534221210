/**
 * `npx projen docs`: renders API.md (constructs, testing) and API-L1.md (the
 * generated L1 layer) from the sources with typedoc and typedoc-plugin-markdown. `--check` compares instead of writing and exits
 * 1 when API.md is stale.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Application } from 'typedoc';

const root = path.resolve(__dirname, '..');

/** The reference files: API.md (the L2 constructs and `testing`) and API-L1.md (the generated `l1` namespace). */
export interface ApiMarkdown {
  /** API.md */
  readonly main: string;
  /** API-L1.md */
  readonly l1: string;
}

const L1_PREFIX = 'cdk8s-gateway-api/namespaces/l1/';

function anchorOf(rel: string): string {
  return rel.replace(/\.md$/, '').replace(/[^\w]+/g, '-').toLowerCase();
}

function fileOf(rel: string): 'API.md' | 'API-L1.md' {
  return rel.startsWith(L1_PREFIX) ? 'API-L1.md' : 'API.md';
}

/**
 * Drops the members a class page repeats from its base classes (typedoc's
 * "Inherited from" sections: `node`, `toJson`, `addJsonPatch`, ... on every
 * construct); the page's "Extends" section names the base, documented once.
 */
function withoutInheritedMembers(text: string): string {
  const chunks = text.split(/(?=^#{2,3} )/m);
  const kept = chunks.filter((c) => !(c.startsWith('### ') && /^#### Inherited from$/m.test(c)));
  let out = kept.join('');
  // Separators and headings left without members.
  out = out.replace(/(\n\*\*\*\n)+(?=\n*(## |$))/g, '\n');
  out = out.replace(/^## (Properties|Methods|Accessors)\n+(?=## |(?![\s\S]))/gm, '');
  return out.replace(/\n{3,}/g, '\n\n').trim();
}

/** Renders the API reference: typedoc's pages concatenated, links between them kept as anchors. */
export async function renderApiMarkdown(): Promise<ApiMarkdown> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-gateway-api-docs-'));
  try {
    const app = await Application.bootstrapWithPlugins({
      entryPoints: [path.join(root, 'src/index.ts')],
      tsconfig: path.join(root, 'tsconfig.json'),
      plugin: ['typedoc-plugin-markdown'],
      out,
      readme: 'none',
      disableSources: true,
      excludePrivate: true,
      excludeProtected: true,
      excludeInternal: true,
      hidePageHeader: true,
      hideBreadcrumbs: true,
      hideGenerator: true,
      githubPages: false,
      logLevel: 'Warn',
      name: 'cdk8s-gateway-api',
    } as any);
    const project = await app.convert();
    if (!project) throw new Error('typedoc could not convert the sources');
    await app.generateOutputs(project);
    const files: Record<'API.md' | 'API-L1.md', string[]> = { 'API.md': [], 'API-L1.md': [] };
    for (const p of listMarkdown(out)) {
      const rel = path.relative(out, p).split(path.sep).join('/');
      const here = fileOf(rel);
      const text = withoutInheritedMembers(fs.readFileSync(p, 'utf8').trim())
        // Links between pages point at the page's anchor in the concatenated file (API.md or API-L1.md).
        .replace(/\]\(((?:\.\.\/)*[\w./@-]+\.md)(#[^)]*)?\)/g, (_all, link: string) => {
          const target = path.posix.normalize(path.posix.join(path.posix.dirname(rel), link));
          const file = fileOf(target);
          return `](${file === here ? '' : file}#${anchorOf(target)})`;
        });
      files[here].push(`<a id="${anchorOf(rel)}"></a>\n\n${text}`);
    }
    const head = (title: string, note: string) => `# ${title}\n\nGenerated from the sources by \`npx projen docs\` (typedoc). Do not edit. ${note}\n\n`;
    return {
      main: `${head('API reference', 'The generated L1 layer (`l1`) is in [API-L1.md](API-L1.md).')}${files['API.md'].join('\n\n---\n\n')}\n`,
      l1: `${head('API reference: the L1 layer', 'Generated from the Gateway API v1.6.1 CRDs; the constructs are in [API.md](API.md).')}${files['API-L1.md'].join('\n\n---\n\n')}\n`,
    };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

function listMarkdown(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) out.push(p);
    }
  };
  walk(dir);
  // The index page first, then the top-level pages, then each namespace (its index first), in path order.
  const key = (p: string) => {
    const rel = path.relative(dir, p).split(path.sep).join('/');
    const isIndex = /(^|\/)(README|globals)\.md$/.test(rel);
    const ns = rel.includes('/namespaces/') ? rel.replace(/\/(classes|interfaces|functions|type-aliases|variables|enumerations|README\.md|globals\.md).*$/, '') : '';
    return { top: rel === 'README.md' || rel === 'globals.md' ? 0 : ns === '' ? 1 : 2, ns, index: isIndex ? 0 : 1, rel };
  };
  return out.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return x.top - y.top || x.ns.localeCompare(y.ns) || x.index - y.index || x.rel.localeCompare(y.rel);
  });
}

async function run(): Promise<number> {
  const check = process.argv.includes('--check');
  const docs = await renderApiMarkdown();
  const targets: [string, string][] = [['API.md', docs.main], ['API-L1.md', docs.l1]];
  if (check) {
    const stale = targets.filter(([name, text]) => {
      const file = path.join(root, name);
      return (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '') !== text;
    });
    if (stale.length > 0) {
      console.error(`${stale.map(([n]) => n).join(' and ')} ${stale.length === 1 ? 'is' : 'are'} stale: run \`npx projen docs\` and commit the result`);
      return 1;
    }
    console.log('API.md is current');
    return 0;
  }
  for (const [name, text] of targets) {
    fs.writeFileSync(path.join(root, name), text);
    console.log(`${name}: ${text.split('\n').length} lines`);
  }
  return 0;
}

if (require.main === module) {
  run().then(code => process.exit(code), err => { console.error(err); process.exit(1); });
}
