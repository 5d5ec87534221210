import { validateObject } from '../../src/validation';
import { resetWorkCounters, snapshotWorkCounters } from '../../src/validation/work-counters';

const route = (kind: string, backendRefs: any[]): any => ({
  apiVersion: 'gateway.networking.k8s.io/v1', kind, metadata: { name: 'r', namespace: 'a' }, spec: { rules: [{ backendRefs }] },
});

describe('single-object route checks', () => {
  test('fails if every backend of a rule has weight 0 (route/all-weights-zero)', () => {
    expect(validateObject(route('HTTPRoute', [{ name: 'a', port: 80, weight: 0 }, { name: 'b', port: 80, weight: 0 }]))).toEqual([{
      code: 'route/all-weights-zero',
      severity: 'error',
      object: { kind: 'HTTPRoute', namespace: 'a', name: 'r' },
      field: 'spec.rules[0].backendRefs',
      fix: 'give at least one backend a positive weight, or remove the rule',
      message: 'all 2 backendRef(s) of this rule have weight 0, so all requests this rule would take get HTTP status 500; give at least one backend a positive weight, or remove the rule',
    }]);
    expect(validateObject(route('TCPRoute', [{ name: 'a', port: 80, weight: 0 }]))[0].message).toMatch(/so all connections this rule would take are refused;/);
    expect(validateObject(route('TLSRoute', [{ name: 'a', port: 80, weight: 0 }])).find((d) => d.code === 'route/all-weights-zero')?.message).toMatch(/so all connections this rule would take are refused;/);
    // gRPC answers UNAVAILABLE (14), not an HTTP status; UDP has no connection to refuse
    expect(validateObject(route('GRPCRoute', [{ name: 'a', port: 80, weight: 0 }])).find((d) => d.code === 'route/all-weights-zero')?.message).toMatch(/so all requests this rule would take get gRPC status UNAVAILABLE;/);
    expect(validateObject(route('UDPRoute', [{ name: 'a', port: 80, weight: 0 }])).find((d) => d.code === 'route/all-weights-zero')?.message).toMatch(/so all packets this rule would take are dropped;/);
  });

  test('one positive weight, or the default weight, is fine', () => {
    expect(validateObject(route('HTTPRoute', [{ name: 'a', port: 80, weight: 0 }, { name: 'b', port: 80 }]))).toEqual([]);
  });

  test('warns about header names that differ only in case (route/duplicate-header-name)', () => {
    const r = route('HTTPRoute', [{ name: 'a', port: 80, filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'X-Env', value: '1' }, { name: 'x-env', value: '2' }] } }] }]);
    r.spec.rules[0].matches = [{ headers: [{ name: 'X-User', value: 'a' }, { name: 'x-user', value: 'b' }, { name: 'x-other', value: 'c' }] }];
    expect(validateObject(r).map((d) => `${d.severity} ${d.code} ${d.field} ${d.message}`)).toEqual([
      "warning route/duplicate-header-name spec.rules[0].matches[0].headers[1] header matches 0 and 1 name the same header ('X-User' and 'x-user'; header names are case-insensitive), so only the first one takes effect; remove one",
      "warning route/duplicate-header-name spec.rules[0].backendRefs[0].filters[0].requestHeaderModifier.set[1] requestHeaderModifier.set entries 0 and 1 name the same header ('X-Env' and 'x-env'; header names are case-insensitive), so only the first one takes effect; remove one",
    ]);
  });

  test('fails if a header-modifier value holds a line break, in either channel (route/header-value-invalid)', () => {
    const r = route('GRPCRoute', [{ name: 'a', port: 80 }]);
    r.spec.rules[0].filters = [{ type: 'ResponseHeaderModifier', responseHeaderModifier: { add: [{ name: 'x-a', value: 'hello\n' }, { name: 'x-b', value: 'tab\tok' }] } }];
    expect(validateObject(r).map((d) => `${d.code} ${d.field} ${d.message}`)).toEqual([
      'route/header-value-invalid spec.rules[0].filters[0].responseHeaderModifier.add[0].value header value "hello\\n" contains a line feed, which no HTTP header value can hold (a YAML \'|\' block keeps its final newline; use a plain or quoted string)',
    ]);
    // The experimental CRD's pattern already rejects it there; the same field is not reported twice.
    const h = route('HTTPRoute', [{ name: 'a', port: 80 }]);
    h.spec.rules[0].filters = [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-a', value: 'a\rb' }] } }];
    expect(validateObject(h, { channel: 'experimental' }).map((d) => d.code)).toEqual(['schema/pattern']);
    expect(validateObject(h).map((d) => d.message)).toEqual([expect.stringContaining('contains a carriage return')]);
  });

  test('fails if a RegularExpression value is not RE2, with the RE2 message (route/regex-invalid)', () => {
    const r = route('HTTPRoute', [{ name: 'a', port: 80 }]);
    r.spec.rules[0].matches = [{ path: { type: 'RegularExpression', value: '/(?=look)ahead' }, headers: [{ type: 'RegularExpression', name: 'x-a', value: '[' }, { name: 'x-b', value: '[' }] }];
    expect(validateObject(r).map((d) => `${d.severity} ${d.code} ${d.field}`)).toEqual([
      'error route/regex-invalid spec.rules[0].matches[0].path.value',
      'error route/regex-invalid spec.rules[0].matches[0].headers[0].value',
    ]);
    expect(validateObject(r)[0].message).toMatch(/^path "\/\(\?=look\)ahead" is not a regular expression RE2 accepts \(.+\); implementations reject the route/);
    const g = route('GRPCRoute', [{ name: 'a', port: 80 }]);
    g.spec.rules[0].matches = [{ method: { type: 'RegularExpression', service: 'a(b', method: 'Get.*' } }];
    expect(validateObject(g).map((d) => `${d.code} ${d.field}`)).toEqual(['route/regex-invalid spec.rules[0].matches[0].method.service']);
  });
});

