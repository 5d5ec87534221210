import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { ensureBuilt, fixture, ROOT, runCli } from '../support/cli';
import { scratchDir } from '../support/scratch-dir';

// What `cdk8s synth` writes into dist/ with the plugin configured (test/fixtures/cdk8s-synth, captured from a real
// synth of test/fixtures/plugin-app: manifests, construct-metadata.json, a validation reports file; and the Helm
// format's Chart.yaml), read by every command of the built binary.

const PLAIN = fixture('cdk8s-synth', 'plain');
const HELM = fixture('cdk8s-synth', 'helm');
const SPEC = fixture('plugin-app', 'routing-tests.yaml');

const METADATA_NOTE = `cdk8s-gateway: note: ${PLAIN}/construct-metadata.json#0: skipped, not a Kubernetes object: the construct metadata cdk8s synth records for validation plugins`;
const REPORTS_NOTE = `cdk8s-gateway: note: ${PLAIN}/validation-reports.json#0: skipped, not a Kubernetes object: a validation reports file of cdk8s synth (--validation-reports-output-file)`;

/** Every command that reads objects, with the arguments it needs besides the files, and its exit code on the fixture. */
const COMMANDS: { name: string; args: (files: string) => string[]; code: number; json: boolean }[] = [
  { name: 'validate', args: (f) => ['validate', f], code: 0, json: true },
  { name: 'lint', args: (f) => ['lint', f], code: 0, json: true },
  { name: 'route', args: (f) => ['route', f, '--url', 'http://shop.example.com/cart', '--assume-missing'], code: 0, json: true },
  { name: 'table', args: (f) => ['table', f, '--assume-missing'], code: 0, json: true },
  { name: 'status', args: (f) => ['status', f, '--assume-missing'], code: 0, json: true },
  { name: 'graph', args: (f) => ['graph', f, '--assume-missing'], code: 0, json: false },
  // The spec's third test expects the wrong backend on purpose: exit 1, a finding, not an input error.
  { name: 'test', args: (f) => ['test', SPEC, f], code: 1, json: true },
  { name: 'compat', args: (f) => ['compat', f], code: 0, json: true },
];

