/**
 * README.md's "Install and use" section has the app and its routing test, and
 * the routing table printed under "Snapshot tests of routing" must be what
 * that app's table prints. (test/docs/guides.test.ts type-checks and runs
 * every README block, these two included, as a user project would.)
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import { testing } from '../../src';

const root = path.resolve(__dirname, '../..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const outDir = path.join(root, '.tmp', 'readme');

function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README.md has no section '## ${title}'`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

function blocks(text: string, lang: string): string[] {
  return [...text.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\``, 'gm'))].map((m) => m[1]);
}

const [mainCode, testCode] = blocks(section('Install and use'), 'ts');
const srcImport = path.relative(outDir, path.join(root, 'src')).split(path.sep).join('/');
const toSrc = (code: string) => code.replace(/from 'cdk8s-gateway-api'/g, `from '${srcImport}'`);
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
const mainFile = path.join(outDir, 'main.ts');
fs.writeFileSync(mainFile, toSrc(mainCode));

describe('README.md', () => {
  test('"Install and use" has the app and its test', () => {
    expect(mainCode).toMatch(/export function shop/);
    expect(testCode).toMatch(/toRoute/);
    expect(section('Install and use')).toContain('"setupFilesAfterEnv": ["cdk8s-gateway-api/jest"]');
    expect(readme.indexOf('## Install and use')).toBeLessThan(readme.indexOf('## Contributing'));
  });

  test('"Snapshot tests of routing" shows the table as the app prints it', () => {
    let chart: any;
    jest.isolateModules(() => {
      // the app's own copy of cdk8s (the isolated registry's), as in a user project
      const cdk8s: { App: typeof App } = require('cdk8s');
      chart = require(mainFile).shop(new cdk8s.App());
    });
    const table = testing.DataPlane.fromChart(chart, { assumeMissing: true }).routingTable();
    const [shown] = blocks(section('Snapshot tests of routing'), 'text');
    expect(shown).toBe(table);
    // the prose says whose table it is: the chart of main.ts (not the chart of the block just above, edge.ts)
    const intro = section('Snapshot tests of routing').split('```text')[0];
    expect(intro).toContain('`main.ts`');
    expect(intro).not.toMatch(/the chart above/);
  });
});