describe('only header lists of two names or more are compared', () => {
  test('matches without headers or with one compare nothing; the list of two is compared and its duplicate found', () => {
    const obj = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'r', namespace: 'a' },
      spec: {
        rules: [{
          matches: [{ path: { type: 'PathPrefix', value: '/' } }, { headers: [{ name: 'X-A', value: '1' }] }, { headers: [{ name: 'X-A', value: '1' }, { name: 'x-a', value: '2' }] }],
          backendRefs: [{ name: 'b', port: 80, filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-one', value: 'v' }], remove: ['x-r'] } }] }],
        }],
      },
    };
    resetWorkCounters();
    const found = validateObject(obj).filter((d) => d.code === 'route/duplicate-header-name').map((d) => d.field);
    // (before: one list per match and per modifier operation, 6)
    expect(snapshotWorkCounters().headerListsCompared).toBe(1);
    expect(found).toEqual(['spec.rules[0].matches[2].headers[1]']);
  });
});

describe('the route checks read the rules once, and report by check, then by place', () => {
  // Two rules, each with a finding of every check: the diagnostics come check by check (weights, header names,
  // regular expressions, header values), and within a check in document order (rule 0 before rule 1; in a rule,
  // matches, then the rule's filters, then each backend's).
  const modifier = (which: string, list: Record<string, unknown>) => ({ type: which === 'requestHeaderModifier' ? 'RequestHeaderModifier' : 'ResponseHeaderModifier', [which]: list });
  const rule = () => ({
    matches: [{ path: { type: 'RegularExpression', value: '(' }, headers: [{ name: 'X-A', value: '1' }, { name: 'x-a', value: '2' }] }],
    filters: [modifier('responseHeaderModifier', { add: [{ name: 'x-v', value: 'a\nb' }], remove: ['X-R', 'x-r'] })],
    backendRefs: [
      { name: 'a', port: 80, weight: 0, filters: [modifier('requestHeaderModifier', { set: [{ name: 'X-S', value: 'c\rd' }, { name: 'x-s', value: 'e' }] })] },
      { name: 'b', port: 80, weight: 0 },
    ],
  });
  const obj = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'a' }, spec: { rules: [rule(), rule()] } };

  test('an HTTPRoute: every finding, in that order', () => {
    const lint = validateObject(obj).filter((d) => d.code.startsWith('route/')).map((d) => `${d.code} ${d.field}`);
    const perRule = (i: number) => ({
      weights: [`route/all-weights-zero spec.rules[${i}].backendRefs`],
      names: [
        `route/duplicate-header-name spec.rules[${i}].matches[0].headers[1]`,
        `route/duplicate-header-name spec.rules[${i}].filters[0].responseHeaderModifier.remove[1]`,
        `route/duplicate-header-name spec.rules[${i}].backendRefs[0].filters[0].requestHeaderModifier.set[1]`,
      ],
      regex: [`route/regex-invalid spec.rules[${i}].matches[0].path.value`],
      values: [
        `route/header-value-invalid spec.rules[${i}].filters[0].responseHeaderModifier.add[0].value`,
        `route/header-value-invalid spec.rules[${i}].backendRefs[0].filters[0].requestHeaderModifier.set[0].value`,
      ],
    });
    const [a, b] = [perRule(0), perRule(1)];
    expect(lint).toEqual([...a.weights, ...b.weights, ...a.names, ...b.names, ...a.regex, ...b.regex, ...a.values, ...b.values]);
  });

  test('a clean rule between two reports nothing of its own, and a rule that is not an object is passed over', () => {
    const clean = { matches: [{ headers: [{ name: 'x-a', value: '1' }, { name: 'x-b', value: '2' }] }], backendRefs: [{ name: 'a', port: 80 }] };
    const o = { ...obj, spec: { rules: [clean, 'not a rule', rule()] } };
    const fields = validateObject(o).filter((d) => d.code.startsWith('route/')).map((d) => d.field);
    expect(fields).toHaveLength(7);
    expect(fields.every((f) => f?.startsWith('spec.rules[2].'))).toBe(true);
  });

  test('only HTTPRoute and GRPCRoute have header and expression checks; every route kind has the weight check; other kinds have none', () => {
    const codes = (kind: string, apiVersion = 'gateway.networking.k8s.io/v1') => {
      const r = rule();
      return validateObject({ apiVersion, kind, metadata: { name: 'r', namespace: 'a' }, spec: { rules: [r] } }).filter((d) => d.code.startsWith('route/')).map((d) => d.code);
    };
    // A GRPCRoute match has no path: its expressions are the method's; the rest is found as for HTTP.
    expect(codes('GRPCRoute')).toEqual(['route/all-weights-zero', 'route/duplicate-header-name', 'route/duplicate-header-name', 'route/duplicate-header-name', 'route/header-value-invalid', 'route/header-value-invalid']);
    expect(codes('TCPRoute', 'gateway.networking.k8s.io/v1alpha2')).toEqual(['route/all-weights-zero']);
    expect(codes('Gateway')).toEqual([]);
  });

  test('a header value the schema already rejects is reported once, by the schema', () => {
    const one = { ...obj, spec: { rules: [rule()] } };
    const found = validateObject(one, { channel: 'experimental' }).filter((d) => d.field?.includes('HeaderModifier.') && d.field.endsWith('.value'));
    // The experimental CRD's pattern rejects both values; each is reported once, by the schema.
    expect(found.map((d) => d.code)).toEqual(['schema/pattern', 'schema/pattern']);
  });
});

