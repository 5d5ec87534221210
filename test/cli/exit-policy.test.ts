import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fixture, runCli } from '../support/cli';
import { WARNING_ONLY_HTTPROUTE } from '../support/manifests';

const COMPLETE = fixture('seed/complete');
const GUIDE = fixture('seed/guide');

describe('exit policy', () => {
  let dir: string;
  let warn: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exit-policy-'));
    warn = path.join(dir, 'warn.yaml');
    fs.writeFileSync(warn, WARNING_ONLY_HTTPROUTE);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('validate: warnings alone exit 0; --fail-on-warnings makes them exit 1; --ignore takes the warning out of the count', () => {
    const plain = runCli(['validate', warn]);
    expect(plain.stdout).toContain('0 error(s), 1 warning(s)');
    expect(plain.code).toBe(0);
    const strict = runCli(['validate', '--fail-on-warnings', warn]);
    expect(strict.stdout).toBe(plain.stdout);
    expect(strict.code).toBe(1);
    expect(runCli(['validate', '--fail-on-warnings', '--json', warn]).code).toBe(1);
    const ignored = runCli(['validate', '--fail-on-warnings', '--ignore', 'schema/null-value', warn]);
    expect(ignored.stdout).toContain('0 error(s), 0 warning(s), 1 ignored');
    expect(ignored.code).toBe(0);
    // Nothing at all: still 0.
    expect(runCli(['validate', '--fail-on-warnings', COMPLETE]).code).toBe(0);
  });

  test('lint: every finding is a warning and exits 1 by default and with --fail-on-warnings; --no-fail-on-warnings reports and exits 0', () => {
    const byDefault = runCli(['lint', COMPLETE]);
    expect(byDefault.stdout).toContain('3 finding(s)');
    expect(byDefault.code).toBe(1);
    expect(runCli(['lint', '--fail-on-warnings', COMPLETE]).code).toBe(1);
    const advisory = runCli(['lint', '--no-fail-on-warnings', COMPLETE]);
    expect(advisory.stdout).toBe(byDefault.stdout);
    expect(advisory.code).toBe(0);
    // All findings ignored: nothing remains, exit 0 either way.
    const none = runCli(['lint', '--fail-on-warnings', '--ignore', 'lint/rule-shadowed', '--ignore', 'lint/hostname-not-served', COMPLETE]);
    expect(none.stdout).toContain('0 finding(s), 3 ignored');
    expect(none.code).toBe(0);
  });

  test('the config file\'s failOnWarnings: true fails validate on warnings; false makes lint advisory; the flags on the command line win', () => {
    const strictConfig = path.join(dir, 'strict.yaml');
    fs.writeFileSync(strictConfig, 'failOnWarnings: true\n');
    const advisoryConfig = path.join(dir, 'advisory.yaml');
    fs.writeFileSync(advisoryConfig, 'failOnWarnings: false\n');
    expect(runCli(['validate', '--config', strictConfig, warn]).code).toBe(1);
    expect(runCli(['validate', '--config', advisoryConfig, warn]).code).toBe(0);
    expect(runCli(['validate', '--config', advisoryConfig, '--fail-on-warnings', warn]).code).toBe(1);
    const advisory = runCli(['lint', '--config', advisoryConfig, COMPLETE]);
    expect(advisory.stdout).toContain('3 finding(s)');
    expect(advisory.code).toBe(0);
    expect(runCli(['lint', '--config', advisoryConfig, '--fail-on-warnings', COMPLETE]).code).toBe(1);
    expect(runCli(['lint', '--config', strictConfig, COMPLETE]).code).toBe(1);
    expect(runCli(['lint', '--config', strictConfig, '--no-fail-on-warnings', COMPLETE]).code).toBe(0);
    // A document that does not parse is an error: it fails lint even when the config file makes lint advisory.
    const broken = path.join(dir, 'broken.yaml');
    fs.writeFileSync(broken, 'kind: [\n');
    const failed = runCli(['lint', '--config', advisoryConfig, COMPLETE, broken]);
    expect(failed.stdout).toMatch(/broken\.yaml:2:1: error: document 0 is not valid YAML.*\[input\/yaml-error\]/);
    expect(failed.code).toBe(1);
  });

  test('--help of validate, lint and status states the policy', () => {
    expect(runCli(['validate', '--help']).stdout).toMatch(/--fail-on-warnings +exit 1 when any warning remains after --ignore/);
    const lint = runCli(['lint', '--help']).stdout;
    expect(lint).toContain('--no-fail-on-warnings');
    expect(lint).toMatch(/\(the\s+default\s+for\s+lint/);
    expect(lint).toContain('lint findings (unless --no-fail-on-warnings)');
    expect(runCli(['status', '--help']).stdout).toContain('--fail-on-not-accepted');
  });

  test('status --fail-on-not-accepted: 0 when everything is accepted (output unchanged, nothing on stderr)', () => {
    const plain = runCli(['status', COMPLETE]);
    const gated = runCli(['status', '--fail-on-not-accepted', COMPLETE]);
    expect(gated.code).toBe(0);
    expect(gated.stdout).toBe(plain.stdout);
    expect(gated.stderr).toBe('');
    // A listener whose certificate is missing is still Accepted (ResolvedRefs=False does not count).
    expect(plain.stdout).toContain('listener https: 3 route(s) attached; ResolvedRefs=False');
  });

  test('status --fail-on-not-accepted: 1, listing each object, listener, route parent and unreconciled object that is not accepted; the status output is unchanged', () => {
    const plain = runCli(['status', '--json', '--assume-missing', GUIDE]);
    expect(plain.code).toBe(0);
    const r = runCli(['status', '--json', '--assume-missing', '--fail-on-not-accepted', GUIDE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(plain.stdout);
    const lines = r.stderr.trimEnd().split('\n').filter((l) => l.includes('not accepted: '));
    expect(lines).toEqual([
      'cdk8s-gateway: note: not accepted: HTTPRoute production/myapp-route parent Gateway gateway-system/main-gateway section https: Accepted=False (NotAllowedByListeners: no selected listener allows HTTPRoute from namespace production)',
      'cdk8s-gateway: note: not accepted: TLSRoute production/tls-passthrough parent Gateway gateway-system/main-gateway section tls-passthrough: Accepted=False (NoMatchingParent: no listener of Gateway gateway-system/main-gateway matches sectionName tls-passthrough)',
      'cdk8s-gateway: note: not accepted: TCPRoute database/database-route: no parent reconciled (no parentRef names a Gateway the data plane reconciles)',
      'cdk8s-gateway: note: not accepted: UDPRoute dns/dns-route: no parent reconciled (no parentRef names a Gateway the data plane reconciles)',
    ]);
    // The accepted routes are not listed.
    expect(r.stderr).not.toContain('production/canary-release');
    // An object's own condition: without stand-ins the class's parametersRef does not resolve.
    const own = runCli(['status', '--fail-on-not-accepted', GUIDE]);
    expect(own.code).toBe(1);
    expect(own.stderr).toContain('not accepted: GatewayClass envoy-gateway: Accepted=False (InvalidParameters:');
    expect(own.stderr).toContain('not accepted: Gateway gateway-system/main-gateway: Accepted=False (InvalidParameters: GatewayClass envoy-gateway is not accepted)');
  });

  test('status --fail-on-not-accepted: a listener that is not accepted, and an object with no status', () => {
    const gw = path.join(dir, 'listener.yaml');
    fs.writeFileSync(gw, `apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: { name: c }
spec: { controllerName: example.com/c }
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: g, namespace: default }
spec:
  gatewayClassName: c
  listeners:
    - { name: ok, protocol: HTTP, port: 80 }
    - { name: odd, protocol: example.com/custom, port: 81 }
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: orphan, namespace: default }
spec:
  gatewayClassName: absent
  listeners: [{ name: http, protocol: HTTP, port: 80 }]
`);
    const r = runCli(['status', '--fail-on-not-accepted', gw]);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n').filter((l) => l.includes('not accepted: '));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^cdk8s-gateway: note: not accepted: Gateway default\/g listener odd: Accepted=False \(UnsupportedProtocol/);
    expect(lines[1]).toBe('cdk8s-gateway: note: not accepted: Gateway default/orphan: no status (the data plane does not reconcile it)');
    expect(r.stderr).not.toContain('listener ok');
    // -o yaml gates the same way.
    expect(runCli(['status', '-o', 'yaml', '--fail-on-not-accepted', gw]).code).toBe(1);
    expect(runCli(['status', '-o', 'yaml', '--fail-on-not-accepted', COMPLETE]).code).toBe(0);
  });
});