describe('every command on the dist/ folder of cdk8s synth with the plugin configured', () => {
  const scratch = scratchDir('cdk8s-output-');

  test.each(COMMANDS)('$name reads the manifests and skips construct-metadata.json and the validation reports with a note each on stderr', ({ args, code, json }) => {
    const r = runCli(args(PLAIN));
    expect(r.code).toBe(code);
    const notes = r.stderr.trimEnd().split('\n').filter((l) => l.includes('skipped'));
    expect(notes).toEqual([METADATA_NOTE, REPORTS_NOTE]);
    expect(r.stdout).not.toContain('construct-metadata');
    if (json) {
      // The notes stay off standard output: --json output is JSON.
      const j = runCli([...args(PLAIN), '--json']);
      expect(j.code).toBe(code);
      expect(() => JSON.parse(j.stdout)).not.toThrow();
      expect(j.stderr).toContain(METADATA_NOTE);
    }
  });

  test('the manifests are read: validate counts their 2 objects, route answers from them', () => {
    expect(runCli(['validate', PLAIN]).stdout).toBe('0 error(s), 0 warning(s) in 2 object(s) (Gateway API v1.6.1, standard channel)\n');
    expect(runCli(['route', PLAIN, '--url', 'http://shop.example.com/cart', '--assume-missing']).stdout).toContain('→ forwarded 200 to apps/shop:8080');
  });

  test('the Helm format: Chart.yaml and templates/construct-metadata.json are skipped, README.md is not read', () => {
    const r = runCli(['validate', HELM]);
    expect(r.code).toBe(0);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      `cdk8s-gateway: note: ${HELM}/Chart.yaml#0: skipped, not a Kubernetes object: the Helm chart file of cdk8s synth --format helm`,
      `cdk8s-gateway: note: ${HELM}/templates/construct-metadata.json#0: skipped, not a Kubernetes object: the construct metadata cdk8s synth records for validation plugins`,
    ]);
    expect(r.stdout).toBe('0 error(s), 0 warning(s) in 2 object(s) (Gateway API v1.6.1, standard channel)\n');
  });

  test.each(COMMANDS)('$name: the shape of cdk8s output under another name is skipped as a document without apiVersion and kind, not as cdk8s output; with only a kind it is an error', ({ name, args }) => {
    const folder = path.join(scratch.path, `unknown-${name}`);
    fs.mkdirSync(folder);
    fs.copyFileSync(path.join(ROOT, PLAIN, 'edge.k8s.yaml'), path.join(folder, 'edge.k8s.yaml'));
    // The shape of construct-metadata.json under another name: not what cdk8s writes, but no Kubernetes object either.
    fs.writeFileSync(path.join(folder, 'settings.json'), '{"version":"1.0.0","resources":{"edge":{"path":"edge/routes"}}}');
    const skipped = runCli(args(folder));
    expect(skipped.stderr.trimEnd().split('\n').filter((l) => l.includes('skipped'))).toEqual([
      `cdk8s-gateway: note: ${folder}/settings.json#0: skipped, not a Kubernetes object: a document with neither apiVersion nor kind (Helm values, a CI or tool configuration, ...)`,
    ]);
    // A document with one of apiVersion and kind is most likely a manifest with a mistake: reported, not skipped.
    fs.writeFileSync(path.join(folder, 'settings.json'), '{"kind":"Settings","version":"1.0.0"}');
    const r = runCli(args(folder));
    expect(r.stderr).not.toContain('skipped');
    if (name === 'validate') {
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(`${folder}/settings.json:1:1: error Settings (unnamed) apiVersion: the object has no apiVersion`);
    } else {
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`cdk8s-gateway: ${folder}/settings.json#0: error Settings (unnamed) apiVersion: the object has no apiVersion`);
    }
  });

  test('construct-metadata.json with a key cdk8s does not write, or a reports file of another shape, is an error', () => {
    const folder = path.join(scratch.path, 'near-misses');
    fs.mkdirSync(folder);
    fs.copyFileSync(path.join(ROOT, PLAIN, 'edge.k8s.yaml'), path.join(folder, 'edge.k8s.yaml'));
    fs.writeFileSync(path.join(folder, 'construct-metadata.json'), '{"version":"1.0.0","resources":{},"kind":"Service"}');
    fs.writeFileSync(path.join(folder, 'reports.json'), '{"reports":[{"summary":{"status":"success"}}],"apiVersion":"v1"}');
    const r = runCli(['validate', folder]);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('skipped');
    expect(r.stdout).toContain(`${folder}/construct-metadata.json:1:1: error`);
    expect(r.stdout).toContain(`${folder}/reports.json:1:1: error`);
  });
});

/** Runs the binary with its standard output closed before it writes anything; resolves to its exit code and stderr. */
function runWithClosedStdout(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  ensureBuilt();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/cdk8s-gateway.js', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader goes away at once, as `| head` does after its lines: every write of the command meets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += String(d); });
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a reader that goes away (cdk8s-gateway ... | head)', () => {
  const guide = fixture('seed', 'guide');
  test.each([
    [['--help'], 0],
    [['validate', '--help'], 0],
    [['validate', '--channel', 'experimental', guide], 1],
    [['lint', guide], 1],
    [['table', guide, '--assume-missing'], 0],
    [['status', guide, '--assume-missing'], 0],
    [['graph', guide, '--assume-missing'], 0],
    [['route', guide, '--assume-missing', '--url', 'http://www.example.com/'], 0],
    [['test', SPEC, PLAIN], 1],
  ] as [string[], number][])('%j ends quietly with its own exit code', async (args, code) => {
    const r = await runWithClosedStdout(args);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|\n\s+at /);
    expect(r.code).toBe(code);
  }, 60_000);
});
