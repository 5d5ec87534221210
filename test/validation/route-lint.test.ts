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
