import { isCelError, parse } from '@bufbuild/cel';
import { loadFixture, sink, withoutCelAsts } from './fixtures';
import { EXPERIMENTAL_CRDS, STANDARD_CRDS, type CrdValidationData } from '../../generated';
import { validateManifests, validateObject, type Diagnostic } from '../../src/validation';
import { kubernetesCelEnv } from '../../src/validation/cel-environment';
import { celProgram, compiledRules, instancePath, newCelStats, ruleInstances, ruleSteps, validateCel } from '../../src/validation/cel-rules';
import { toCelValue } from '../../src/validation/cel-values';
import { crdFor } from '../../src/validation/crd-data';
import { applyDefaults } from '../../src/validation/defaults';
import { resetWorkCounters, snapshotWorkCounters } from '../../src/validation/work-counters';

const ALL: Array<['standard' | 'experimental', CrdValidationData]> = [
  ...Object.values(STANDARD_CRDS).map((d) => ['standard', d] as ['standard', CrdValidationData]),
  ...Object.values(EXPERIMENTAL_CRDS).map((d) => ['experimental', d] as ['experimental', CrdValidationData]),
];

function callNames(e: any, into: Set<string>): Set<string> {
  if (!e || typeof e !== 'object') return into;
  if (e.exprKind?.case === 'callExpr') into.add(e.exprKind.value.function);
  for (const v of Object.values(e)) {
    if (Array.isArray(v)) v.forEach((x) => callNames(x, into));
    else if (v && typeof v === 'object') callNames(v, into);
  }
  return into;
}

// operators the planner implements itself (short-circuit logic, conditionals, indexing)
const PLANNER_OPERATORS = new Set(['_&&_', '_||_', '_?_:_', '@not_strictly_false', '_[_]']);

describe('CEL rules of the CRDs', () => {
  test('every rule of both channels compiles, and every function it calls exists in the environment', () => {
    // GIVEN every CRD of both channels
    const env = kubernetesCelEnv();
    let compiled = 0;
    let transition = 0;
    for (const [, crd] of ALL) {
      // WHEN compiled
      const set = compiledRules(crd);
      for (const rule of set.rules) {
        // THEN each non-transition rule has a program, and every call resolves
        if (rule.transition) {
          transition++;
          expect(rule.run).toBeUndefined();
          continue;
        }
        expect(rule.run).toBeDefined();
        // (programs are compiled on their first run: compile each now)
        expect(() => celProgram(rule.data.rule)).not.toThrow();
        if (rule.data.messageExpression) expect(() => celProgram(rule.data.messageExpression!)).not.toThrow();
        compiled++;
        for (const name of callNames(parse(rule.data.rule).expr, new Set())) {
          if (PLANNER_OPERATORS.has(name)) continue;
          expect({ rule: rule.data.rule, name, found: env.funcs.find(name) !== undefined }).toMatchObject({ found: true });
        }
      }
    }
    // eslint-disable-next-line no-console
    console.log(`CEL rules compiled: ${compiled} (standard + experimental), transition rules skipped: ${transition}`);
    expect(compiled).toBe(165 + 185);
    expect(transition).toBe(2);
  });

  test('the kitchen-sink fixtures run every non-transition rule of both channels, all passing', () => {
    // GIVEN objects that reach every schema node a rule sits on
    const std = loadFixture('standard-kitchen-sink.yaml');
    const exp = loadFixture('experimental-kitchen-sink.yaml');
    const stats = { standard: newCelStats(), experimental: newCelStats() };
    // WHEN validated in each channel
    const d1 = validateManifests(std, { celStats: stats.standard });
    const d2 = validateManifests([...std, ...exp], { channel: 'experimental', celStats: stats.experimental });
    // THEN nothing fails, and every rule ran at least once
    expect(d1).toEqual([]);
    expect(d2).toEqual([]);
    for (const [channel, crds] of [['standard', STANDARD_CRDS], ['experimental', EXPERIMENTAL_CRDS]] as const) {
      const missing: string[] = [];
      for (const [kind, crd] of Object.entries(crds)) {
        crd.rules.forEach((r, i) => {
          if (!/\boldSelf\b/.test(r.rule) && !stats[channel].rulesEvaluated.has(`${channel}/${kind}#${i}`)) missing.push(`${kind}#${i} ${r.path}`);
        });
      }
      expect(missing).toEqual([]);
    }
    expect(stats.standard.rulesEvaluated.size).toBe(165);
    expect(stats.experimental.rulesEvaluated.size).toBe(185);
    // eslint-disable-next-line no-console
    console.log(`CEL rules evaluated by the fixtures: standard ${stats.standard.rulesEvaluated.size} rules in ${stats.standard.evaluations} evaluations, ` +
      `experimental ${stats.experimental.rulesEvaluated.size} rules in ${stats.experimental.evaluations} evaluations; ` +
      `transition-rule instances skipped: ${stats.standard.transitionSkips + stats.experimental.transitionSkips}`);
  });

  test('rule paths expand to every instance: arrays, nested arrays and maps', () => {
    const obj = { spec: { rules: [{ matches: [{ a: 1 }, { a: 2 }] }, { matches: [{ a: 3 }] }], labels: { x: 'y', z: 'w' } } };
    const cel = toCelValue(obj, undefined);
    expect(ruleSteps('spec.rules[].matches[]')).toEqual(['spec', 'rules', '[]', 'matches', '[]']);
    expect(ruleInstances(ruleSteps('spec.rules[].matches[]'), obj, cel).map(instancePath)).toEqual([
      ['spec', 'rules', 0, 'matches', 0], ['spec', 'rules', 0, 'matches', 1], ['spec', 'rules', 1, 'matches', 0],
    ]);
    expect(ruleInstances(ruleSteps('spec.labels{}'), obj, cel).map(instancePath)).toEqual([['spec', 'labels', 'x'], ['spec', 'labels', 'z']]);
    expect(ruleSteps('')).toEqual([]);
  });

  test('messageExpression and fieldPath of a rule are used', () => {
    // GIVEN a kind whose rule has a messageExpression (none of the v1.6.1 rules has one)
    const crd: CrdValidationData = {
      ...STANDARD_CRDS.HTTPRoute,
      schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } },
      rules: [{ path: 'spec', rule: 'self.size < 10', messageExpression: "'size is ' + string(self.size) + ', above 9'", fieldPath: '.size' }],
    };
    // WHEN the rule fails
    const out = validateCel({ spec: { size: 12 } }, crd, { kind: 'HTTPRoute', name: 'x' }, []);
    // THEN the message comes from the expression, with integers as CEL ints
    expect(out).toEqual([expect.objectContaining({ message: 'size is 12, above 9 (value: {"size":12})', field: 'spec.size' })]);
  });

  test('integers reach CEL as int, so int arithmetic and comparisons with int literals work', () => {
    const cel = toCelValue({ port: 80, ratio: 0.5 }, { type: 'object', properties: { port: { type: 'integer' }, ratio: { type: 'number' } } });
    expect(cel).toEqual(new Map<string, unknown>([['port', 80n], ['ratio', 0.5]]));
  });

  test('a rule whose evaluation fails counts as failed, unless a schema error explains it', () => {
    const crd: CrdValidationData = {
      ...STANDARD_CRDS.HTTPRoute,
      schema: { type: 'object', properties: { spec: { type: 'object', properties: { n: { type: 'integer' } } } } },
      rules: [{ path: 'spec', rule: 'self.n + 1 > 0', message: 'n must not be negative' }],
    };
    const wrongType = { spec: { n: 'seven' } };
    const reported = validateCel(wrongType, crd, undefined, []);
    expect(reported).toEqual([expect.objectContaining({ code: 'cel/HTTPRoute/n-must-not-be-negative', field: 'spec' })]);
    expect(reported[0].message).toMatch(/^n must not be negative .*could not even be evaluated, .*overload.*the API server rejects that too\)$/);
    expect(validateCel(wrongType, crd, undefined, ['spec.n'])).toEqual([]);
  });
});

