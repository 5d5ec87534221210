import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fixture, ROOT, runCli } from '../support/cli';

// A team's repository (test/fixtures/team-repo): a Gateway, routes in two folders, a Deployment with a field its
// schema lacks, kustomization.yaml, Helm values, a routing spec, the config file, and legacy/ with a route whose
// sectionName names no listener (the config file excludes legacy/).
const REPO = fixture('team-repo');
const NOTE = 'cdk8s-gateway: note: ';

function skippedNotes(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.includes(': skipped, not a Kubernetes object: '));
}

describe('a repository root', () => {
  test('the documents that are not manifests are skipped with one note each; the manifests are read and not noted', () => {
    const r = runCli(['validate', REPO]);
    expect(skippedNotes(r.stderr)).toEqual([
      `${NOTE}${REPO}/.cdk8s-gateway.yaml#0: skipped, not a Kubernetes object: the cdk8s-gateway config file`,
      `${NOTE}${REPO}/helm/values.yaml#0: skipped, not a Kubernetes object: a document with neither apiVersion nor kind (Helm values, a CI or tool configuration, ...)`,
      `${NOTE}${REPO}/kustomization.yaml#0: skipped, not a Kubernetes object: a kustomize Kustomization (kustomize.config.k8s.io/v1beta1)`,
      `${NOTE}${REPO}/routing-tests.yaml#0: skipped, not a Kubernetes object: a routing spec of cdk8s-gateway test`,
    ]);
    for (const manifest of ['gateway/gateway.yaml', 'routes/shop/route.yaml', 'routes/api/route.yaml', 'legacy/old-route.yaml']) {
      expect(r.stderr).not.toContain(manifest);
    }
    // From the repository root (no config file applies there), legacy/ is read: its one error is the only finding.
    // The Deployment's field outside its schema is no finding: objects outside the Gateway API group are not validated.
    expect(r.stdout).toBe(
      `${REPO}/legacy/old-route.yaml:11:7: error HTTPRoute shop/old-shop spec.parentRefs[0].sectionName: parentRefs[0] names sectionName 'htp', ` +
      'but Gateway infra/edge has no listener of that name; its listeners are: http [xref/section-not-found]\n' +
      '1 error(s), 0 warning(s) in 8 object(s) (Gateway API v1.6.1, standard channel)\n');
    expect(r.code).toBe(1);
  });

  test('the note docs/cli.md shows is the one a run in the repository root prints', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/cli.md'), 'utf8');
    const shown = /<!-- checked-by: test\/cli\/repository-roots\.test\.ts -->\n```text\n([\s\S]*?)\n```/.exec(doc)![1];
    const r = runCli(['validate', '.'], { cwd: path.join(ROOT, REPO) });
    expect(r.stderr.split('\n')).toContain(shown);
  });

  test('every command that reads files reads a repository root', () => {
    expect(runCli(['table', REPO, '--exclude', 'legacy']).stdout).toContain('shop.example.com');
    const t = runCli(['test', path.join(REPO, 'routing-tests.yaml'), REPO, '--exclude', 'legacy']);
    expect([t.code, t.stdout.trimEnd().split('\n').pop()]).toEqual([0, '2 passed, 0 failed (2 tests)']);
    expect(runCli(['lint', REPO, '--exclude', 'legacy']).stdout).toBe('0 finding(s) in 7 object(s)\n');
  });
});