describe('the route checks on malformed input: nothing thrown, nothing made up', () => {
  const base = (kind: string, spec: unknown, apiVersion = 'gateway.networking.k8s.io/v1'): any => ({ apiVersion, kind, metadata: { name: 'r', namespace: 'a' }, ...(spec === undefined ? {} : { spec }) });
  const lint = (o: any) => validateObject(o).filter((d) => d.code.startsWith('route/')).map((d) => `${d.code} ${d.field}`);

  test.each([
    ['no spec', base('GRPCRoute', undefined)],
    ['rules that are not a list', base('GRPCRoute', { rules: { a: 1 } })],
    ['a spec that is not an object', base('TCPRoute', 'x', 'gateway.networking.k8s.io/v1alpha2')],
    ['a rule without backends (a redirect)', base('HTTPRoute', { rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https' } }] }] })],
    ['an empty backend list', base('HTTPRoute', { rules: [{ backendRefs: [] }] })],
    ['null rules, matches, backends and filters', base('HTTPRoute', { rules: [null, { matches: [null], filters: [null], backendRefs: [null, { name: 'b', port: 80, filters: [null] }] }] })],
    ['weights, names and values of the wrong type', base('HTTPRoute', {
      rules: [{
        matches: [{ headers: [{ name: 7, value: 'a' }, { name: 7, value: 'b' }], path: { type: 'RegularExpression', value: 5 } }],
        filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x', value: 9 }, { name: 'y', value: ['a\nb'] }], remove: [1, 1] } }],
        backendRefs: [{ name: 'a', port: 80, weight: '0' }],
      }],
    })],
  ])('%s', (_what, o) => {
    expect(() => validateObject(o)).not.toThrow();
    expect(lint(o)).toEqual([]);
  });

  test('a header listed twice with the same spelling is the schema\'s duplicate key, not a case warning', () => {
    const o = base('HTTPRoute', { rules: [{ matches: [{ headers: [{ name: 'x-a', value: '1' }, { name: 'x-a', value: '2' }] }], backendRefs: [{ name: 'b', port: 80 }] }] });
    expect(validateObject(o).map((d) => d.code)).toEqual(['schema/duplicate-key']);
  });

  test('a method object in an HTTPRoute match is not read as a gRPC method, and a gRPC match has no query parameters', () => {
    const http = base('HTTPRoute', { rules: [{ matches: [{ method: { type: 'RegularExpression', service: '(', method: '(' } }], backendRefs: [{ name: 'b', port: 80 }] }] });
    expect(lint(http)).toEqual([]);
    const grpc = base('GRPCRoute', { rules: [{ matches: [{ queryParams: [{ type: 'RegularExpression', name: 'q', value: '(' }] }], backendRefs: [{ name: 'b', port: 80 }] }] });
    expect(lint(grpc)).toEqual([]);
  });
});

describe('the words of each route check', () => {
  const route = (kind: string, rule: Record<string, unknown>): any => ({
    apiVersion: 'gateway.networking.k8s.io/v1', kind, metadata: { name: 'r', namespace: 'a' }, spec: { rules: [{ backendRefs: [{ name: 'b', port: 80 }], ...rule }] },
  });

  test('query parameter and gRPC method expressions name what they are', () => {
    const q = validateObject(route('HTTPRoute', { matches: [{ queryParams: [{ type: 'RegularExpression', name: 'page', value: '(' }] }] }));
    expect(q.map((d) => `${d.severity} ${d.code} ${d.field}`)).toEqual(['error route/regex-invalid spec.rules[0].matches[0].queryParams[0].value']);
    expect(q[0].message).toMatch(/^query parameter "page" "\(" is not a regular expression RE2 accepts \(.+\); implementations reject the route \(Accepted=False, UnsupportedValue\)$/);
    const h = validateObject(route('HTTPRoute', { matches: [{ headers: [{ type: 'RegularExpression', name: 'x-a', value: '(' }] }] }));
    expect(h[0].message).toMatch(/^header "x-a" "\(" is not/);
    const g = validateObject(route('GRPCRoute', { matches: [{ method: { type: 'RegularExpression', service: 'ok', method: 'a(' } }] }));
    expect(g.map((d) => `${d.code} ${d.field}`)).toEqual(['route/regex-invalid spec.rules[0].matches[0].method.method']);
    expect(g[0].message).toMatch(/^method\.method "a\(" is not/);
    const s = validateObject(route('GRPCRoute', { matches: [{ method: { type: 'RegularExpression', service: 's(', method: 'ok' } }] }));
    expect(s[0].message).toMatch(/^method\.service "s\(" is not/);
  });

  test('a duplicate in a remove list, with its fix', () => {
    const r = validateObject(route('HTTPRoute', { filters: [{ type: 'ResponseHeaderModifier', responseHeaderModifier: { remove: ['X-A', 'x-b', 'x-a'] } }] }));
    expect(r).toEqual([expect.objectContaining({
      code: 'route/duplicate-header-name',
      severity: 'warning',
      field: 'spec.rules[0].filters[0].responseHeaderModifier.remove[2]',
      message: "responseHeaderModifier.remove entries 0 and 2 name the same header ('X-A' and 'x-a'; header names are case-insensitive), so only the first one takes effect; remove one",
      fix: 'remove entry 2',
    })]);
  });

  test('a control character other than a line break is named by its code point, a carriage return by name; the fix names it once', () => {
    const value = (v: string) => validateObject(route('HTTPRoute', { filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { add: [{ name: 'x-a', value: v }] } }] }));
    const bell = value('a\u0007b');
    expect(bell).toEqual([expect.objectContaining({
      code: 'route/header-value-invalid',
      severity: 'error',
      message: expect.stringContaining('contains the control character U+0007, which no HTTP header value can hold'),
      fix: "remove the control character U+0007 from the value (in YAML, use a plain or quoted string rather than a '|' block)",
    })]);
    expect(value('a\u001fb')[0].message).toContain('the control character U+001F,');
    expect(value('a\rb')[0].fix).toBe("remove a carriage return from the value (in YAML, use a plain or quoted string rather than a '|' block)");
    expect(value('a\tb')).toEqual([]);
  });
});
