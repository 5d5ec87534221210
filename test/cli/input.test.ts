import * as fs from 'fs';
import * as path from 'path';
import { fixture, runCli } from '../support/cli';
import { scratchDir } from '../support/scratch-dir';

const COMPLETE = fixture('seed/complete');

describe('every command: input, errors and exit codes (through the built binary)', () => {
  const scratch = scratchDir('cli-input-');

  test('--help documents the exit codes, for the program and for each command', () => {
    for (const args of [['--help'], ['status', '--help'], ['lint', '--help'], ['test', '--help']]) {
      const r = runCli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Exit codes:');
      expect(r.stdout).toContain('2  usage or input error');
    }
  });

  test('a folder is read recursively, and - reads standard input', () => {
    const fromFolder = runCli(['status', '--json', COMPLETE]);
    expect(fromFolder.code).toBe(0);
    const text = ['complete-gateway-setup.yaml', 'support.yaml'].map((f) => fs.readFileSync(path.join(COMPLETE, f), 'utf8')).join('\n---\n');
    const fromStdin = runCli(['status', '--json', '-'], { input: text });
    expect(fromStdin.code).toBe(0);
    const strip = (s: string) => JSON.parse(s).map((o: any) => ({ ...o, source: undefined }));
    expect(strip(fromStdin.stdout)).toEqual(strip(fromFolder.stdout));
    // status sorts by kind: the GatewayClass (document 4) first, the Gateway (document 0) next.
    expect(JSON.parse(fromStdin.stdout).map((o: any) => o.source).slice(0, 2)).toEqual(['stdin#4', 'stdin#0']);
  });

  test('invalid YAML: exit 2 for the commands that do not report findings, one line naming the file and the document, no stack trace', () => {
    const bad = path.join(scratch.path, 'bad.yaml');
    fs.writeFileSync(bad, 'kind: Service\n---\nkind: [unclosed\n');
    for (const cmd of ['status', 'graph']) {
      const r = runCli([cmd, bad]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^cdk8s-gateway: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}#1: error: document 1 is not valid YAML: `))]);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    // validate reports it as a finding at its line (one pass; test/cli/report-format.test.ts has the rest).
    const v = runCli(['validate', bad]);
    expect(v.code).toBe(1);
    expect(v.stdout.split('\n')[0]).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:1: error: document 1 is not valid YAML: .*\\[input/yaml-error\\]$`));
    // lint cannot analyse what the data plane rejects (document 0 has no apiVersion): exit 2, naming that and the YAML error.
    const l = runCli(['lint', bad]);
    expect(l.code).toBe(2);
    expect(l.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/#1: error: document 1 is not valid YAML: .*\[input\/yaml-error\]$/),
      expect.stringMatching(/#0: error Service \(unnamed\) apiVersion: .*\[object\/missing-type\]/),
    ]);
  });

  test('a missing file and an empty folder are input errors (exit 2)', () => {
    const r = runCli(['status', path.join(scratch.path, 'nope.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.yaml: no such file or directory');
    fs.mkdirSync(path.join(scratch.path, 'empty'));
    const e = runCli(['lint', path.join(scratch.path, 'empty')]);
    expect(e.code).toBe(2);
    expect(e.stderr).toContain('no objects in');
  });

  test('an object the data plane rejects is an input error naming file, document, object and field', () => {
    const bad = path.join(scratch.path, 'route.yaml');
    fs.writeFileSync(bad, 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: { name: web, namespace: apps }\nspec:\n  rules: [{ backendRefs: [{ name: api, port: 99999 }] }]\n');
    const r = runCli(['status', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^cdk8s-gateway: ${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}#0: error HTTPRoute apps/web spec\\.rules\\[0\\]\\.backendRefs\\[0\\]\\.port: .* \\[schema/maximum\\] \\(run \`cdk8s-gateway validate\``));
  });

  test('usage errors exit 2: unknown option, unknown command, bad option value', () => {
    expect(runCli(['status', '--bogus', COMPLETE]).code).toBe(2);
    expect(runCli(['frobnicate']).code).toBe(2);
    const r = runCli(['graph', '--format', 'svg', COMPLETE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("cdk8s-gateway: --format must be mermaid or dot, got 'svg'\n");
  });

  test('colors: never when stdout is not a terminal; --no-color is accepted everywhere', () => {
    const r = runCli(['validate', COMPLETE]);
    expect(r.stdout).not.toContain('\u001b[');
    expect(runCli(['--no-color', 'validate', COMPLETE]).code).toBe(0);
    expect(runCli(['validate', '--no-color', COMPLETE]).code).toBe(0);
  });
});