test('a folder walk never enters .git or node_modules; named on its own, such a folder is read', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'walk-skips-'));
  try {
    fs.cpSync(path.join(ROOT, REPO, 'gateway'), path.join(dir, 'gateway'), { recursive: true });
    for (const skipped of ['.git', 'node_modules/some-package']) {
      fs.mkdirSync(path.join(dir, skipped), { recursive: true });
      fs.writeFileSync(path.join(dir, skipped, 'broken.yaml'), 'kind: [\n');
    }
    expect(runCli(['validate', dir]).stdout).toBe('0 error(s), 0 warning(s) in 2 object(s) (Gateway API v1.6.1, standard channel)\n');
    // validate reports a document that does not parse as a finding (one pass); route refuses it as input.
    expect(runCli(['validate', path.join(dir, 'node_modules')]).stdout).toContain('node_modules/some-package/broken.yaml:2:1: error: document 0 is not valid YAML');
    expect(runCli(['table', path.join(dir, 'node_modules')]).stderr).toContain('node_modules/some-package/broken.yaml#0: error: document 0 is not valid YAML');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('--exclude and glob arguments', () => {
  test('--exclude drops a folder: by a path glob, by a name at any depth; the summary counts what is read', () => {
    for (const glob of [`${REPO}/legacy/**`, 'legacy', `./${REPO}/legacy/`]) {
      const r = runCli(['validate', REPO, '--exclude', glob]);
      expect([r.code, r.stdout]).toEqual([0, '0 error(s), 0 warning(s) in 7 object(s) (Gateway API v1.6.1, standard channel)\n']);
    }
    // Repeatable: helm/ and routes/ are left out too (and the note for helm/values.yaml with them).
    const r = runCli(['validate', REPO, '--exclude', 'legacy', '--exclude', 'helm', '--exclude', `${REPO}/routes/**`]);
    expect(r.stdout).toBe('0 error(s), 0 warning(s) in 2 object(s) (Gateway API v1.6.1, standard channel)\n');
    expect(r.stderr).not.toContain('values.yaml');
    // A glob that matches nothing leaves everything in.
    expect(runCli(['validate', REPO, '--exclude', 'no-such-folder']).code).toBe(1);
  });

  test('a file named on its own that an exclude matches is left out with a note', () => {
    // Globs are relative to the working directory: legacy/** is not test/fixtures/team-repo/legacy/**; a name is matched at any depth.
    expect(runCli(['validate', `${REPO}/legacy/old-route.yaml`, `${REPO}/gateway/gateway.yaml`, '--exclude', 'legacy/**']).code).toBe(1);
    const r = runCli(['validate', `${REPO}/legacy/old-route.yaml`, `${REPO}/gateway/gateway.yaml`, '--exclude', 'legacy']);
    expect(r.stderr).toContain(`${NOTE}${REPO}/legacy/old-route.yaml: excluded by --exclude 'legacy'`);
    expect([r.code, r.stdout]).toEqual([0, '0 error(s), 0 warning(s) in 2 object(s) (Gateway API v1.6.1, standard channel)\n']);
  });

  test('a quoted glob argument reads the .yaml, .yml and .json files it matches, at any depth with **', () => {
    const r = runCli(['validate', `${REPO}/routes/**/*.yaml`]);
    expect([r.code, r.stdout]).toEqual([0, '0 error(s), 0 warning(s) in 5 object(s) (Gateway API v1.6.1, standard channel)\n']);
    expect(runCli(['validate', `${REPO}/*/old-*.yaml`]).stdout).toBe('0 error(s), 0 warning(s) in 1 object(s) (Gateway API v1.6.1, standard channel)\n');
    // Without ** a * stays in one folder: routes/*.yaml matches no file (they are one level deeper).
    const none = runCli(['validate', `${REPO}/routes/*.yaml`]);
    expect([none.code, none.stderr.trim()]).toEqual([2, `cdk8s-gateway: ${REPO}/routes/*.yaml: error: cannot read ${REPO}/routes/*.yaml: no .yaml, .yml or .json file matches the glob [input/unreadable]`]);
    const excluded = runCli(['validate', `${REPO}/legacy/*.yaml`, '--exclude', 'legacy']);
    expect(excluded.code).toBe(2);
    expect(excluded.stderr).toContain('every file the glob matches is excluded (1 file(s))');
  });
});

describe('--context: the rest of the repository for cross-object checks, not reported on', () => {
  test('a check on a changed file that needs an object of the context runs with it', () => {
    // Alone, the route's Gateway is unknown: its sectionName cannot be checked.
    expect(runCli(['validate', `${REPO}/legacy/old-route.yaml`]).code).toBe(0);
    const r = runCli(['validate', `${REPO}/legacy/old-route.yaml`, '--context', REPO]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${REPO}/legacy/old-route.yaml:11:7: error HTTPRoute shop/old-shop spec.parentRefs[0].sectionName`);
    expect(r.stdout).toContain('1 error(s), 0 warning(s) in 1 object(s) and 7 context object(s) (Gateway API v1.6.1, standard channel)');
    // The context's documents that are not manifests are counted in one note, not one note each.
    expect(skippedNotes(r.stderr)).toEqual([]);
    expect(r.stderr).toContain(`${NOTE}--context: 7 object(s) from 7 file(s) not among the arguments, 4 document(s) skipped (not Kubernetes objects); their own findings are not reported`);
  });

  test('the findings on the context\'s own objects are not reported; a file in both is reported', () => {
    const r = runCli(['validate', `${REPO}/routes/shop/route.yaml`, '--context', REPO]);
    expect([r.code, r.stdout]).toEqual([0, '0 error(s), 0 warning(s) in 3 object(s) and 5 context object(s) (Gateway API v1.6.1, standard channel)\n']);
    const json = runCli(['validate', `${REPO}/routes/shop/route.yaml`, '--context', REPO, '--json']);
    expect(JSON.parse(json.stdout)).toEqual([]);
    // legacy/ named as a file and inside the context: read once, as reported (no duplicate-object finding).
    const both = runCli(['validate', `${REPO}/legacy`, '--context', REPO]);
    expect(both.stdout).toContain('1 error(s), 0 warning(s) in 1 object(s) and 7 context object(s)');
    expect(both.stdout).not.toContain('duplicate');
  });

  test('lint: findings on context objects are not reported, findings on the reported routes see the context\'s Gateway', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'context-lint-'));
    try {
      fs.cpSync(path.join(ROOT, REPO), dir, { recursive: true });
      // A route with a hostname the Gateway's *.example.com listener does not serve (lint/hostname-not-served).
      const unserved = (name: string) => [
        'apiVersion: gateway.networking.k8s.io/v1', 'kind: HTTPRoute', `metadata: { name: ${name}, namespace: api }`,
        `spec: { parentRefs: [{ name: edge, namespace: infra }], hostnames: [${name}.example.com, ${name}.example.org], rules: [{ backendRefs: [{ name: api, port: 8080 }] }] }`,
      ].join('\n');
      fs.writeFileSync(path.join(dir, 'routes/api/other.yaml'), unserved('other'));
      fs.writeFileSync(path.join(dir, 'routes/api/changed.yaml'), unserved('changed'));
      const whole = runCli(['lint', dir, '--no-config', '--exclude', 'legacy']);
      expect(whole.stdout.match(/\[lint\/hostname-not-served\]/g)).toHaveLength(2);
      const r = runCli(['lint', path.join(dir, 'routes/api/changed.yaml'), '--context', dir, '--no-config', '--exclude', 'legacy']);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('HTTPRoute api/changed');
      expect(r.stdout).not.toContain('api/other');
      expect(r.stdout).toContain('1 finding(s) in 1 object(s) and 8 context object(s)');
      // Alone, the route's Gateway is unknown: nothing to say about which hostnames it serves.
      expect(runCli(['lint', path.join(dir, 'routes/api/changed.yaml'), '--no-config']).stdout).toBe('0 finding(s) in 1 object(s)\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('with --context, arguments that hold no object are not an error; without, they are', () => {
    const r = runCli(['validate', `${REPO}/helm/values.yaml`, '--context', REPO]);
    expect([r.code, r.stdout]).toEqual([0, '0 error(s), 0 warning(s) in 0 object(s) and 8 context object(s) (Gateway API v1.6.1, standard channel)\n']);
    expect(r.stderr).toContain(`${NOTE}no objects in ${REPO}/helm/values.yaml\n`);
    expect(runCli(['validate', `${REPO}/helm/values.yaml`]).code).toBe(2);
  });

  test('route, table and the other routing commands read the context as more objects', () => {
    const args = ['route', `${REPO}/routes/shop/route.yaml`, '--url', 'http://shop.example.com/cart'];
    expect(runCli(args).stdout).not.toContain('forwarded');
    const r = runCli([...args, '--context', `${REPO}/gateway`]);
    expect(r.stdout).toContain('→ forwarded 200 to shop/shop:80');
    expect(runCli(['table', `${REPO}/routes/api`, '--context', `${REPO}/gateway`]).stdout).toContain('api.example.com');
  });

  test('one pass with --context: a document of the arguments that does not parse is a finding at its line, in every format; one of the context stays a note', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'context-one-pass-'));
    try {
      fs.writeFileSync(path.join(dir, 'changed.yaml'), 'kind: [\n');
      fs.writeFileSync(path.join(dir, 'context-broken.yaml'), 'kind: [\n');
      const args = ['validate', path.join(dir, 'changed.yaml'), `${REPO}/legacy/old-route.yaml`, '--context', REPO, '--context', path.join(dir, 'context-broken.yaml')];
      const text = runCli(args);
      expect(text.code).toBe(1);
      expect(text.stdout).toMatch(new RegExp(`^${dir}/changed\\.yaml:2:1: error: document 0 is not valid YAML.*\\[input/yaml-error\\]$`, 'm'));
      expect(text.stdout).toMatch(/legacy\/old-route\.yaml:\d+:\d+: error HTTPRoute shop\/old-shop spec\.parentRefs\[0\]\.sectionName/);
      expect(text.stdout).toContain('2 error(s), 0 warning(s) in 1 object(s) and 7 context object(s)');
      expect(text.stdout).not.toContain('context-broken');
      expect(text.stderr).toContain(`${NOTE}--context: ${dir}/context-broken.yaml#0: error: document 0 is not valid YAML`);
      const github = runCli([...args, '--format', 'github']);
      expect(github.code).toBe(1);
      expect(github.stdout.split('\n').filter((l) => l !== '').map((l) => l.slice(0, l.indexOf('::', 2)))).toEqual([
        `::error file=${dir}/changed.yaml,line=2,col=1,title=input/yaml-error`,
        expect.stringMatching(/^::error file=.*legacy\/old-route\.yaml,line=\d+,col=\d+,title=xref\/section-not-found$/),
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a context file that does not parse is a note, not an input error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'context-broken-'));
    try {
      fs.writeFileSync(path.join(dir, 'broken.yaml'), 'kind: [\n');
      const r = runCli(['validate', `${REPO}/gateway/gateway.yaml`, '--context', dir]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`${NOTE}--context: ${dir}/broken.yaml#0: error: document 0 is not valid YAML`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
