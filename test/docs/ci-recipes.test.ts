/**
 * docs/ci.md's recipes are run: every `cdk8s-gateway` command of the GitHub Actions `run:` steps and the GitLab
 * `script:` lines is executed (through bash, so redirections work) in a scratch repository whose `manifests/` is the
 * seed guide's complete example and whose `routing-tests.yaml` is its routing suite. The exit codes must be those of
 * a gate (validate passes, lint fails on the example's known flaws, the routing tests pass), GitHub's steps print
 * workflow commands, and every file a step writes is valid SARIF 2.1.0 or JUnit XML.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { ROOT, ensureBuilt, fixture } from '../support/cli';

const DOC = 'docs/ci.md';

interface Recipe {
  readonly system: 'github' | 'gitlab';
  readonly commands: readonly string[];
}

/** The shell commands of each YAML block of the doc: GitHub steps' `run`, GitLab jobs' `before_script` and `script`. */
function recipes(): Recipe[] {
  const text = fs.readFileSync(path.join(ROOT, DOC), 'utf8');
  const blocks = [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1]) as Record<string, unknown>);
  return blocks.map((b): Recipe => {
    if (b.jobs) {
      const jobs = Object.values(b.jobs as Record<string, { steps: { run?: string }[] }>);
      return { system: 'github', commands: jobs.flatMap((j) => j.steps.flatMap((s) => (s.run ? [s.run] : []))) };
    }
    const jobs = Object.values(b as Record<string, { before_script?: string[]; script?: string[] }>);
    return { system: 'gitlab', commands: jobs.flatMap((j) => [...(j.before_script ?? []), ...(j.script ?? [])]) };
  });
}

function scratchRepository(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ci-recipe-'));
  fs.cpSync(path.join(ROOT, fixture('seed', 'complete')), path.join(dir, 'manifests'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, fixture('routing-tests', 'complete.yaml')), path.join(dir, 'routing-tests.yaml'));
  return dir;
}

/** Runs one recipe line the way the CI system would, with `npx cdk8s-gateway` resolved to this repository's binary. */
function run(command: string, cwd: string, githubActions: boolean): { code: number | null; stdout: string; stderr: string } {
  const bin = `"${process.execPath}" "${path.join(ROOT, 'bin/cdk8s-gateway.js')}"`;
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.GITHUB_ACTIONS;
  if (githubActions) env.GITHUB_ACTIONS = 'true';
  const r = spawnSync('bash', ['-c', command.replace(/npx cdk8s-gateway/g, bin)], { cwd, env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The file a command writes with `> FILE`, if any. */
function outputFile(command: string): string | undefined {
  return /> (\S+)/.exec(command)?.[1];
}

function expectSarif(file: string): void {
  const log = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(log.version).toBe('2.1.0');
  expect(log.runs).toHaveLength(1);
  expect(log.runs[0].tool.driver.name).toBe('cdk8s-gateway');
  expect(Array.isArray(log.runs[0].results)).toBe(true);
}

function expectJunit(file: string, minCases: number): void {
  const xml = fs.readFileSync(file, 'utf8');
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites')).toBe(true);
  expect(xml.trimEnd().endsWith('</testsuites>')).toBe(true);
  expect((xml.match(/<testcase /g) ?? []).length).toBeGreaterThanOrEqual(minCases);
}

beforeAll(() => ensureBuilt());

test('the doc has one GitHub Actions and one GitLab CI recipe, each with the three checks', () => {
  const found = recipes();
  expect(found.map((r) => r.system)).toEqual(['github', 'gitlab']);
  for (const r of found) {
    const gateway = r.commands.filter((c) => c.includes('cdk8s-gateway'));
    for (const command of ['validate', 'lint', 'test']) expect(gateway.some((c) => c.includes(`cdk8s-gateway ${command} `))).toBe(true);
    // Lines that are not ours are the install step only.
    expect(r.commands.filter((c) => !c.includes('cdk8s-gateway'))).toEqual(['npm ci']);
  }
});

describe.each(recipes().map((r) => [r.system, r] as const))('%s recipe', (system, recipe) => {
  const dir = scratchRepository();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const gateway = recipe.commands.filter((c) => c.includes('cdk8s-gateway'));

  test.each(gateway)('%s', (command) => {
    const r = run(command, dir, system === 'github');
    const verb = /cdk8s-gateway (\w+)/.exec(command)![1];
    const written = outputFile(command);
    const swallowed = command.endsWith('|| true');
    // The gate: the example validates, its routing tests pass, and lint fails on its three known findings.
    const expected = swallowed ? 0 : verb === 'lint' ? 1 : 0;
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: expected, stderr: expect.not.stringContaining('Error') });
    if (written) {
      const file = path.join(dir, written);
      if (command.includes('--format sarif')) expectSarif(file);
      else if (command.includes('--format junit')) expectJunit(file, verb === 'test' ? 4 : 1);
      else throw new Error(`${DOC}: '${command}' writes ${written} in a format this test does not check`);
    } else if (system === 'github' && verb === 'lint') {
      // Annotations: one workflow command per finding, at the field's line in the file.
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines).toHaveLength(3);
      for (const l of lines) expect(l).toMatch(/^::warning file=manifests\/complete-gateway-setup\.yaml,line=\d+,col=\d+,title=lint\/[a-z-]+::/);
    } else if (system === 'github') {
      // A clean validate prints no annotation at all.
      expect(r.stdout).not.toContain('::');
    }
  });
});
