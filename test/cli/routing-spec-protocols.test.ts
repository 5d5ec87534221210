import * as fs from 'fs';
import * as path from 'path';
import { parseRoutingSpec, RoutingSpecError } from '../../src/routing-spec';
import { GRPC_STATUS_NAMES } from '../../src/testing/weights';
import { fixture, ROOT, runCli } from '../support/cli';

const DIR = 'routing-tests/protocols';
const MANIFESTS = fixture(DIR, 'manifests.yaml');

/** The message of the RoutingSpecError a spec gives (fails the test when it parses). */
function specError(text: string): string[] {
  try {
    parseRoutingSpec(text, 'spec.yaml');
  } catch (err) {
    if (err instanceof RoutingSpecError) return err.message.split('\n');
    throw err;
  }
  throw new Error('the spec parsed');
}

describe('routing specs: every scheme route accepts', () => {
  test('grpc (status by name or code, metadata, split), tls, tcp and udp requests pass their expectations', () => {
    const r = runCli(['test', '--channel', 'experimental', fixture(DIR, 'passing.yaml'), MANIFESTS]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe([
      'PASS gRPC call reaches echo with the added metadata',
      'PASS an unknown method is UNIMPLEMENTED (by name)',
      'PASS an unknown method is UNIMPLEMENTED (by code)',
      'PASS gRPC weighted split',
      'PASS TLS passthrough by server name',
      'PASS TLS for a name no route has is refused',
      'PASS TCP',
      'PASS UDP split',
      '8 passed, 0 failed (8 tests)',
      '',
    ].join('\n'));
    expect(r.code).toBe(0);
  });

  test('wrong expectations fail, saying what happened in the protocol\'s terms (gRPC codes by name and number, metadata)', () => {
    const r = runCli(['test', '--channel', 'experimental', fixture(DIR, 'failing.yaml'), MANIFESTS]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => /^(FAIL|PASS|  \S)/.test(l))).toEqual([
      'FAIL gRPC wrong backend (test/fixtures/routing-tests/protocols/failing.yaml:3:5)',
      '  should reach apps/other, but it was forwarded to apps/echo:9000 (OK (0))',
      'FAIL gRPC wrong status name (test/fixtures/routing-tests/protocols/failing.yaml:6:5)',
      '  status should be OK (0), but it got UNIMPLEMENTED (12) (no-route)',
      'FAIL gRPC wrong status code (test/fixtures/routing-tests/protocols/failing.yaml:9:5)',
      '  status should be UNAVAILABLE (14), but it was forwarded to apps/echo:9000 (OK (0))',
      'FAIL gRPC metadata (test/fixtures/routing-tests/protocols/failing.yaml:12:5)',
      "  backend request metadata 'x-from' should be 'elsewhere', got 'gateway'",
      "  response metadata 'x-served-by' should be absent, got 'echo'",
      'FAIL TLS to a name no route has (test/fixtures/routing-tests/protocols/failing.yaml:15:5)',
      '  should reach apps/shop, but the connection was refused',
      'FAIL TCP on a port no listener has (test/fixtures/routing-tests/protocols/failing.yaml:18:5)',
      '  should reach data/postgres, but the connection was refused',
      'FAIL UDP split is not one backend (test/fixtures/routing-tests/protocols/failing.yaml:21:5)',
      '  should reach data/coredns, but the rule splits the traffic: 50% to data/coredns, 50% to data/coredns-v2 (expect a split with split:)',
    ]);
    expect(r.stdout).toMatch(/\n0 passed, 7 failed \(7 tests\)\n$/);
    // Each failure carries the trace of its engine.
    expect(r.stdout).toMatch(/FAIL TCP on a port no listener has \(\S+:18:5\)\n.*\n {4}\| /);
    const json = JSON.parse(runCli(['test', '--json', '--channel', 'experimental', fixture(DIR, 'failing.yaml'), MANIFESTS]).stdout);
    expect(json.tests[1].actual).toEqual({ outcome: 'no-route', status: 12 });
    expect(json.tests[4].actual).toEqual({ outcome: 'refused' });
  });

  test('a spec whose expectations do not fit the protocol is an error at the line and column of the field', () => {
    expect(specError([
      'tests:',
      '  - name: b',
      '    request:',
      "      url: 'grpc://api.example.com/echo.Echo/Say'",
      '      method: POST',
      '    expect:',
      "      redirect: 'http://x/'",
      '      status: 200',
      '  - name: c',
      "    request: { url: 'tls://shop.example.com', headers: { a: b } }",
      '    expect: { backend: apps/shop, status: 200 }',
      '  - name: d',
      "    request: { url: 'https://a.example.com/' }",
      '    expect: { status: UNIMPLEMENTED }',
      '  - name: e',
      "    request: { url: 'POST tcp://:5432' }",
      '    expect: { backend: data/db, responseHeaders: { a: b } }',
      '  - name: f',
      "    request: { url: 'http://a.example.com/' }",
      '    expect: { status: 12 }',
      '',
    ].join('\n'))).toEqual([
      'spec.yaml:5:7: tests[0].request.method: an HTTP method is for http and https URLs only; the gRPC method is the last segment of the URL path (/package.Service/Method)',
      'spec.yaml:7:7: tests[0].expect.redirect: a grpc request cannot check redirect; it can check backend, split, status, headers, responseHeaders',
      `spec.yaml:8:7: tests[0].expect.status: a grpc request's status is a gRPC status code from 0 to 16 or its name (${GRPC_STATUS_NAMES.join(', ')}), got 200`,
      'spec.yaml:10:47: tests[1].request.headers: a tls connection has no headers; headers are for http, https, grpc and grpcs',
      'spec.yaml:11:35: tests[1].expect.status: a tls request cannot check status; it can check backend, split',
      'spec.yaml:14:15: tests[2].expect.status: an https request\'s status is an HTTP status from 100 to 599, got "UNIMPLEMENTED" (a gRPC status name is for grpc and grpcs URLs)',
      'spec.yaml:16:16: tests[3].request.url: an HTTP method is for http and https URLs only; a tcp connection has no method',
      'spec.yaml:17:33: tests[3].expect.responseHeaders: a tcp request cannot check responseHeaders; it can check backend, split',
      'spec.yaml:20:15: tests[4].expect.status: an http request\'s status is an HTTP status from 100 to 599, got 12',
    ]);
  });

  test('a URL route refuses is refused in the spec with route\'s message, at its line; unknown schemes and gRPC names too', () => {
    expect(specError("tests:\n  - name: a\n    request: { url: 'tcp://db.example.com' }\n    expect: { backend: data/db }\n"))
      .toEqual(["spec.yaml:3:16: tests[0].request.url: request 'tcp://db.example.com': a tcp URL needs a port, e.g. 'tcp://db.example.com:5432'"]);
    expect(specError("tests:\n  - name: a\n    request: { url: 'grpc://a.example.com/nope' }\n    expect: { status: OK }\n"))
      .toEqual(["spec.yaml:3:16: tests[0].request.url: request 'grpc://a.example.com/nope': a gRPC URL's path is /<package.Service>/<Method>, e.g. 'grpc://a.example.com/echo.Echo/Say'"]);
    expect(specError("tests:\n  - name: a\n    request: { url: 'ws://a.example.com/' }\n    expect: { status: 101 }\n")[0])
      .toMatch(/^spec\.yaml:3:16: tests\[0\]\.request\.url: must be an absolute URL of a scheme route accepts: http, https, grpc, grpcs, tls, tcp, udp/);
    expect(specError("tests:\n  - name: a\n    request: { url: 'grpc://a.example.com/a.B/C' }\n    expect: { status: Unimplemented }\n"))
      .toEqual([`spec.yaml:4:15: tests[0].expect.status: must be an HTTP status from 100 to 599, or a gRPC status code from 0 to 16 or its name (${GRPC_STATUS_NAMES.join(', ')})`]);
  });

  test('YAML errors, extra documents and repeated names carry the line', () => {
    expect(specError('tests:\n  - name: a\n    request: { url: "http://a/" \n    expect: {}\n'))
      .toEqual(['spec.yaml:4:5: not valid YAML: Flow map in block collection must be sufficiently indented and end with a }']);
    expect(specError('tests: []\n---\ntests: []\n')).toEqual(['spec.yaml:2:1: expected one YAML document, found 2']);
    expect(specError("tests:\n  - name: a\n    request: { url: 'http://a/' }\n    expect: { status: 200 }\n  - name: a\n    request: { url: 'http://b/' }\n    expect: { status: 200 }\n"))
      .toEqual(["spec.yaml:5:5: tests[1].name: test names must be unique; 'a' is also the name of tests[0]"]);
  });

  test('the schema\'s gRPC status names are the data plane\'s', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/routing-tests.schema.json'), 'utf8'));
    const status = schema.definitions.expect.properties.status;
    expect(status.oneOf[1].enum).toEqual(GRPC_STATUS_NAMES);
  });
});

