import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// The installed command itself: bin/cdk8s-gateway.js run by node, as npm links it, against the compiled
// lib/ (compiled by `npm test` before jest runs, or `npx projen compile`). The other CLI tests call main() in-process.

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin', 'cdk8s-gateway.js');

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  // Without GITHUB_ACTIONS: a CI run would otherwise switch validate to the github format.
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, GITHUB_ACTIONS: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/cdk8s-gateway.js', () => {
  let dir: string;
  beforeAll(() => {
    if (!fs.existsSync(path.join(root, 'lib', 'src', 'cli', 'main.js'))) {
      throw new Error('lib/src/cli/main.js is missing: compile first (npx projen compile; npm test does it)');
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bin-'));
  });
  afterAll(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  test('is an executable node script', () => {
    expect(fs.readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(require(path.join(root, 'package.json')).bin).toEqual({ 'cdk8s-gateway': 'bin/cdk8s-gateway.js' });
  });

  test('--version prints the package version and exits 0', () => {
    const r = run('--version');
    expect(r).toMatchObject({ status: 0, stdout: `${require(path.join(root, 'package.json')).version}\n` });
  });

  test('validate: exit 0 for valid manifests, 1 with one line per problem otherwise', () => {
    const good = path.join(dir, 'good.yaml');
    fs.writeFileSync(good, 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: { name: web, namespace: apps }\nspec: { rules: [ { backendRefs: [ { name: api, port: 80 } ] } ] }\n');
    expect(run('validate', good)).toMatchObject({ status: 0, stdout: '0 error(s), 0 warning(s) in 1 object(s) (Gateway API v1.6.1, standard channel)\n' });

    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(bad, 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: { name: web, namespace: apps }\nspec: { rules: [ { backendRefs: [ { name: api, port: 80, weight: 0 } ] } ] }\n');
    const r = run('validate', bad);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${bad}:4:20: error HTTPRoute apps/web spec.rules[0].backendRefs: `);
    expect(r.stdout).toContain('[route/all-weights-zero]');
  });

  test('a usage error exits non-zero and says what is wrong on stderr', () => {
    const r = run('no-such-command');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/unknown command 'no-such-command'/);
  });
});
