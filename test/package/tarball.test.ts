import * as fs from 'fs';
import * as path from 'path';
import { packRepository, ROOT, type Packed } from './packed';

// What users install: the tarball's package.json runs nothing at install time, while a clean clone
// (`npm ci` then `npm test`, as .ci/run does) still compiles lib/ before the tests that run bin/ on it.

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare'];

let packed: Packed;
beforeAll(() => { packed = packRepository(); });
afterAll(() => packed && fs.rmSync(packed.dir, { recursive: true, force: true }));

test('the packed package.json has no script npm runs when users install it', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(packed.packageDir, 'package.json'), 'utf8')) as { scripts?: Record<string, string>; name: string };
  expect(manifest.name).toBe('cdk8s-gateway-api');
  expect(INSTALL_SCRIPTS.filter((s) => manifest.scripts?.[s] !== undefined)).toEqual([]);
  // The compiled package is what ships: the entry points and the CLI's code are in the tarball.
  expect(packed.files).toEqual(expect.arrayContaining(['lib/src/index.js', 'lib/src/index.d.ts', 'lib/src/cli/main.js', 'bin/cdk8s-gateway.js']));
});

interface TaskStep { readonly exec?: string; readonly spawn?: string; readonly execArgs?: string[] }
const tasks = (JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8')) as { tasks: Record<string, { steps?: TaskStep[] }> }).tasks;

/** The commands a projen task runs, in order, with the tasks it spawns expanded. */
function commandsOf(task: string): string[] {
  return (tasks[task]?.steps ?? []).flatMap((s) => (s.spawn ? commandsOf(s.spawn) : [s.exec ?? (s.execArgs ?? []).join(' ')]));
}

test('a clean clone: .ci/run installs with `npm ci` (no lifecycle build) and `npm test` compiles lib/ before jest runs', () => {
  const ci = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
  expect(ci.indexOf('npm ci')).toBeGreaterThanOrEqual(0);
  expect(ci.indexOf('npm test')).toBeGreaterThan(ci.indexOf('npm ci'));
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  // `npm ci` runs no build (prepare is gone), so `npm test` must.
  expect(manifest.scripts.prepare).toBeUndefined();
  expect(manifest.scripts.test).toBe('projen test');
  const commands = commandsOf('test');
  const compile = commands.findIndex((c) => /^tsc --build\b/.test(c));
  const jest = commands.findIndex((c) => c.startsWith('jest'));
  expect(compile).toBeGreaterThanOrEqual(0);
  expect(jest).toBeGreaterThan(compile);
  // That tsc --build writes lib/src/cli/main.js, the file bin/cdk8s-gateway.js loads.
  const tsconfig = fs.readFileSync(path.join(ROOT, 'tsconfig.json'), 'utf8');
  expect(tsconfig).toMatch(/"outDir": "lib"/);
  expect(tsconfig).toMatch(/"rootDir": "\."/);
  expect(fs.readFileSync(path.join(ROOT, 'bin', 'cdk8s-gateway.js'), 'utf8')).toContain("require('../lib/src/cli/main.js')");
});

test('npm pack and npm publish compile first (prepack), so a tarball made from a clean clone holds lib/', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  expect(manifest.scripts.prepack).toMatch(/^tsc --build\b/);
});

/** Relative link targets in a markdown text: inline links and images, reference definitions, href/src attributes. */
function relativeLinks(markdown: string): string[] {
  const text = markdown.replace(/^```[\s\S]*?^```/gm, ''); // code blocks are code, not links
  const targets = [
    ...[...text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
    ...[...text.matchAll(/^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]),
    ...[...text.matchAll(/\b(?:href|src)\s*=\s*"([^"]+)"/g)].map((m) => m[1]),
  ];
  return targets.filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('#'));
}

test('relativeLinks finds the link forms README.md could use', () => {
  expect(relativeLinks('[a](docs/x.md) ![i](img/a.png "t") [b](https://e.com/x) [c](#anchor) [d](<docs/y.md#s>)\n[ref]: examples/z.ts\n<a href="API.md">x</a>\n```\n[no](code.md)\n```\n'))
    .toEqual(['docs/x.md', 'img/a.png', 'docs/y.md#s', 'examples/z.ts', 'API.md']);
});

test('every relative link in README.md points at a file the package ships (links to other files are absolute repository URLs)', () => {
  const links = relativeLinks(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
  expect(links.length).toBeGreaterThan(0);
  const shipped = new Set(packed.files);
  const unshipped = links.map((l) => path.posix.normalize(decodeURIComponent(l.replace(/[#?].*$/, '')))).filter((f) => !shipped.has(f));
  expect(unshipped).toEqual([]);
});

test('the absolute links into the repository use the package.json repository URL', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { repository?: { url?: string } };
  const repo = manifest.repository?.url;
  expect(repo).toMatch(/^https:\/\/github\.com\/[^/]+\/[^/]+$/);
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const intoRepo = [...readme.matchAll(/\]\((https:\/\/github\.com\/[^)\s]+)\)/g)].map((m) => m[1]);
  expect(intoRepo.length).toBeGreaterThan(0);
  for (const url of intoRepo) {
    expect(url.startsWith(`${repo}/blob/main/`)).toBe(true);
    // ... and name a file of this repository.
    expect(fs.existsSync(path.join(ROOT, url.slice(`${repo}/blob/main/`.length).replace(/#.*$/, '')))).toBe(true);
  }
});