describe('routing specs from standard input', () => {
  const spec = "assumeMissing: true\ntests:\n  - name: tcp\n    request: { url: 'tcp://:5432' }\n    expect: { backend: data/postgres }\n";

  test('`test - FILES` reads the spec from stdin; its errors name stdin', () => {
    const r = runCli(['test', '--channel', 'experimental', '-', MANIFESTS], { input: spec });
    expect(r.stdout).toBe('PASS tcp\n1 passed, 0 failed (1 test)\n');
    expect(r.code).toBe(0);
    const bad = runCli(['test', '-', MANIFESTS], { input: 'tests: []\n' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('cdk8s-gateway: stdin:1:1: tests: must NOT have fewer than 1 items\n');
  });

  test('the spec and the manifests cannot both be stdin: a usage error, exit 2, nothing read', () => {
    const r = runCli(['test', '-', '-'], { input: spec });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('cdk8s-gateway: the spec and the manifests cannot both be read from standard input (-); give one of them as a file\n');
    expect(runCli(['test', '-', MANIFESTS, '-'], { input: spec }).code).toBe(2);
  });
});

describe('docs/testing.md', () => {
  test('the spec of other protocols it shows passes against the protocols fixture', () => {
    const doc = fs.readFileSync(path.join(ROOT, 'docs/testing.md'), 'utf8');
    const block = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.includes('grpc://'))!;
    const r = runCli(['test', '--channel', 'experimental', '-', MANIFESTS], { input: block });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/\n4 passed, 0 failed \(4 tests\)\n$/);
    expect(r.code).toBe(0);
  });
});
