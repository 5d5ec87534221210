import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { chooseFormat, githubCommands, junitXml, sarifLog, xmlEscape } from '../../src/cli/report-format';
import { parseManifests, validateSourcedManifests, type Diagnostic } from '../../src/validation';
import { locateDiagnostics } from '../../src/validation/manifest-positions';
import { fixture } from '../support/cli';

/** Two documents; the second's rules[1].matches[0].path.value (line 19, column 13) is a regex RE2 refuses. */
const ROUTES = `apiVersion: v1
kind: Service
metadata: { name: api, namespace: apps }
spec: { ports: [{ port: 80 }] }
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: web
  namespace: apps
spec:
  rules:
    - matches:
        - path: { type: PathPrefix, value: /ok }
      backendRefs: [{ name: api, port: 80 }]
    - matches:
        - path:
            type: RegularExpression
            value: "/(?=x)"
      backendRefs:
        - name: api
          port: 80
`;
/** A listener without its required port: the finding names spec.listeners[0].port, placed at the listener (line 7, column 7). */
const GATEWAY = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: apps }
spec:
  gatewayClassName: example
  listeners:
    - name: http
      protocol: HTTP
`;
/** A YAML error in document 1 (reported at line 7, column 1) between a good Service and a route without a port (line 11, column 33). */
const BROKEN = `apiVersion: v1
kind: Service
metadata: { name: other, namespace: apps }
spec: { ports: [{ port: 80 }] }
---
kind: [unclosed
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: other, namespace: apps }
spec: { rules: [{ backendRefs: [{ name: other }] }] }
`;

/** A small XML reader: throws on what is not well-formed (unbalanced tags, raw `<` or `&` in text or attributes); returns the elements. */
interface XmlElement { name: string; attrs: Record<string, string>; children: XmlElement[]; text: string }
function parseXml(xml: string): XmlElement {
  const decl = /^<\?xml version="1\.0" encoding="UTF-8"\?>\n/;
  if (!decl.test(xml)) throw new Error('no XML declaration');
  const body = xml.replace(decl, '');
  const checkText = (t: string) => {
    if (/<|&(?!(amp|lt|gt|quot|apos);)/.test(t)) throw new Error(`raw markup in text: ${t}`);
  };
  const unescape = (t: string) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  const root: XmlElement = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  const tag = /<(\/?)([A-Za-z][\w-]*)((?:\s+[\w-]+="[^"]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = tag.exec(body); m; m = tag.exec(body)) {
    const between = body.slice(last, m.index);
    checkText(between);
    stack[stack.length - 1].text += unescape(between);
    last = tag.lastIndex;
    if (m[1]) {
      const open = stack.pop()!;
      if (open.name !== m[2]) throw new Error(`</${m[2]}> closes <${open.name}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of m[3].matchAll(/([\w-]+)="([^"]*)"/g)) {
      checkText(a[2]);
      if (a[1] in attrs) throw new Error(`attribute ${a[1]} twice`);
      attrs[a[1]] = unescape(a[2]);
    }
    const el: XmlElement = { name: m[2], attrs, children: [], text: '' };
    stack[stack.length - 1].children.push(el);
    if (!m[4]) stack.push(el);
  }
  checkText(body.slice(last).trim());
  if (stack.length !== 1 || root.children.length !== 1) throw new Error('unbalanced or several roots');
  return root.children[0];
}

