import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GatewayApiValidation, type GatewayApiValidationContext, type GatewayApiViolation } from '../src';
import { ROOT, ensureBuilt, fixture } from './support/cli';

/** A context recording what the plugin reports, as cdk8s-cli's ValidationContext would. */
function context(manifests: string[]) {
  const violations: GatewayApiViolation[] = [];
  let submitted: { status: string; metadata?: Record<string, string> } | undefined;
  const ctx: GatewayApiValidationContext = {
    manifests,
    report: {
      addViolation: (v) => { violations.push(v); },
      submit: (status, metadata) => { submitted = { status, metadata: metadata as Record<string, string> }; },
    },
  };
  return { ctx, violations, submitted: () => submitted };
}

describe('GatewayApiValidation (in process)', () => {
  test('the complete example: no errors, lint warnings reported per rule, the synth passes unless failOnWarnings', async () => {
    const files = [fixture('seed/complete/complete-gateway-setup.yaml'), fixture('seed/complete/support.yaml')].map((f) => path.join(ROOT, f));
    const c = context(files);
    await new GatewayApiValidation().validate(c.ctx);
    expect(c.submitted()).toEqual({ status: 'success', metadata: { channel: 'standard', errors: '0', warnings: '3', lint: 'true' } });
    expect(c.violations.map((v) => v.ruleName)).toEqual(['lint/rule-shadowed (warning)', 'lint/rule-shadowed (warning)', 'lint/hostname-not-served (warning)']);
    expect(c.violations[2].violatingResources).toEqual([{ resourceName: 'frontend', manifestPath: files[0], locations: ['HTTPRoute production/frontend (document 1, line 42, column 7): spec.hostnames[1]'] }]);
    expect(c.violations[2].fix).toBe("add a listener for 'example.com', or remove the hostname (see docs/validation.md, code lint/hostname-not-served)");

    const strict = context(files);
    await new GatewayApiValidation({ failOnWarnings: true }).validate(strict.ctx);
    expect(strict.submitted()!.status).toBe('failure');

    const noLint = context(files);
    await new GatewayApiValidation({ lint: false }).validate(noLint.ctx);
    expect(noLint.violations).toEqual([]);
    expect(noLint.submitted()!.status).toBe('success');
  });

  describe('on manifests written for the test', () => {
    let dir: string;
    beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-')); });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
    const write = (name: string, yaml: string): string => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, yaml);
      return file;
    };
    const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata: { name: other, namespace: apps }\nspec: { ports: [ { port: 80 } ] }\n';
    const route = (backend: string, apiVersion = 'gateway.networking.k8s.io/v1', kind = 'HTTPRoute') =>
      `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: { name: web, namespace: apps }\nspec: { rules: [ { backendRefs: [ { name: ${backend}, port: 80 } ] } ] }\n`;

    test("How to fix is the diagnostic's own fix, or the pointer to docs/validation.md when it has none: never a piece of the message", async () => {
      const file = write('old.yaml', route('other', 'gateway.networking.k8s.io/v1alpha2', 'TCPRoute'));
      const regex = write('regex.yaml', 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: { name: re, namespace: apps }\nspec: { rules: [ { matches: [ { path: { type: RegularExpression, value: "/a(" } } ] } ] }\n');
      const c = context([write('svc.yaml', SERVICE), file, regex]);
      await new GatewayApiValidation({ lint: false }).validate(c.ctx);
      const byRule = new Map(c.violations.map((v) => [v.ruleName, v]));
      const served = byRule.get('api/version-not-served (error)')!;
      expect(served.fix).toBe('set apiVersion to gateway.networking.k8s.io/v1, and make the changes the other diagnostics about this object name (it was checked against the v1 schema) (see docs/validation.md, code api/version-not-served)');
      expect(served.recommendation).toContain('see the other diagnostics for what else must change)');
      // route/regex-invalid says what follows (a consequence), not what to do: no fix is made up from it
      const re = byRule.get('route/regex-invalid (error)')!;
      expect(re.recommendation).toMatch(/; implementations reject the route \(Accepted=False, UnsupportedValue\)$/);
      expect(re.fix).toBe('see docs/validation.md, code route/regex-invalid');
      expect(c.submitted()!.status).toBe('failure');
    });

    test("a backend naming a Service the manifests do not hold is taken to be deployed elsewhere (unlistedServices: 'elsewhere'), unless told 'warn'", async () => {
      const files = [write('svc.yaml', SERVICE), write('route.yaml', route('legacy-api'))];
      const quiet = context(files);
      await new GatewayApiValidation({ lint: false }).validate(quiet.ctx);
      expect(quiet.violations).toEqual([]);
      const strict = context(files);
      await new GatewayApiValidation({ lint: false, unlistedServices: 'warn' }).validate(strict.ctx);
      expect(strict.violations.map((v) => v.ruleName)).toEqual(['xref/backend-not-found (warning)']);
      expect(strict.violations[0].recommendation).toContain('the HTTPRoute gets ResolvedRefs=False (BackendNotFound) and requests that would go to it get HTTP status 500');
      expect(strict.violations[0].fix).toBe('check the name and namespace of the reference (see docs/validation.md, code xref/backend-not-found)');
      // a Service of that name in another namespace: a likely slip, warned by default too
      const slip = context([write('svc-b.yaml', SERVICE.replace('other', 'legacy-api').replace('apps', 'backend')), files[1]]);
      await new GatewayApiValidation({ lint: false }).validate(slip.ctx);
      expect(slip.violations.map((v) => v.ruleName)).toEqual(['xref/backend-not-found (warning)']);
    });

    test('ignore: findings with those codes are not reported and do not fail the synth', async () => {
      const files = [write('svc.yaml', SERVICE), write('old.yaml', route('other', 'gateway.networking.k8s.io/v1alpha2', 'TCPRoute'))];
      const all = context(files);
      await new GatewayApiValidation({ lint: false }).validate(all.ctx);
      expect(all.violations.map((v) => v.ruleName)).toEqual(['api/version-not-served (error)']);
      expect(all.submitted()!.status).toBe('failure');
      const ignored = context(files);
      await new GatewayApiValidation({ lint: false, ignore: ['api/version-not-served'] }).validate(ignored.ctx);
      expect(ignored.violations).toEqual([]);
      expect(ignored.submitted()).toEqual({ status: 'success', metadata: { channel: 'standard', errors: '0', warnings: '0', lint: 'false', ignored: '1 (api/version-not-served)' } });
      // another code leaves it in
      const other = context(files);
      await new GatewayApiValidation({ lint: false, ignore: ['xref/backend-not-found'] }).validate(other.ctx);
      expect(other.violations.map((v) => v.ruleName)).toEqual(['api/version-not-served (error)']);
      expect(other.submitted()!.status).toBe('failure');
    });
  });

  test('a routing spec runs against the manifests; each failing test is a violation', async () => {
    const files = [fixture('seed/complete/complete-gateway-setup.yaml'), fixture('seed/complete/support.yaml')].map((f) => path.join(ROOT, f));
    const c = context(files);
    const cwd = process.cwd();
    try {
      process.chdir(ROOT);
      await new GatewayApiValidation({ lint: false, spec: fixture('routing-tests/complete-failing.yaml') }).validate(c.ctx);
    } finally {
      process.chdir(cwd);
    }
    expect(c.submitted()).toMatchObject({ status: 'failure', metadata: { 'routing tests': '1 passed, 2 failed' } });
    expect(c.violations.map((v) => v.ruleName)).toEqual([
      'routing-test/failed (error): health check on the API host',
      'routing-test/failed (error): the bare domain serves the website',
    ]);
    expect(c.violations[0].recommendation).toBe('should reach gateway-system/health-service, but it was forwarded to production/api-v1-stable:80 (status 200)');
  });

  test("the spec's assumeMissing decides whether absent Services are stood in for; splits are checked as by the CLI", async () => {
    const manifests = [path.join(ROOT, fixture('routing-tests/splits/manifests.yaml'))];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-spec-'));
    try {
      const withIt = context(manifests);
      await new GatewayApiValidation({ lint: false, spec: path.join(ROOT, fixture('routing-tests/splits/passing.yaml')) }).validate(withIt.ctx);
      expect(withIt.submitted()).toMatchObject({ status: 'success', metadata: { 'routing tests': '4 passed, 0 failed' } });
      const without = path.join(dir, 'spec.yaml');
      fs.writeFileSync(without, fs.readFileSync(path.join(ROOT, fixture('routing-tests/splits/passing.yaml')), 'utf8').replace('assumeMissing: true', 'assumeMissing: false'));
      const c = context(manifests);
      await new GatewayApiValidation({ lint: false, spec: without }).validate(c.ctx);
      expect(c.submitted()).toMatchObject({ status: 'failure', metadata: { 'routing tests': '0 passed, 4 failed' } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('bad properties are rejected with the valid ones named', () => {
    expect(() => new GatewayApiValidation({ channel: 'beta' as any })).toThrow("GatewayApiValidation: channel must be standard or experimental, got 'beta'");
    expect(() => new GatewayApiValidation({ failOnWarning: true } as any)).toThrow('GatewayApiValidation: unknown property failOnWarning (known: channel, failOnWarnings, spec, lint, ignore, unlistedServices, implementation)');
    expect(() => new GatewayApiValidation({ ignore: ['rule-shadowed'] })).toThrow("GatewayApiValidation: ignore[0] must be a diagnostic code such as 'xref/backend-not-found' (see docs/validation.md), got \"rule-shadowed\"");
    expect(() => new GatewayApiValidation({ unlistedServices: 'ignore' as any })).toThrow('GatewayApiValidation: unlistedServices must be warn or elsewhere, got "ignore"');
    expect(() => new GatewayApiValidation({ lint: 'yes' as any })).toThrow('GatewayApiValidation: lint must be true or false, got "yes"');
  });
});

describe('GatewayApiValidation property implementation', () => {
  const files = [path.join(ROOT, fixture('compat', 'done-when.yaml'))];

  test('each used feature the report does not claim is a compat/feature-not-claimed warning; failOnWarnings fails the synth', async () => {
    const c = context(files);
    await new GatewayApiValidation({ implementation: 'gke-gateway', lint: false }).validate(c.ctx);
    const compat = c.violations.filter((v) => v.ruleName === 'compat/feature-not-claimed (warning)');
    expect(compat.map((v) => v.recommendation)).toEqual([
      'uses HTTPRouteMethodMatching; for gke-gateway it is not claimed by its conformance report (1.36.2-gke.2154000, 2026-07-23)',
      'uses HTTPRouteCORS; for gke-gateway it is not claimed by its conformance report (1.36.2-gke.2154000, 2026-07-23)',
      'uses HTTPRoutePathRewrite; for gke-gateway it is not claimed by its conformance report (1.36.2-gke.2154000, 2026-07-23)',
      'uses HTTPRoute303RedirectStatusCode; for gke-gateway it is not claimed by its conformance report (1.36.2-gke.2154000, 2026-07-23)',
      'uses GRPCRoute; for gke-gateway it is not claimed by its conformance report (1.36.2-gke.2154000, 2026-07-23)',
    ]);
    expect(compat[1].violatingResources).toEqual([{ resourceName: 'web', manifestPath: files[0], locations: ['HTTPRoute apps/web (document 1, line 43, column 11): spec.rules[0].filters[1]'] }]);
    expect(c.submitted()).toEqual({ status: 'success', metadata: { channel: 'standard', errors: '0', warnings: '5', lint: 'false', implementation: 'gke-gateway 1.36.2-gke.2154000' } });

    const strict = context(files);
    await new GatewayApiValidation({ implementation: 'gke-gateway', lint: false, failOnWarnings: true }).validate(strict.ctx);
    expect(strict.submitted()!.status).toBe('failure');

    const claimed = context(files);
    await new GatewayApiValidation({ implementation: 'envoy-gateway', lint: false, failOnWarnings: true }).validate(claimed.ctx);
    expect(claimed.violations).toEqual([]);
    expect(claimed.submitted()!.status).toBe('success');
  });

  test('a project without a default mode, and a custom list with an unknown name, are rejected with what is valid', () => {
    expect(() => new GatewayApiValidation({ implementation: 'kong-operator' })).toThrow('GatewayApiValidation: implementation \'kong-operator\': it published no report in mode default; name one of its modes: kong-operator/expressions, kong-operator/traditional_compatible');
    expect(() => new GatewayApiValidation({ implementation: { supportedFeatures: ['CORS'] } })).toThrow("GatewayApiValidation: implementation.supportedFeatures: 'CORS' is not a SupportedFeature of Gateway API v1.6.1");
  });
});

/**
 * The real `cdk8s synth` (cdk8s-cli from devDependencies) on test/fixtures/plugin-app, a cdk8s app that includes
 * hand-written YAML with `Include` and uses the plugin from its node_modules, as a user's cdk8s.yaml does.
 */
describe('cdk8s synth with the plugin in cdk8s.yaml', () => {
  let app: string;
  const synth = (env: NodeJS.ProcessEnv = {}) => spawnSync(path.join(ROOT, 'node_modules/.bin/cdk8s'), ['synth', '--output', path.join(app, 'dist'), '--no-check-upgrade'], {
    cwd: app, encoding: 'utf8', env: { ...process.env, ...env },
  });
  beforeAll(() => {
    ensureBuilt(); // the plugin loads from lib/ (the package main)
    fs.mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
    app = fs.mkdtempSync(path.join(ROOT, '.tmp', 'plugin-app-'));
    for (const f of fs.readdirSync(path.join(ROOT, fixture('plugin-app')))) fs.copyFileSync(path.join(ROOT, fixture('plugin-app'), f), path.join(app, f));
    fs.mkdirSync(path.join(app, 'node_modules'));
    fs.symlinkSync(ROOT, path.join(app, 'node_modules', 'cdk8s-gateway-api'), 'dir');
  });
  afterAll(() => fs.rmSync(app, { recursive: true, force: true }));

  test('an included HTTPRoute with both a RequestRedirect and backendRefs fails the synth with the plugin\'s report', () => {
    const r = synth();
    expect(r.status).not.toBe(0);
    const out = r.stdout + r.stderr;
    expect(out).toContain('Validation Report (');
    expect(out).toMatch(/Status\s+│ failure/);
    expect(out).toContain('cel/HTTPRoute/redirect-with-backends (error) (1 occurrences)');
    expect(out).toContain('- Construct Path: edge/routes/shop-httproute-apps');
    expect(out).toContain('- Resource Name: shop');
    expect(out).toContain('> HTTPRoute apps/shop (document 1, line 29, column 7): spec.rules[0]'); // beside the Construct Path above
    expect(out).toContain('How to fix: a redirect answers the client itself, so remove the backendRefs or move the redirect into a rule of its own');
    expect(out).toContain('Validation failed');
  }, 120_000);

  test('the same app with valid YAML synthesizes; with a routing spec property, a failing routing test fails it', () => {
    const ok = synth({ ROUTES_FILE: 'routes-valid.yaml' });
    expect(ok.stdout + ok.stderr).toMatch(/Status\s+│ success/);
    expect(ok.status).toBe(0);
    fs.writeFileSync(path.join(app, 'cdk8s.yaml'), fs.readFileSync(path.join(app, 'cdk8s.yaml'), 'utf8').replace('class: GatewayApiValidation', 'class: GatewayApiValidation\n    properties:\n      spec: routing-tests.yaml'));
    const spec = synth({ ROUTES_FILE: 'routes-valid.yaml' });
    expect(spec.status).not.toBe(0);
    const out = spec.stdout + spec.stderr;
    expect(out).toContain('routing-test/failed (error): a wrong expectation, to see the synth fail (1 occurrences)');
    expect(out).not.toContain('old paths redirect to the new ones (1 occurrences)');
    expect(out).toMatch(/routing tests\s+│ 2 passed, 1 failed/);
  }, 180_000);

  test('with implementation in cdk8s.yaml, a feature the report does not claim is reported, and fails the synth with failOnWarnings', () => {
    fs.copyFileSync(path.join(ROOT, fixture('compat', 'done-when.yaml')), path.join(app, 'compat.yaml'));
    const config = (props: string) => fs.writeFileSync(path.join(app, 'cdk8s.yaml'), `language: typescript\napp: node main.js\nvalidations:\n  - package: ./node_modules/cdk8s-gateway-api\n    version: 0.0.0\n    class: GatewayApiValidation\n    properties:\n${props}`);
    config('      implementation: gke-gateway\n      lint: false\n      failOnWarnings: true\n');
    const r = synth({ ROUTES_FILE: 'compat.yaml' });
    const out = r.stdout + r.stderr;
    expect(r.status).not.toBe(0);
    expect(out).toMatch(/Status\s+│ failure/);
    expect(out.match(/compat\/feature-not-claimed \(warning\)/g)).toHaveLength(5);
    expect(out).toContain('Recommendation: uses HTTPRouteCORS; for gke-gateway it is not claimed by its conformance report (1.36.2-gke.2154000, 2026-07-23)');
    expect(out).toContain('Recommendation: uses GRPCRoute; for gke-gateway it is not claimed by its conformance report (1.36.2-gke.2154000, 2026-07-23)');
    expect(out).toContain('- Construct Path: edge/routes/rpc-grpcroute-apps');
    expect(out).toMatch(/> HTTPRoute apps\/web \(document 1, line \d+, column 11\): spec\.rules\[0\]\.filters\[1\]/);
    expect(out).toMatch(/implementation\s+│ gke-gateway 1\.36\.2-gke\.2154000/);
    config('      implementation: envoy-gateway\n      lint: false\n      failOnWarnings: true\n');
    const ok = synth({ ROUTES_FILE: 'compat.yaml' });
    expect(ok.stdout + ok.stderr).toMatch(/Status\s+│ success/);
    expect(ok.stdout + ok.stderr).not.toContain('compat/feature-not-claimed');
    expect(ok.status).toBe(0);
  }, 240_000);
});
