/**
 * docs/routing-diff.md's example output and README.md's pull-request recipe ("A routing diff on every pull request")
 * are run: the seed guide's complete example (read from the guide at test time) and its changed copy are written as
 * the two folders, the doc's text block must be exactly what `diff` prints for them, and the recipe's `cdk8s-gateway
 * diff` step (through bash, with `npx cdk8s-gateway` resolved to this repository's binary and RUNNER_TEMP holding the
 * two synth outputs) must write a Markdown table.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, stringify } from 'yaml';
import { ROOT, ensureBuilt, runCli } from '../support/cli';
import { seedComplete, seedCompleteChanged } from '../support/seed-diff';
import { describeWithShared } from '../support/shared';

/** The fenced block of `lang` that follows a `checked-by` marker naming this test. */
function markedBlock(doc: string, lang: string): string {
  const text = fs.readFileSync(path.join(ROOT, doc), 'utf8');
  const m = new RegExp(`<!-- checked-by: test/docs/routing-diff-doc.test.ts -->\\n\`\`\`${lang}\\n([\\s\\S]*?)\`\`\`\\n`).exec(text);
  if (!m) throw new Error(`${doc}: no ${lang} block marked for this test`);
  return m[1];
}

describeWithShared('the routing diff docs, run', (shared) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diff-doc-'));
  for (const [name, objects] of [['base', seedComplete(shared)], ['head', seedCompleteChanged(shared)]] as const) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'complete.yaml'), objects.map((o) => stringify(o)).join('---\n'));
  }
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('docs/routing-diff.md: the text output shown is what diff prints for the complete example and its changed copy', () => {
    const r = runCli(['diff', path.join(dir, 'base'), path.join(dir, 'head'), '--assume-missing']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(markedBlock('docs/routing-diff.md', 'text'));
  });

  test('README.md: the workflow\'s diff step writes the Markdown table the next step posts', () => {
    ensureBuilt();
    const workflow = parse(markedBlock('README.md', 'yaml')) as { on: string; jobs: Record<string, { steps: { run?: string }[] }> };
    expect(workflow.on).toBe('pull_request');
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps.map((s) => s.run).filter((x): x is string => x !== undefined));
    const diff = steps.filter((s) => s.includes('cdk8s-gateway diff'));
    expect(diff).toHaveLength(1);
    expect(steps[steps.length - 1]).toContain('--body-file routing-diff.md');
    const bin = `"${process.execPath}" "${path.join(ROOT, 'bin/cdk8s-gateway.js')}"`;
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'diff-recipe-'));
    const r = spawnSync('bash', ['-c', diff[0].replace(/npx cdk8s-gateway/g, bin)], { cwd, env: { ...process.env, RUNNER_TEMP: dir, NO_COLOR: '1' }, encoding: 'utf8' });
    expect({ code: r.status, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const md = fs.readFileSync(path.join(cwd, 'routing-diff.md'), 'utf8').split('\n');
    fs.rmSync(cwd, { recursive: true, force: true });
    expect(md).toContain('| Gateway | Host | Request | Before | After | Decided by |');
    expect(md.filter((l) => l.startsWith('| gateway-system/production-gateway | '))).toHaveLength(20);
  });
});