/** Checks what SARIF 2.1.0 requires of the parts this tool writes (there is no SARIF schema offline); returns the results. */
function checkSarif(log: any): any[] {
  expect(log.version).toBe('2.1.0');
  expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
  expect(log.runs).toHaveLength(1);
  const driver = log.runs[0].tool.driver;
  expect(typeof driver.name).toBe('string');
  const ids = driver.rules.map((r: any) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const r of driver.rules) expect(typeof r.shortDescription.text).toBe('string');
  for (const res of log.runs[0].results) {
    expect(ids[res.ruleIndex]).toBe(res.ruleId);
    expect(['error', 'warning', 'note', 'none']).toContain(res.level);
    expect(typeof res.message.text).toBe('string');
    for (const loc of res.locations ?? []) {
      if (loc.physicalLocation) {
        expect(typeof loc.physicalLocation.artifactLocation.uri).toBe('string');
        const region = loc.physicalLocation.region;
        if (region) {
          expect(Number.isInteger(region.startLine) && region.startLine >= 1).toBe(true);
          if (region.startColumn !== undefined) expect(Number.isInteger(region.startColumn) && region.startColumn >= 1).toBe(true);
        }
      }
    }
  }
  return log.runs[0].results;
}

describe('positions, --format and one pass (validate, lint, test)', () => {
  let dir: string;
  let out: string;
  let err: string;
  let spies: jest.SpyInstance[];
  const savedGithub = process.env.GITHUB_ACTIONS;
  const file = (name: string, text: string): string => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  const run = async (...args: string[]): Promise<number> => {
    out = '';
    err = '';
    return main(['node', 'cdk8s-gateway', ...args]);
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-format-'));
    delete process.env.GITHUB_ACTIONS;
    spies = [
      jest.spyOn(process.stdout, 'write').mockImplementation((c: any) => { out += String(c); return true; }),
      jest.spyOn(process.stderr, 'write').mockImplementation((c: any) => { err += String(c); return true; }),
    ];
  });
  afterEach(() => {
    for (const s of spies) s.mockRestore();
    if (savedGithub === undefined) delete process.env.GITHUB_ACTIONS; else process.env.GITHUB_ACTIONS = savedGithub;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('every format places a finding deep in the second document, and a missing field at its parent', () => {
    let routes: string;
    let gateway: string;
    beforeEach(() => {
      routes = file('routes.yaml', ROUTES);
      gateway = file('gateway.yaml', GATEWAY);
    });

    test('text: file:line:col: severity ... [code]', async () => {
      expect(await run('validate', routes, gateway)).toBe(1);
      const lines = out.trim().split('\n');
      expect(lines[0]).toMatch(new RegExp(`^${escape(routes)}:19:13: error HTTPRoute apps/web spec\\.rules\\[1\\]\\.matches\\[0\\]\\.path\\.value: path "/\\(\\?=x\\)" is not a regular expression RE2 accepts .*\\[route/regex-invalid\\]$`));
      expect(lines[1]).toBe(`${gateway}:7:7: error Gateway apps/gw spec.listeners[0].port: required field 'port' is missing [schema/required]`);
      expect(lines).toHaveLength(3);
    });

    test('json (and --json): location { file, document, line, column } beside the existing keys', async () => {
      expect(await run('validate', '--format', 'json', routes, gateway)).toBe(1);
      const viaFormat = JSON.parse(out);
      expect(await run('validate', '--json', routes, gateway)).toBe(1);
      expect(JSON.parse(out)).toEqual(viaFormat);
      expect(viaFormat).toEqual([
        expect.objectContaining({ code: 'route/regex-invalid', source: `${routes}#1`, field: 'spec.rules[1].matches[0].path.value', location: { file: routes, document: 1, line: 19, column: 13 } }),
        expect.objectContaining({ code: 'schema/required', source: `${gateway}#0`, field: 'spec.listeners[0].port', location: { file: gateway, document: 0, line: 7, column: 7 } }),
      ]);
    });

    test('github: one workflow command per finding with file, line, col and the code as title', async () => {
      expect(await run('validate', '--format', 'github', routes, gateway)).toBe(1);
      const lines = out.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(new RegExp(`^::error file=${escape(routes)},line=19,col=13,title=route/regex-invalid::HTTPRoute apps/web spec\\.rules\\[1\\]\\.matches\\[0\\]\\.path\\.value: path `));
      expect(lines[1]).toBe(`::error file=${gateway},line=7,col=7,title=schema/required::Gateway apps/gw spec.listeners[0].port: required field 'port' is missing`);
    });

    test('sarif: SARIF 2.1.0 with a rule per code and physical locations', async () => {
      expect(await run('validate', '--format', 'sarif', routes, gateway)).toBe(1);
      const log = JSON.parse(out);
      const results = checkSarif(log);
      expect(log.runs[0].tool.driver.rules.map((r: any) => r.id)).toEqual(['route/regex-invalid', 'schema/required']);
      expect(results.map((r: any) => [r.ruleId, r.level, r.locations[0].physicalLocation])).toEqual([
        ['route/regex-invalid', 'error', { artifactLocation: { uri: `file://${routes}` }, region: { startLine: 19, startColumn: 13 } }],
        ['schema/required', 'error', { artifactLocation: { uri: `file://${gateway}` }, region: { startLine: 7, startColumn: 7 } }],
      ]);
      expect(results[1].locations[0].logicalLocations).toEqual([{ fullyQualifiedName: 'Gateway apps/gw spec.listeners[0].port', kind: 'object' }]);
    });

    test('junit: a test case per object, failures with the lines of their findings', async () => {
      expect(await run('validate', '--format', 'junit', routes, gateway)).toBe(1);
      const suites = parseXml(out);
      expect(suites.name).toBe('testsuites');
      expect(suites.attrs).toMatchObject({ tests: '3', failures: '2' });
      const cases = suites.children[0].children;
      expect(cases.map((c) => [c.attrs.name, c.attrs.classname, c.attrs.line, c.children.map((x) => x.name)])).toEqual([
        ['Service apps/api', `${routes}#0`, '1', []],
        ['HTTPRoute apps/web', `${routes}#1`, '6', ['failure']],
        ['Gateway apps/gw', `${gateway}#0`, '1', ['failure']],
      ]);
      expect(cases[2].children[0].text).toBe(`${gateway}:7:7: error Gateway apps/gw spec.listeners[0].port: required field 'port' is missing [schema/required]`);
    });
  });

  describe('one pass: a YAML error is a finding and the rest is still checked', () => {
    test('validate: the YAML error, the bad object after it in the same file and the one in another file, exit 1, in every format', async () => {
      const broken = file('broken.yaml', BROKEN);
      const routes = file('routes.yaml', ROUTES);
      expect(await run('validate', broken, routes)).toBe(1);
      const lines = out.trim().split('\n');
      expect(lines[0]).toBe(`${broken}:7:1: error: document 1 is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 7, column 1 [input/yaml-error]`);
      expect(lines[1]).toMatch(new RegExp(`^${escape(broken)}:11:33: error HTTPRoute apps/other spec\\.rules\\[0\\]\\.backendRefs\\[0\\]: .*\\[cel/HTTPRoute/service-port-required\\]$`));
      expect(lines[2]).toMatch(new RegExp(`^${escape(routes)}:19:13: error .*\\[route/regex-invalid\\]$`));
      expect(lines[3]).toBe('3 error(s), 0 warning(s) in 4 object(s) (Gateway API v1.6.1, standard channel)');
      expect(err).toBe('');

      expect(await run('validate', '--json', broken, routes)).toBe(1);
      expect(JSON.parse(out).map((d: Diagnostic) => [d.code, d.location])).toEqual([
        ['input/yaml-error', { file: broken, document: 1, line: 7, column: 1 }],
        ['cel/HTTPRoute/service-port-required', { file: broken, document: 2, line: 11, column: 33 }],
        ['route/regex-invalid', { file: routes, document: 1, line: 19, column: 13 }],
      ]);
      expect(await run('validate', '--format', 'sarif', broken, routes)).toBe(1);
      expect(checkSarif(JSON.parse(out)).map((r: any) => r.ruleId)).toEqual(['input/yaml-error', 'cel/HTTPRoute/service-port-required', 'route/regex-invalid']);
      expect(await run('validate', '--format', 'github', broken, routes)).toBe(1);
      expect(out.trim().split('\n').map((l) => /^::error file=[^,]+,line=(\d+),col=(\d+),title=([^:]+)::/.exec(l)?.slice(1))).toEqual([
        ['7', '1', 'input/yaml-error'], ['11', '33', 'cel/HTTPRoute/service-port-required'], ['19', '13', 'route/regex-invalid'],
      ]);
      expect(await run('validate', '--format', 'junit', broken, routes)).toBe(1);
      const cases = parseXml(out).children[0].children;
      expect(cases.map((c) => [c.attrs.name, c.children.length])).toEqual([
        ['Service apps/other', 0], ['HTTPRoute apps/other', 1], ['Service apps/api', 0], ['HTTPRoute apps/web', 1], ['input/yaml-error', 1],
      ]);
    });

    test('lint: the YAML error and the findings of the other files, exit 1, JSON stays valid', async () => {
      const broken = file('broken.yaml', 'kind: [unclosed\n');
      expect(await run('lint', '--json', broken, fixture('seed/complete'))).toBe(1);
      const findings = JSON.parse(out);
      const setup = path.join('test/fixtures/seed/complete/complete-gateway-setup.yaml');
      expect(findings.map((d: Diagnostic) => [d.code, d.location])).toEqual([
        ['input/yaml-error', { file: broken, document: 0, line: 2, column: 1 }],
        ['lint/rule-shadowed', { file: setup, document: 3, line: 108, column: 11 }],
        ['lint/rule-shadowed', { file: setup, document: 3, line: 108, column: 11 }],
        ['lint/hostname-not-served', { file: setup, document: 1, line: 42, column: 7 }],
      ]);
    });

    test('test: a YAML error in the manifests is reported with the routing results and fails the run', async () => {
      const broken = file('broken.yaml', 'kind: [unclosed\n');
      const spec = fixture('routing-tests/complete.yaml');
      expect(await run('test', '--json', spec, broken, fixture('seed/complete'))).toBe(1);
      const report = JSON.parse(out);
      expect(report).toMatchObject({ passed: 4, failed: 0 });
      expect(report.diagnostics).toEqual([expect.objectContaining({ code: 'input/yaml-error', location: { file: broken, document: 0, line: 2, column: 1 } })]);
      expect(await run('test', spec, fixture('seed/complete'))).toBe(0);
      expect(JSON.parse((await run('test', '--json', spec, fixture('seed/complete')), out)).diagnostics).toEqual([]);
    });

    test('a path that cannot be read stays a usage error (exit 2)', async () => {
      expect(await run('validate', '--json', path.join(dir, 'none.yaml'))).toBe(2);
      expect(out).toBe('');
      expect(err).toContain('none.yaml: no such file or directory');
    });
  });

  describe('routing tests carry their place in the spec', () => {
    const failing = fixture('routing-tests/complete-failing.yaml');
    const manifests = fixture('seed/complete');

    test('json: every test has its location; text names it on the FAIL line', async () => {
      expect(await run('test', '--json', failing, manifests)).toBe(1);
      expect(JSON.parse(out).tests.map((t: any) => [t.passed, t.location])).toEqual([
        [true, { file: failing, document: 0, line: 3, column: 5 }],
        [false, { file: failing, document: 0, line: 6, column: 5 }],
        [false, { file: failing, document: 0, line: 9, column: 5 }],
      ]);
    });

    test('github and sarif: one routing-test/failed result per failed test, at the test', async () => {
      expect(await run('test', '--format', 'github', failing, manifests)).toBe(1);
      const lines = out.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(new RegExp(`^::error file=${escape(failing)},line=6,col=5,title=routing-test/failed::routing test 'health check on the API host' failed: should reach gateway-system/health-service`));
      expect(await run('test', '--format', 'sarif', failing, manifests)).toBe(1);
      const results = checkSarif(JSON.parse(out));
      expect(results.map((r: any) => [r.ruleId, r.locations[0].physicalLocation.region.startLine])).toEqual([['routing-test/failed', 6], ['routing-test/failed', 9]]);
      expect(results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('test/fixtures/routing-tests/complete-failing.yaml');
    });

    test('junit: a test case per routing test; failures carry what happened and the trace', async () => {
      expect(await run('test', '--format', 'junit', failing, manifests)).toBe(1);
      const suites = parseXml(out);
      expect(suites.attrs).toMatchObject({ name: 'cdk8s-gateway test', tests: '3', failures: '2' });
      const cases = suites.children[0].children;
      expect(cases.map((c) => [c.attrs.name, c.attrs.classname, c.attrs.line, c.children.length])).toEqual([
        ['the v2 API still works', failing, '3', 0],
        ['health check on the API host', failing, '6', 1],
        ['the bare domain serves the website', failing, '9', 1],
      ]);
      expect(cases[1].children[0].text).toContain('should reach gateway-system/health-service, but it was forwarded to production/api-v1-stable:80 (status 200)\n  | ');
    });
  });

  describe('choosing the format', () => {
    test('GITHUB_ACTIONS=true selects github when no format is given; --format and --json still win', async () => {
      const gateway = file('gateway.yaml', GATEWAY);
      process.env.GITHUB_ACTIONS = 'true';
      expect(await run('validate', gateway)).toBe(1);
      expect(out).toBe(`::error file=${gateway},line=7,col=7,title=schema/required::Gateway apps/gw spec.listeners[0].port: required field 'port' is missing\n`);
      expect(await run('validate', '--format', 'text', gateway)).toBe(1);
      expect(out).toMatch(/^\/.*gateway\.yaml:7:7: error Gateway/);
      expect(await run('validate', '--json', gateway)).toBe(1);
      expect(JSON.parse(out)).toHaveLength(1);
      process.env.GITHUB_ACTIONS = 'false';
      expect(await run('validate', gateway)).toBe(1);
      expect(out).toMatch(/^\/.*gateway\.yaml:7:7: error Gateway/);
      delete process.env.GITHUB_ACTIONS;
      const service = file('service.yaml', 'apiVersion: v1\nkind: Service\nmetadata: { name: s, namespace: n }\nspec: { ports: [{ port: 80 }] }\n');
      expect(await run('lint', service)).toBe(0);
      expect(out).toBe('0 finding(s) in 1 object(s)\n');
      process.env.GITHUB_ACTIONS = 'true';
      expect(await run('lint', service)).toBe(0);
      expect(out).toBe('');
      expect(chooseFormat({}, {})).toBe('text');
      expect(chooseFormat({}, { GITHUB_ACTIONS: 'true' })).toBe('github');
    });

    test('an unknown format, or --json with another format, is a usage error (exit 2)', async () => {
      const gateway = file('gateway.yaml', GATEWAY);
      expect(await run('validate', '--format', 'xml', gateway)).toBe(2);
      expect(err).toBe("cdk8s-gateway: --format must be one of text, json, github, sarif, junit, got 'xml'\n");
      expect(await run('lint', '--json', '--format', 'sarif', gateway)).toBe(2);
      expect(err).toBe('cdk8s-gateway: --json is --format json; it cannot be given with --format sarif\n');
      expect(out).toBe('');
      expect(await run('test', '--json', '--format', 'json', fixture('routing-tests/complete.yaml'), fixture('seed/complete'))).toBe(0);
    });
  });
});

describe('the formats on their own', () => {
  const d: Diagnostic = {
    code: 'x/code',
    severity: 'warning',
    message: '100% wrong\r\nsecond line, with: punctuation',
    object: { kind: 'HTTPRoute', namespace: 'a', name: 'b' },
    field: "metadata.labels['k']",
    source: 'dir,1/a:b.yaml#0',
    location: { file: 'dir,1/a:b.yaml', document: 0, line: 3, column: 4 },
  };

  test('github escapes %, CR and LF in the message, and : and , in properties too', () => {
    expect(githubCommands([d])).toBe("::warning file=dir%2C1/a%3Ab.yaml,line=3,col=4,title=x/code::HTTPRoute a/b metadata.labels['k']: 100%25 wrong%0D%0Asecond line, with: punctuation\n");
  });

  test('no line or column is invented: a finding without them has none in any format', () => {
    const bare: Diagnostic = { code: 'x/bare', severity: 'error', message: 'm', source: 'somewhere' };
    const fileOnly: Diagnostic = { ...bare, location: { file: 'f.yaml', document: 2 } };
    expect(githubCommands([bare, fileOnly])).toBe('::error title=x/bare::somewhere: m\n::error file=f.yaml,title=x/bare::m\n');
    const results = checkSarif(sarifLog([bare, fileOnly], '1.0.0'));
    expect(results[0].locations).toBeUndefined();
    expect(results[1].locations).toEqual([{ physicalLocation: { artifactLocation: { uri: 'f.yaml' } } }]);
    const xml = junitXml('s', [{ name: 'n', classname: 'c', location: fileOnly.location, failures: [] }]);
    expect(parseXml(xml).children[0].children[0].attrs).toEqual({ name: 'n', classname: 'c', file: 'f.yaml' });
  });

  test('junit escapes markup and drops characters XML cannot hold', () => {
    expect(xmlEscape('<a href="x">&\'\u0001</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;\uFFFD&lt;/a&gt;');
    const xml = junitXml('<suite>', [{ name: 'a & "b"', classname: 'c<d>', failures: ['x < y', 'second'], output: ['w & v'] }]);
    const c = parseXml(xml).children[0].children[0];
    expect(c.attrs).toEqual({ name: 'a & "b"', classname: 'c<d>' });
    expect(c.children.map((x) => [x.name, x.attrs.message, x.text])).toEqual([['failure', 'x < y', 'x < y\nsecond'], ['system-out', undefined, 'w & v']]);
  });
});

describe('locateDiagnostics', () => {
  test('objects built in code get no location; objects read from text get theirs, quoted keys included', () => {
    const inCode = validateSourcedManifests([{ object: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'g' }, spec: {} }, source: 'mine' }]);
    expect(inCode.length).toBeGreaterThan(0);
    expect(locateDiagnostics(inCode, []).every((x) => x.location === undefined)).toBe(true);
    const read = parseManifests("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    'app.kubernetes.io/name': x\n", 'c.yaml');
    const located = locateDiagnostics([{ code: 'x/y', severity: 'error', message: 'm', source: 'c.yaml#0', field: "metadata.labels['app.kubernetes.io/name']" }], read.items);
    expect(located[0].location).toEqual({ file: 'c.yaml', document: 0, line: 6, column: 5 });
    // A field whose path goes past what the text holds is placed at the deepest part that exists.
    const past = locateDiagnostics([{ code: 'x/y', severity: 'error', message: 'm', source: 'c.yaml#0', field: 'metadata.labels.missing[3].deeper' }], read.items);
    expect(past[0].location).toEqual({ file: 'c.yaml', document: 0, line: 5, column: 3 });
  });

  test('a finding naming only the document of a List is placed in the item of its object', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: { name: a, namespace: n }\n  - apiVersion: v1\n    kind: Service\n    metadata: { name: b, namespace: n }\n';
    const read = parseManifests(text, 'l.yaml');
    expect(read.items.map((i) => i.source)).toEqual(['l.yaml#0.items[0]', 'l.yaml#0.items[1]']);
    const located = locateDiagnostics([{ code: 'x/y', severity: 'warning', message: 'm', source: 'l.yaml#0', object: { kind: 'Service', namespace: 'n', name: 'b' }, field: 'metadata.name' }], read.items);
    expect(located[0].location).toEqual({ file: 'l.yaml', document: 0, line: 9, column: 17 });
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