type Mutation = (o: any) => void;
interface Trigger {
  readonly code: string;
  readonly kind: string;
  readonly channel?: 'experimental';
  readonly mutate: Mutation;
  readonly message: RegExp;
  readonly field?: string;
}

const listener = (o: any, name: string): any => o.spec.listeners.find((l: any) => l.name === name);
const manyMatches = (n: number): any[] => Array.from({ length: n }, (_, i) => ({ path: { type: 'PathPrefix', value: `/m${i}` } }));

const TRIGGERS: Trigger[] = [
  // HTTPRoute
  {
    code: 'cel/HTTPRoute/service-port-required',
    kind: 'HTTPRoute',
    mutate: (o) => { delete o.spec.rules[0].backendRefs[0].port; },
    message: /^the reference to Service 'api' has no port; a Service backend must name the port/,
    field: 'spec.rules[0].backendRefs[0]',
  },
  {
    code: 'cel/HTTPRoute/redirect-with-backends',
    kind: 'HTTPRoute',
    mutate: (o) => { o.spec.rules[1].backendRefs = [{ name: 'x', port: 80 }]; },
    message: /RequestRedirect filter and 1 backendRef\(s\); a redirect answers the client itself/,
    field: 'spec.rules[1]',
  },
  {
    code: 'cel/HTTPRoute/replace-prefix-match-needs-one-path-prefix',
    kind: 'HTTPRoute',
    mutate: (o) => { o.spec.rules[0].matches[0].path = { type: 'Exact', value: '/api' }; },
    message: /the URLRewrite filter uses path\.replacePrefixMatch.*it has one match whose path type is Exact/,
    field: 'spec.rules[0]',
  },
  {
    code: 'cel/HTTPRoute/replace-prefix-match-needs-one-path-prefix',
    kind: 'HTTPRoute',
    mutate: (o) => { o.spec.rules[0].matches.push({ path: { type: 'PathPrefix', value: '/b' } }); },
    message: /the URLRewrite filter of a backendRef uses path\.replacePrefixMatch.*it has 2 matches/,
  },
  {
    code: 'cel/HTTPRoute/redirect-and-rewrite',
    kind: 'HTTPRoute',
    mutate: (o) => { o.spec.rules[1].filters.push({ type: 'URLRewrite', urlRewrite: { hostname: 'x.example.com' } }); },
    message: /RequestRedirect and a URLRewrite filter cannot be combined/,
    field: 'spec.rules[1].filters',
  },
  {
    code: 'cel/HTTPRoute/filter-repeated',
    kind: 'HTTPRoute',
    mutate: (o) => { o.spec.rules[0].filters.push({ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-z', value: '1' }] } }); },
    message: /^the RequestHeaderModifier filter appears 2 times \(entries 0, 6\)/,
    field: 'spec.rules[0].filters[6]',
  },
  {
    code: 'cel/HTTPRoute/filter-config-missing',
    kind: 'HTTPRoute',
    mutate: (o) => { o.spec.rules[0].filters[5] = { type: 'ExtensionRef' }; },
    message: /^a filter of type ExtensionRef needs its settings in 'extensionRef'$/,
    field: 'spec.rules[0].filters[5]',
  },
  {
    code: 'cel/HTTPRoute/filter-config-mismatch',
    kind: 'HTTPRoute',
    mutate: (o) => { o.spec.rules[0].filters[5].requestHeaderModifier = { remove: ['x'] }; },
    message: /^the filter has type 'ExtensionRef' but sets 'requestHeaderModifier', which belongs to type RequestHeaderModifier/,
  },
  {
    code: 'cel/HTTPRoute/path-not-absolute',
    kind: 'HTTPRoute',
    mutate: (o) => { o.spec.rules[0].matches[0].path.value = 'api'; },
    message: /^path 'api' \(type PathPrefix\) must start with '\/', e\.g\. '\/api'$/,
    field: 'spec.rules[0].matches[0].path.value',
  },
  { code: 'cel/HTTPRoute/path-double-slash', kind: 'HTTPRoute', mutate: (o) => { o.spec.rules[0].matches[0].path.value = '/a//b'; }, message: /'\/a\/\/b'.*must not contain '\/\/'/ },
  { code: 'cel/HTTPRoute/path-dot-segment', kind: 'HTTPRoute', mutate: (o) => { o.spec.rules[0].matches[0].path.value = '/a/./b'; }, message: /must not contain a '\/\.\/' segment/ },
  { code: 'cel/HTTPRoute/path-dot-dot-segment', kind: 'HTTPRoute', mutate: (o) => { o.spec.rules[0].matches[0].path.value = '/a/../b'; }, message: /must not contain a '\/\.\.\/' segment/ },
  { code: 'cel/HTTPRoute/path-encoded-slash', kind: 'HTTPRoute', mutate: (o) => { o.spec.rules[0].matches[0].path.value = '/a%2Fb'; }, message: /encoded slash/ },
  { code: 'cel/HTTPRoute/path-fragment', kind: 'HTTPRoute', mutate: (o) => { o.spec.rules[0].matches[0].path.value = '/a#b'; }, message: /must not contain '#'/ },
  { code: 'cel/HTTPRoute/path-ends-with-dot-dot', kind: 'HTTPRoute', mutate: (o) => { o.spec.rules[0].matches[0].path.value = '/a/..'; }, message: /must not end with '\/\.\.'/ },
  { code: 'cel/HTTPRoute/path-ends-with-dot', kind: 'HTTPRoute', mutate: (o) => { o.spec.rules[0].matches[0].path.value = '/a/.'; }, message: /must not end with '\/\.'/ },
  { code: 'cel/HTTPRoute/path-invalid-characters', kind: 'HTTPRoute', mutate: (o) => { o.spec.rules[0].matches[0].path.value = '/a b'; }, message: /'\/a b'.*may contain only URL path characters/ },
  { code: 'cel/HTTPRoute/path-type', kind: 'HTTPRoute', mutate: (o) => { o.spec.rules[0].matches[0].path.type = 'Glob'; }, message: /path type 'Glob' is not supported/ },
  {
    code: 'cel/HTTPRoute/too-many-matches',
    kind: 'HTTPRoute',
    mutate: (o) => { o.spec.rules = [0, 1, 2].map(() => ({ matches: manyMatches(43), backendRefs: [{ name: 'a', port: 80 }] })); },
    message: /the rules have 129 matches in total; a route may have at most 128/,
    field: 'spec.rules',
  },
  {
    code: 'cel/HTTPRoute/backend-timeout-exceeds-request-timeout',
    kind: 'HTTPRoute',
    mutate: (o) => { o.spec.rules[0].timeouts = { request: '1s', backendRequest: '1m' }; },
    message: /backendRequest '1m' is longer than timeouts\.request '1s'/,
    field: 'spec.rules[0].timeouts.backendRequest',
  },
  {
    code: 'cel/HTTPRoute/parent-refs-need-section',
    kind: 'HTTPRoute',
    mutate: (o) => { delete o.spec.parentRefs[1].sectionName; },
    message: /^parentRefs 0 and 1 both reference Gateway infra\/sink; .* distinct sectionName$/,
    field: 'spec.parentRefs[1]',
  },
  {
    code: 'cel/HTTPRoute/parent-refs-duplicate',
    kind: 'HTTPRoute',
    mutate: (o) => { o.spec.parentRefs[1].sectionName = 'http'; },
    message: /^parentRefs 0 and 1 are the same reference \(Gateway infra\/sink, sectionName 'http'\); remove one$/,
  },
  {
    code: 'cel/HTTPRoute/cors-wildcard-with-others',
    kind: 'HTTPRoute',
    mutate: (o) => { o.spec.rules[0].filters[4].cors.allowOrigins = ['*', 'https://a.example.com']; },
    message: /AllowOrigins cannot contain '\*' alongside other origins/,
  },
  {
    code: 'cel/HTTPRoute/mirror-percent-and-fraction',
    kind: 'HTTPRoute',
    mutate: (o) => { o.spec.rules[0].filters[3].requestMirror.percent = 5; },
    message: /Only one of percent or fraction/,
  },
  {
    code: 'cel/HTTPRoute/mirror-fraction-above-one',
    kind: 'HTTPRoute',
    mutate: (o) => { o.spec.rules[0].filters[3].requestMirror.fraction = { numerator: 3, denominator: 2 }; },
    message: /numerator must be less than or equal to denominator/,
  },
  {
    code: 'cel/HTTPRoute/path-modifier-value-missing',
    kind: 'HTTPRoute',
    mutate: (o) => { o.spec.rules[1].filters[0].requestRedirect.path = { type: 'ReplacePrefixMatch' }; },
    message: /replacePrefixMatch must be specified when type is set to 'ReplacePrefixMatch'/,
  },
  {
    code: 'cel/HTTPRoute/path-modifier-type-mismatch',
    kind: 'HTTPRoute',
    mutate: (o) => { o.spec.rules[1].filters[0].requestRedirect.path.replacePrefixMatch = '/x'; },
    message: /type must be 'ReplacePrefixMatch' when replacePrefixMatch is set/,
  },
  // HTTPRoute, experimental channel
  { code: 'cel/HTTPRoute/rule-name-duplicate', kind: 'HTTPRoute', channel: 'experimental', mutate: (o) => { o.spec.rules[1].name = 'authenticated'; }, message: /Rule name must be unique/ },
  {
    code: 'cel/HTTPRoute/external-auth-settings-missing',
    kind: 'HTTPRoute',
    channel: 'experimental',
    mutate: (o) => { delete o.spec.rules[0].filters[0].externalAuth.http; },
    message: /http must be specified when protocol is set to 'HTTP'/,
  },
  {
    code: 'cel/HTTPRoute/external-auth-protocol-mismatch',
    kind: 'HTTPRoute',
    channel: 'experimental',
    mutate: (o) => { o.spec.rules[0].filters[0].externalAuth.protocol = 'GRPC'; },
    message: /protocol must be 'HTTP' when http is set/,
  },
  {
    code: 'cel/HTTPRoute/session-absolute-timeout-required',
    kind: 'HTTPRoute',
    channel: 'experimental',
    mutate: (o) => { delete o.spec.rules[0].sessionPersistence.absoluteTimeout; },
    message: /AbsoluteTimeout must be specified when cookie lifetimeType is Permanent/,
  },
  {
    code: 'cel/HTTPRoute/session-cookie-config-needs-cookie',
    kind: 'HTTPRoute',
    channel: 'experimental',
    mutate: (o) => { o.spec.rules[0].sessionPersistence.type = 'Header'; },
    message: /cookieConfig can only be set with type Cookie/,
  },
  // GRPCRoute
  {
    code: 'cel/GRPCRoute/service-port-required',
    kind: 'GRPCRoute',
    mutate: (o) => { delete o.spec.rules[0].filters[2].requestMirror.backendRef.port; },
    message: /^the reference to Service 'shadow' has no port/,
    field: 'spec.rules[0].filters[2].requestMirror.backendRef',
  },
  { code: 'cel/GRPCRoute/filter-config-missing', kind: 'GRPCRoute', mutate: (o) => { o.spec.rules[0].filters[3] = { type: 'ExtensionRef' }; }, message: /needs its settings in 'extensionRef'/ },
  { code: 'cel/GRPCRoute/filter-config-mismatch', kind: 'GRPCRoute', mutate: (o) => { o.spec.rules[0].filters[3].requestMirror = { backendRef: { name: 'x', port: 1 } }; }, message: /sets 'requestMirror'/ },
  {
    code: 'cel/GRPCRoute/filter-repeated',
    kind: 'GRPCRoute',
    mutate: (o) => { o.spec.rules[0].backendRefs[0].filters.push({ type: 'ResponseHeaderModifier', responseHeaderModifier: { remove: ['y'] } }); },
    message: /the ResponseHeaderModifier filter appears 2 times/,
  },
  { code: 'cel/GRPCRoute/grpc-method-invalid', kind: 'GRPCRoute', mutate: (o) => { o.spec.rules[0].matches[0].method.method = 'Get-User'; }, message: /^method 'Get-User' is not a valid gRPC method name/, field: 'spec.rules[0].matches[0].method.method' },
  { code: 'cel/GRPCRoute/grpc-service-invalid', kind: 'GRPCRoute', mutate: (o) => { o.spec.rules[0].matches[0].method.service = 'example/v1'; }, message: /^service 'example\/v1' is not a valid gRPC service name/ },
  { code: 'cel/GRPCRoute/grpc-method-match-empty', kind: 'GRPCRoute', mutate: (o) => { o.spec.rules[0].matches[0].method = { type: 'Exact' }; }, message: /One or both of 'service' or 'method' must be specified/ },
  { code: 'cel/GRPCRoute/mirror-fraction-above-one', kind: 'GRPCRoute', mutate: (o) => { o.spec.rules[0].filters[2].requestMirror.fraction.numerator = 9; }, message: /numerator must be less than or equal/ },
  { code: 'cel/GRPCRoute/mirror-percent-and-fraction', kind: 'GRPCRoute', mutate: (o) => { o.spec.rules[0].filters[2].requestMirror.percent = 1; }, message: /Only one of percent or fraction/ },
  { code: 'cel/GRPCRoute/parent-refs-duplicate', kind: 'GRPCRoute', mutate: (o) => { o.spec.parentRefs.push({ ...o.spec.parentRefs[0] }); }, message: /are the same reference/ },
  { code: 'cel/GRPCRoute/parent-refs-need-section', kind: 'GRPCRoute', mutate: (o) => { o.spec.parentRefs.push({ name: 'sink', namespace: 'infra' }); }, message: /both reference Gateway infra\/sink/ },
  {
    code: 'cel/GRPCRoute/too-many-matches',
    kind: 'GRPCRoute',
    mutate: (o) => { o.spec.rules = [0, 1, 2].map(() => ({ matches: Array.from({ length: 43 }, () => ({ method: { service: 'a.B' } })), backendRefs: [{ name: 'a', port: 80 }] })); },
    message: /129 matches in total/,
  },
  { code: 'cel/GRPCRoute/rule-name-duplicate', kind: 'GRPCRoute', channel: 'experimental', mutate: (o) => { o.spec.rules.push({ ...o.spec.rules[0] }); }, message: /Rule name must be unique/ },
  {
    code: 'cel/GRPCRoute/session-absolute-timeout-required',
    kind: 'GRPCRoute',
    channel: 'experimental',
    mutate: (o) => { o.spec.rules[0].sessionPersistence = { type: 'Cookie', cookieConfig: { lifetimeType: 'Permanent' } }; },
    message: /AbsoluteTimeout must be specified/,
  },
  {
    code: 'cel/GRPCRoute/session-cookie-config-needs-cookie',
    kind: 'GRPCRoute',
    channel: 'experimental',
    mutate: (o) => { o.spec.rules[0].sessionPersistence.cookieConfig = { lifetimeType: 'Session' }; },
    message: /cookieConfig can only be set with type Cookie/,
  },
  // Gateway
  { code: 'cel/Gateway/address-duplicate', kind: 'Gateway', mutate: (o) => { o.spec.addresses.push({ type: 'IPAddress', value: '10.0.0.1' }); }, message: /IPAddress values must be unique/ },
  { code: 'cel/Gateway/address-hostname-invalid', kind: 'Gateway', mutate: (o) => { o.spec.addresses[2].value = 'LB_1.example.com'; }, message: /^address 'LB_1\.example\.com' has type Hostname but is not a valid hostname/, field: 'spec.addresses[2].value' },
  { code: 'cel/Gateway/address-hostname-invalid', kind: 'Gateway', mutate: (o) => { o.status.addresses[0].value = 'LB_1'; }, message: /^address 'LB_1' has type Hostname/, field: 'status.addresses[0].value' },
  { code: 'cel/Gateway/infrastructure-key-invalid', kind: 'Gateway', mutate: (o) => { o.spec.infrastructure.labels['-team'] = 'x'; }, message: /Label keys must be in the form/ },
  { code: 'cel/Gateway/infrastructure-key-prefix-too-long', kind: 'Gateway', mutate: (o) => { o.spec.infrastructure.annotations[`${'a'.repeat(253)}/x`] = 'y'; }, message: /annotation key's prefix must be a DNS subdomain not longer than 253/ },
  {
    code: 'cel/Gateway/listener-name-duplicate',
    kind: 'Gateway',
    mutate: (o) => { listener(o, 'dns').name = 'http'; },
    message: /^listeners 0 and 4 are both named 'http'; listener names must be unique$/,
    field: 'spec.listeners[4]',
  },
  {
    code: 'cel/Gateway/listener-duplicate',
    kind: 'Gateway',
    mutate: (o) => { o.spec.listeners.push({ ...listener(o, 'http'), name: 'http2' }); },
    message: /^listeners 'http' and 'http2' both take port 80, protocol HTTP and hostname '\*\.example\.com'/,
    field: 'spec.listeners[5]',
  },
  {
    code: 'cel/Gateway/listener-tls-not-allowed',
    kind: 'Gateway',
    mutate: (o) => { listener(o, 'http').tls = { mode: 'Terminate', certificateRefs: [{ name: 'x' }] }; },
    message: /^listener 'http' has protocol HTTP and a tls block/,
    field: 'spec.listeners[0].tls',
  },
  {
    code: 'cel/Gateway/listener-https-needs-terminate',
    kind: 'Gateway',
    mutate: (o) => { listener(o, 'https').tls.mode = 'Passthrough'; },
    message: /^listener 'https' has protocol HTTPS with tls\.mode 'Passthrough'/,
  },
  {
    code: 'cel/Gateway/listener-tls-mode-required',
    kind: 'Gateway',
    mutate: (o) => { delete listener(o, 'passthrough').tls; },
    message: /^listener 'passthrough' has protocol TLS but no tls\.mode/,
  },
  {
    code: 'cel/Gateway/listener-hostname-not-allowed',
    kind: 'Gateway',
    mutate: (o) => { listener(o, 'postgres').hostname = 'db.example.com'; },
    message: /^listener 'postgres' has protocol TCP and hostname 'db\.example\.com'/,
    field: 'spec.listeners[3].hostname',
  },
  {
    code: 'cel/Gateway/tls-terminate-needs-certificate',
    kind: 'Gateway',
    mutate: (o) => { delete listener(o, 'https').tls.certificateRefs; },
    message: /^tls\.mode is Terminate but no certificateRefs/,
    field: 'spec.listeners[1].tls',
  },
  {
    code: 'cel/Gateway/tls-per-port-duplicate',
    kind: 'Gateway',
    mutate: (o) => { o.spec.tls.frontend.perPort.push({ ...o.spec.tls.frontend.perPort[0] }); },
    message: /Port for TLS configuration must be unique/,
  },
  // ListenerSet
  { code: 'cel/ListenerSet/listener-name-duplicate', kind: 'ListenerSet', mutate: (o) => { o.spec.listeners[1].name = 'extra-https'; }, message: /are both named 'extra-https'/ },
  { code: 'cel/ListenerSet/listener-duplicate', kind: 'ListenerSet', mutate: (o) => { o.spec.listeners.push({ ...o.spec.listeners[1], name: 'copy' }); }, message: /both take port 9080, protocol HTTP and no hostname/ },
  { code: 'cel/ListenerSet/listener-tls-not-allowed', kind: 'ListenerSet', mutate: (o) => { o.spec.listeners[1].tls = { mode: 'Terminate', certificateRefs: [{ name: 'x' }] }; }, message: /has protocol HTTP and a tls block/ },
  { code: 'cel/ListenerSet/listener-https-needs-terminate', kind: 'ListenerSet', mutate: (o) => { o.spec.listeners[0].tls.mode = 'Passthrough'; }, message: /HTTPS listeners terminate TLS/ },
  { code: 'cel/ListenerSet/listener-tls-mode-required', kind: 'ListenerSet', mutate: (o) => { o.spec.listeners.push({ name: 'tls', port: 9444, protocol: 'TLS' }); }, message: /has protocol TLS but no tls\.mode/ },
  { code: 'cel/ListenerSet/listener-hostname-not-allowed', kind: 'ListenerSet', mutate: (o) => { o.spec.listeners.push({ name: 'udp', port: 9053, protocol: 'UDP', hostname: 'a.example.com' }); }, message: /TCP and UDP listeners cannot match hostnames/ },
  { code: 'cel/ListenerSet/tls-terminate-needs-certificate', kind: 'ListenerSet', mutate: (o) => { o.spec.listeners[0].tls.certificateRefs = []; }, message: /no certificateRefs/ },
  // TCPRoute, TLSRoute, UDPRoute
  { code: 'cel/TCPRoute/service-port-required', kind: 'TCPRoute', mutate: (o) => { delete o.spec.rules[0].backendRefs[0].port; }, message: /Service 'postgres' has no port/ },
  { code: 'cel/TCPRoute/parent-refs-duplicate', kind: 'TCPRoute', mutate: (o) => { o.spec.parentRefs.push({ ...o.spec.parentRefs[0] }); }, message: /are the same reference/ },
  { code: 'cel/TCPRoute/parent-refs-need-section', kind: 'TCPRoute', mutate: (o) => { o.spec.parentRefs.push({ name: 'sink', namespace: 'infra' }); }, message: /both reference Gateway infra\/sink/ },
  { code: 'cel/UDPRoute/service-port-required', kind: 'UDPRoute', mutate: (o) => { delete o.spec.rules[0].backendRefs[0].port; }, message: /Service 'coredns' has no port/ },
  { code: 'cel/UDPRoute/parent-refs-duplicate', kind: 'UDPRoute', mutate: (o) => { o.spec.parentRefs.push({ ...o.spec.parentRefs[0] }); }, message: /are the same reference/ },
  { code: 'cel/UDPRoute/parent-refs-need-section', kind: 'UDPRoute', mutate: (o) => { o.spec.parentRefs.push({ name: 'sink', namespace: 'infra' }); }, message: /both reference Gateway infra\/sink/ },
  { code: 'cel/TLSRoute/service-port-required', kind: 'TLSRoute', mutate: (o) => { delete o.spec.rules[0].backendRefs[0].port; }, message: /Service 'tls-backend' has no port/ },
  { code: 'cel/TLSRoute/parent-refs-duplicate', kind: 'TLSRoute', mutate: (o) => { o.spec.parentRefs.push({ ...o.spec.parentRefs[0] }); }, message: /are the same reference/ },
  { code: 'cel/TLSRoute/parent-refs-need-section', kind: 'TLSRoute', mutate: (o) => { o.spec.parentRefs.push({ name: 'sink', namespace: 'infra' }); }, message: /both reference Gateway infra\/sink/ },
  { code: 'cel/TLSRoute/hostname-is-ip', kind: 'TLSRoute', mutate: (o) => { o.spec.hostnames.push('10.1.2.3'); }, message: /^hostname '10\.1\.2\.3' is an IP address/, field: 'spec.hostnames[2]' },
  { code: 'cel/TLSRoute/hostname-invalid', kind: 'TLSRoute', mutate: (o) => { o.spec.hostnames.push('-bad.example.com'); }, message: /^hostname '-bad\.example\.com' is not a valid DNS name/ },
  { code: 'cel/TLSRoute/hostname-wildcard-invalid', kind: 'TLSRoute', mutate: (o) => { o.spec.hostnames.push('*.-bad.example.com'); }, message: /^hostname '\*\.-bad\.example\.com' has a misplaced wildcard/ },
  // BackendTLSPolicy
  { code: 'cel/BackendTLSPolicy/ca-both-sources', kind: 'BackendTLSPolicy', mutate: (o) => { o.spec.validation.wellKnownCACertificates = 'System'; }, message: /must not contain both CACertificateRefs and WellKnownCACertificates/ },
  { code: 'cel/BackendTLSPolicy/ca-source-required', kind: 'BackendTLSPolicy', mutate: (o) => { delete o.spec.validation.caCertificateRefs; }, message: /must specify either CACertificateRefs or WellKnownCACertificates/ },
  { code: 'cel/BackendTLSPolicy/subject-alt-name-mismatch', kind: 'BackendTLSPolicy', mutate: (o) => { o.spec.validation.subjectAltNames[0].uri = 'spiffe://x/y'; }, message: /SubjectAltName element must not contain URI, if Type is not set to URI/ },
  { code: 'cel/BackendTLSPolicy/target-refs-duplicate', kind: 'BackendTLSPolicy', mutate: (o) => { o.spec.targetRefs.push({ ...o.spec.targetRefs[0] }); }, message: /sectionName must be unique when targetRefs/ },
  { code: 'cel/BackendTLSPolicy/target-refs-need-section', kind: 'BackendTLSPolicy', mutate: (o) => { o.spec.targetRefs.push({ group: '', kind: 'Service', name: 'api' }); }, message: /sectionName must be specified when targetRefs/ },
];

describe('each CEL rule code fires on a manifest that breaks it', () => {
  test.each(TRIGGERS.map((t) => [t.code, t] as const))('%s', (_code, t) => {
    // GIVEN a valid kitchen-sink object, broken in one place
    const obj = sink(t.kind, t.channel === 'experimental' && t.kind !== 'Gateway' && t.kind !== 'ListenerSet' ? 'experimental' : 'standard');
    t.mutate(obj);
    // WHEN validated
    const found: Diagnostic[] = validateObject(obj, { channel: t.channel ?? 'standard' }).filter((d) => d.code === t.code);
    // THEN the rule's code fires with our message at the right place
    expect(found.length).toBeGreaterThan(0);
    const d = found.find((x) => t.message.test(x.message));
    expect({ messages: found.map((x) => x.message), matched: d !== undefined }).toMatchObject({ matched: true });
    expect(d!.severity).toBe('error');
    expect(d!.object).toEqual(expect.objectContaining({ kind: t.kind }));
    if (t.field) expect(d!.field).toBe(t.field);
  });

  test('every CEL code of both channels has a trigger above (transition rules aside)', () => {
    const codes = new Set<string>();
    for (const [, crd] of ALL) for (const r of compiledRules(crd).rules) if (!r.transition) codes.add(r.code);
    const covered = new Set(TRIGGERS.map((t) => t.code));
    expect([...codes].filter((c) => !covered.has(c)).sort()).toEqual([]);
    // eslint-disable-next-line no-console
    console.log(`distinct CEL codes: ${codes.size}, triggers: ${TRIGGERS.length}`);
  });

  test('the experimental channel accepts what standard rejects as unknown fields, and runs its own rules', () => {
    const route = sink('HTTPRoute', 'experimental');
    expect(validateObject(route, { channel: 'standard' }).map((d) => d.code)).toContain('schema/unknown-field');
    expect(validateObject(route, { channel: 'experimental' })).toEqual([]);
    expect(isCelError(undefined)).toBe(false);
  });
});

describe('programs planned from the ASTs stored in generated/ give what parsing the text gives', () => {
  type CelRules = typeof import('../../src/validation/cel-rules');
  type Counters = typeof import('../../src/validation/work-counters');
  /** A fresh copy of the rule engine and its counters: an empty program cache. */
  const freshCel = (): { cel: CelRules; counters: Counters } => {
    let out: { cel: CelRules; counters: Counters } | undefined;
    jest.isolateModules(() => {
      out = { cel: require('../../src/validation/cel-rules'), counters: require('../../src/validation/work-counters') };
    });
    return out!;
  };

  test('every rule of every kind and channel, on the kitchen-sink objects (every rule passes) and on each trigger above (each code fails)', () => {
    // GIVEN two fresh engines: one runs the built-in data (stored ASTs), the other copies of it without ASTs (texts parsed)
    const stored = freshCel();
    const parsed = freshCel();
    const copies = new Map<CrdValidationData, CrdValidationData>();
    const statsFromAst = newCelStats();
    const statsFromText = newCelStats();
    const run = (obj: any, channel: 'standard' | 'experimental') => {
      const crd = crdFor(obj.kind, { channel })!;
      if (!copies.has(crd)) copies.set(crd, withoutCelAsts(crd));
      const defaulted = applyDefaults(obj, { channel });
      return {
        fromAst: stored.cel.validateCel(defaulted, crd, undefined, [], statsFromAst),
        fromText: parsed.cel.validateCel(defaulted, copies.get(crd)!, undefined, [], statsFromText),
      };
    };
    // WHEN the kitchen-sink objects are checked in both channels
    const std = loadFixture('standard-kitchen-sink.yaml');
    const exp = loadFixture('experimental-kitchen-sink.yaml');
    for (const [channel, objects] of [['standard', std], ['experimental', [...std, ...exp]]] as const) {
      for (const obj of objects) {
        // THEN both pass them
        expect(run(obj, channel)).toEqual({ fromAst: [], fromText: [] });
      }
    }
    // WHEN each trigger's broken object is checked
    const failed = new Set<string>();
    for (const t of TRIGGERS) {
      const obj = sink(t.kind, t.channel === 'experimental' && t.kind !== 'Gateway' && t.kind !== 'ListenerSet' ? 'experimental' : 'standard');
      t.mutate(obj);
      const { fromAst, fromText } = run(obj, t.channel ?? 'standard');
      // THEN both report the same diagnostics, the trigger's code among them
      expect(fromText).toEqual(fromAst);
      for (const d of fromAst) failed.add(d.code);
    }
    // AND every non-transition rule ran (and passed) with both, every code failed with both, the stored engine parsed nothing
    const codes = new Set<string>();
    let rules = 0;
    for (const [, crd] of ALL) for (const r of compiledRules(crd).rules) if (!r.transition) { codes.add(r.code); rules++; }
    expect(rules).toBe(165 + 185);
    expect(statsFromAst.rulesEvaluated.size).toBe(165 + 185);
    expect(statsFromText.rulesEvaluated).toEqual(statsFromAst.rulesEvaluated);
    expect([...codes].filter((c) => !failed.has(c))).toEqual([]);
    expect(stored.counters.workCounters.celExpressionsParsed).toBe(0);
    expect(parsed.counters.workCounters.celExpressionsParsed).toBe(parsed.counters.workCounters.celProgramsCompiled);
    expect(parsed.counters.workCounters.celProgramsCompiled).toBe(stored.counters.workCounters.celProgramsCompiled);
  });
});

/** A namespaced test kind `example.com/v1` of the standard channel with `schema` and `rules`. */
function testCrd(kind: string, schema: unknown, rules: CrdValidationData['rules']): CrdValidationData {
  return {
    group: 'example.com',
    kind,
    plural: `${kind.toLowerCase()}s`,
    scope: 'Namespaced',
    version: 'v1',
    versions: [{ name: 'v1', served: true, storage: true }],
    channel: 'standard',
    source: 'test',
    schema,
    rules,
  } as CrdValidationData;
}

describe('the rule result cache stores a value at its second sighting', () => {
  /** A kind of one string field `v` with one rule on the object: `self.v != 'bad'`. */
  const crd = (): CrdValidationData => testCrd('Probe', { type: 'object', properties: { v: { type: 'string' } } },
    [{ path: '', rule: "self.v != 'bad'", message: 'v must not be bad' }]);
  function run(data: CrdValidationData, v: string): { failed: number; evaluations: number; stored: number; hits: number } {
    resetWorkCounters();
    const failed = validateCel({ v }, data, undefined, []).length;
    const c = snapshotWorkCounters();
    return { failed, evaluations: c.celEvaluations, stored: c.celResultsStored, hits: c.celCacheHits };
  }

  test('the first sighting is evaluated and not stored, the second evaluated and stored, the third read from the cache', () => {
    const data = crd();
    expect(run(data, 'a')).toEqual({ failed: 0, evaluations: 1, stored: 0, hits: 0 });
    expect(run(data, 'a')).toEqual({ failed: 0, evaluations: 1, stored: 1, hits: 0 });
    expect(run(data, 'a')).toEqual({ failed: 0, evaluations: 0, stored: 0, hits: 1 });
    expect(run(data, 'b')).toEqual({ failed: 0, evaluations: 1, stored: 0, hits: 0 });
  });

  test('a failing value fails at every sighting, from the cache too', () => {
    const data = crd();
    expect([1, 2, 3].map(() => run(data, 'bad'))).toEqual([
      { failed: 1, evaluations: 1, stored: 0, hits: 0 },
      { failed: 1, evaluations: 1, stored: 1, hits: 0 },
      { failed: 1, evaluations: 0, stored: 0, hits: 1 },
    ]);
  });

  test('values seen once are never stored', () => {
    const data = crd();
    const all = Array.from({ length: 50 }, (_, i) => run(data, `once-${i}`));
    expect(all.reduce((n, r) => n + r.stored, 0)).toBe(0);
    expect(all.reduce((n, r) => n + r.evaluations, 0)).toBe(50);
  });

  test('the fingerprints of values seen once are forgotten at 20,000: a value seen again after that is a first sighting', () => {
    for (const others of [19_998, 19_999]) {
      // GIVEN 'x' seen once, then `others` distinct values (the set holds 'x' and the others: 19,999 or 20,000)
      const data = crd();
      run(data, 'x');
      for (let i = 0; i < others; i++) run(data, `other-${i}`);
      // WHEN 'x' comes again, after one more distinct value (which finds the set full at 20,000 and clears it)
      run(data, 'last');
      // THEN with 19,998 others 'x' is remembered and stored; with 19,999 the set was cleared before 'last'
      expect(run(data, 'x').stored).toBe(others === 19_998 ? 1 : 0);
    }
  });

  test('the stored results are cleared at 2,000 entries: a stored value is evaluated again after that', () => {
    for (const more of [1_999, 2_000]) {
      // GIVEN 'x' stored (seen twice), then `more` other values stored (each seen twice)
      const data = crd();
      run(data, 'x');
      run(data, 'x');
      for (let i = 0; i < more; i++) {
        run(data, `v-${i}`);
        run(data, `v-${i}`);
      }
      // WHEN / THEN: 2,000 entries in all keep 'x'; the 2,001st clears the cache before it is stored
      expect(run(data, 'x')).toEqual(more === 1_999 ? { failed: 0, evaluations: 0, stored: 0, hits: 1 } : { failed: 0, evaluations: 1, stored: 1, hits: 0 });
    }
  });
});

describe('a value whose rules all held, here and below, is not walked again', () => {
  /**
   * A kind with a list `items` of objects: one rule on the list (at most 3 items) and one on each item
   * (`self.n < 10`). The list is a rule node with a child node below it.
   */
  const crd = (): CrdValidationData => testCrd('Nest',
    { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { n: { type: 'integer' } } } } } },
    [
      { path: 'items', rule: 'self.size() <= 3', message: 'at most 3 items' },
      { path: 'items[]', rule: 'self.n < 10', message: 'n must be below 10' },
    ]);
  function run(data: CrdValidationData, ns: number[], stats = false) {
    resetWorkCounters();
    const diagnostics = validateCel({ items: ns.map((n) => ({ n })) }, data, undefined, [], stats ? newCelStats() : undefined);
    const c = snapshotWorkCounters();
    return { fields: diagnostics.map((d) => d.field), instances: c.celInstances, skipped: c.celSubtreesSkipped, evaluations: c.celEvaluations };
  }

  test('the third sighting of a clean value stops at the list: its items are not visited', () => {
    const data = crd();
    // root + list + 2 items visited at the first two sightings (the second stores the results)
    expect(run(data, [1, 2])).toEqual({ fields: [], instances: 4, skipped: 0, evaluations: 3 });
    expect(run(data, [1, 2])).toEqual({ fields: [], instances: 4, skipped: 0, evaluations: 3 });
    // the stored results are clean: the items below the list are not visited
    expect(run(data, [1, 2])).toEqual({ fields: [], instances: 2, skipped: 1, evaluations: 0 });
    // another value is a first sighting, walked in full
    expect(run(data, [1, 3])).toEqual({ fields: [], instances: 4, skipped: 0, evaluations: 2 });
  });

  test('a value with a failing rule below is walked at every sighting and fails every time', () => {
    const data = crd();
    const all = [1, 2, 3, 4].map(() => run(data, [1, 12]));
    expect(all.map((r) => r.fields)).toEqual([['items[1]'], ['items[1]'], ['items[1]'], ['items[1]']]);
    expect(all.map((r) => [r.instances, r.skipped])).toEqual([[4, 0], [4, 0], [4, 0], [4, 0]]);
  });

  test('a value failing at the node itself is walked at every sighting', () => {
    const data = crd();
    const all = [1, 2, 3].map(() => run(data, [1, 2, 3, 4]));
    expect(all.map((r) => r.fields)).toEqual([['items'], ['items'], ['items']]);
    expect(all.map((r) => r.skipped)).toEqual([0, 0, 0]);
  });

  test('a clean part after a failing one in the same object is still stored clean: its third sighting is skipped', () => {
    // Two lists side by side; `a` fails at its item, `b` is clean.
    const item = { type: 'object', properties: { n: { type: 'integer' } } };
    const data = testCrd('Nest', { type: 'object', properties: { a: { type: 'array', items: item }, b: { type: 'array', items: item } } }, [
      { path: 'a', rule: 'self.size() <= 3', message: 'at most 3 items' },
      { path: 'a[]', rule: 'self.n < 10', message: 'n must be below 10' },
      { path: 'b', rule: 'self.size() <= 3', message: 'at most 3 items' },
      { path: 'b[]', rule: 'self.n < 10', message: 'n must be below 10' },
    ]);
    const once = () => {
      resetWorkCounters();
      const fields = validateCel({ a: [{ n: 12 }], b: [{ n: 1 }, { n: 2 }] }, data, undefined, []).map((d) => d.field);
      return { fields, skipped: snapshotWorkCounters().celSubtreesSkipped };
    };
    expect([once(), once(), once()]).toEqual([
      { fields: ['a[0]'], skipped: 0 },
      { fields: ['a[0]'], skipped: 0 },
      // `a` is walked again (it fails below), `b` is not
      { fields: ['a[0]'], skipped: 1 },
    ]);
  });

  test('with coverage counters the walk skips nothing (they count every rule at every place)', () => {
    const data = crd();
    run(data, [5]);
    run(data, [5]);
    expect(run(data, [5], true)).toEqual({ fields: [], instances: 3, skipped: 0, evaluations: 0 });
    expect(run(data, [5])).toEqual({ fields: [], instances: 2, skipped: 1, evaluations: 0 });
  });
});
