/**
 * `npx projen docs`: renders API.md from the sources with typedoc and
 * typedoc-plugin-markdown. `--check` compares instead of writing and exits
 * 1 when API.md is stale.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Application } from 'typedoc';

const root = path.resolve(__dirname, '..');

/** Renders the API reference and returns it as one markdown document. */
export async function renderApiMarkdown(): Promise<string> {
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
    const pages = listMarkdown(out);
    const parts = pages.map(p => {
      const rel = path.relative(out, p).split(path.sep).join('/');
      const text = fs.readFileSync(p, 'utf8').trim()
        // Links between pages become anchors-free text: the pages are concatenated into one file.
        .replace(/\]\(((?:\.\.\/)*[\w./-]+\.md)(#[^)]*)?\)/g, ']');
      return rel === 'README.md' || rel === 'globals.md' ? text : `<a id="${rel.replace(/\.md$/, '').replace(/[^\w]+/g, '-').toLowerCase()}"></a>\n\n${text}`;
    });
    return `# API reference\n\nGenerated from the sources by \`npx projen docs\` (typedoc). Do not edit.\n\n${parts.join('\n\n---\n\n')}\n`;
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
  // The index page first, then everything else in path order.
  return out.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function rank(p: string): number {
  const base = path.basename(p);
  return base === 'README.md' || base === 'globals.md' ? 0 : 1;
}

async function run(): Promise<number> {
  const check = process.argv.includes('--check');
  const text = await renderApiMarkdown();
  const target = path.join(root, 'API.md');
  if (check) {
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
    if (current !== text) {
      console.error('API.md is stale: run `npx projen docs` and commit the result');
      return 1;
    }
    console.log('API.md is current');
    return 0;
  }
  fs.writeFileSync(target, text);
  console.log(`API.md: ${text.split('\n').length} lines`);
  return 0;
}

if (require.main === module) {
  run().then(code => process.exit(code), err => { console.error(err); process.exit(1); });
}
