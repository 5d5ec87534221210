import { sink } from './fixtures';
import { STANDARD_CRDS } from '../../generated';
import { validateObject, type Diagnostic } from '../../src/validation';
import { re2Engine } from '../../src/validation/crd-ajv';
import { isDateTime, validateSchema } from '../../src/validation/schema-validator';
import { resetWorkCounters, snapshotWorkCounters } from '../../src/validation/work-counters';

function route(spec: any, extra: any = {}): any {
  return { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'apps' }, spec, ...extra };
}

const basic = (): any => ({ parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'api', port: 80 }] }] });

function only(diags: Diagnostic[], code: string): Diagnostic[] {
  return diags.filter((d) => d.code === code);
}

describe('schema validation', () => {
  test('a valid object has no diagnostics', () => {
    expect(validateObject(route(basic()))).toEqual([]);
  });

  test('fails if a required field is missing (schema/required)', () => {
    const spec = basic();
    delete spec.parentRefs[0].name;
    expect(only(validateObject(route(spec)), 'schema/required')).toEqual([{
      code: 'schema/required',
      severity: 'error',
      message: "required field 'name' is missing",
      object: { kind: 'HTTPRoute', namespace: 'apps', name: 'r' },
      field: 'spec.parentRefs[0].name',
    }]);
  });

  test('fails on an unknown field, listing the fields allowed there (schema/unknown-field)', () => {
    const spec = basic();
    spec.rules[0].backendRefs[0].servicePort = 80;
    const [d] = only(validateObject(route(spec)), 'schema/unknown-field');
    expect(d.field).toBe('spec.rules[0].backendRefs[0].servicePort');
    expect(d.message).toMatch(/^unknown field 'servicePort'; fields allowed here: filters, group, kind, name, namespace, port, weight$/);
  });

  test('fails on a wrong type (schema/type)', () => {
    const spec = basic();
    spec.rules[0].backendRefs[0].port = '80';
    expect(only(validateObject(route(spec)), 'schema/type')).toEqual([expect.objectContaining({
      field: 'spec.rules[0].backendRefs[0].port', message: "must be an integer, got the string '80'",
    })]);
  });

  test('fails on a value outside an enum (schema/enum)', () => {
    const spec = basic();
    spec.rules[0].matches = [{ method: 'FETCH' }];
    expect(only(validateObject(route(spec)), 'schema/enum')[0].message).toMatch(/^'FETCH' is not allowed; use one of: 'GET', 'HEAD', 'POST'/);
    expect(only(validateObject(route(spec)), 'schema/enum')[0].fix).toMatch(/^use one of: 'GET', 'HEAD', 'POST', .*'PATCH'$/);
  });

  test('fails on a pattern, explaining the valid form (schema/pattern)', () => {
    const spec = basic();
    spec.hostnames = ['API.example.com'];
    expect(only(validateObject(route(spec)), 'schema/pattern')).toEqual([expect.objectContaining({
      field: 'spec.hostnames[0]',
      message: expect.stringMatching(/^'API\.example\.com' is not valid: a hostname is lowercase letters/),
    })]);
  });

  test('patterns use RE2 (Go) semantics, where ^ and $ anchor the whole value', () => {
    // A JS RegExp with the 'm' flag would accept this; Go and RE2 do not.
    const spec = basic();
    spec.hostnames = ['a.example.com\nb.example.com'];
    expect(only(validateObject(route(spec)), 'schema/pattern')).toHaveLength(1);
  });

  test('fails on lengths, bounds and item counts', () => {
    const spec = basic();
    spec.parentRefs[0].name = '';
    spec.parentRefs[0].sectionName = 'x'.repeat(300);
    spec.rules[0].backendRefs[0].port = 70000;
    spec.rules[0].backendRefs[0].weight = -1;
    spec.hostnames = Array.from({ length: 17 }, (_, i) => `h${i}.example.com`);
    const codes = validateObject(route(spec)).map((d) => `${d.code} ${d.field} ${d.message}`);
    expect(codes).toEqual(expect.arrayContaining([
      'schema/min-length spec.parentRefs[0].name must not be empty',
      expect.stringMatching(/^schema\/max-length spec\.parentRefs\[0\]\.sectionName 'x+' is too long \(300 characters\); at most 253 are allowed$/),
      'schema/maximum spec.rules[0].backendRefs[0].port 70000 is too large; the maximum is 65535',
      'schema/minimum spec.rules[0].backendRefs[0].weight -1 is too small; the minimum is 0',
      'schema/max-items spec.hostnames has 17 items; at most 16 are allowed',
    ]));
  });

  test('fails on too many map entries (schema/max-properties)', () => {
    const gw = sink('Gateway');
    gw.spec.infrastructure.labels = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, 'v']));
    expect(only(validateObject(gw), 'schema/max-properties')[0].message).toBe('has 20 entries; at most 8 are allowed');
  });

  test('checks IP address formats, reporting the value once (schema/format)', () => {
    const gw = sink('Gateway');
    gw.spec.addresses[0].value = '10.0.0.300';
    expect(validateObject(gw).filter((d) => d.code.startsWith('schema/'))).toEqual([expect.objectContaining({
      code: 'schema/format', field: 'spec.addresses[0].value', message: "'10.0.0.300' is not a valid IPv4 address or IPv6 address",
    })]);
  });

  test('reports a value matching none, or more than one, of the allowed forms (schema/no-matching-form)', () => {
    // The v1.6.1 schemas only use oneOf/anyOf for address formats, so a small schema of our own shows the general case.
    const crd: any = {
      ...STANDARD_CRDS.HTTPRoute,
      schema: { type: 'object', properties: { spec: { type: 'object', oneOf: [{ required: ['a'] }, { required: ['b'] }], properties: { a: { type: 'string' }, b: { type: 'string' } } } } },
    };
    const none = validateSchema({ spec: {} }, crd, undefined);
    expect(none).toEqual([{
      code: 'schema/no-matching-form',
      severity: 'error',
      field: 'spec',
      message: "matches none of the allowed forms: spec.a: required field 'a' is missing; or spec.b: required field 'b' is missing",
    }]);
    expect(validateSchema({ spec: { a: 'x', b: 'y' } }, crd, undefined)[0].message).toBe('matches more than one of the allowed forms; make it match exactly one');
  });

  test('checks date-time values', () => {
    expect(isDateTime('2024-02-29T23:59:59Z')).toBe(true);
    expect(isDateTime('2023-02-29T00:00:00Z')).toBe(false);
    expect(isDateTime('2024-01-01 00:00:00')).toBe(false);
    const gw = sink('Gateway');
    gw.status.conditions = [{ type: 'Accepted', status: 'True', reason: 'Accepted', message: '', lastTransitionTime: 'yesterday' }];
    expect(only(validateObject(gw), 'schema/format')[0]).toEqual(expect.objectContaining({
      field: 'status.conditions[0].lastTransitionTime', message: "'yesterday' is not a valid RFC 3339 timestamp (e.g. 2024-01-02T03:04:05Z)",
    }));
  });

  test('fails on duplicate keys of a map list, e.g. two header matches with one name (schema/duplicate-key)', () => {
    const spec = basic();
    spec.rules[0].matches = [{ headers: [{ name: 'x-env', value: 'a' }, { name: 'x-user', value: 'b' }, { name: 'x-env', value: 'c' }] }];
    expect(only(validateObject(route(spec)), 'schema/duplicate-key')).toEqual([expect.objectContaining({
      field: 'spec.rules[0].matches[0].headers[2]',
      message: "items 0 and 2 have the same name 'x-env'; each name may appear only once in this list",
    })]);
  });

  test('fails on a repeated value of a set list (schema/duplicate-item)', () => {
    const spec = basic();
    spec.rules[0].filters = [{ type: 'ResponseHeaderModifier', responseHeaderModifier: { remove: ['x-a', 'x-a'] } }];
    expect(only(validateObject(route(spec)), 'schema/duplicate-item')).toEqual([expect.objectContaining({
      field: 'spec.rules[0].filters[0].responseHeaderModifier.remove[1]',
      message: "'x-a' appears twice (items 0 and 1); this list is a set and holds each value once",
    })]);
  });

  test('warns about null fields, which the API server drops (schema/null-value)', () => {
    const spec = basic();
    spec.hostnames = null;
    expect(validateObject(route(spec))).toEqual([expect.objectContaining({
      code: 'schema/null-value', severity: 'warning', field: 'spec.hostnames',
    })]);
  });

  test('the source is copied into every diagnostic', () => {
    const spec = basic();
    delete spec.parentRefs[0].name;
    expect(validateObject(route(spec), { source: 'routes.yaml#3' })[0].source).toBe('routes.yaml#3');
  });
});

describe('a schema pattern runs RE2 once per string it tests', () => {
  function runs(test: () => void): number {
    resetWorkCounters();
    test();
    return snapshotWorkCounters().schemaPatternRuns;
  }

  test('a repeated string is answered from the pattern\'s results, matching or not', () => {
    const engine = re2Engine('^[a-z]+$');
    expect(runs(() => expect([engine.test('abc'), engine.test('abc'), engine.test('abc')]).toEqual([true, true, true]))).toBe(1);
    expect(runs(() => expect([engine.test('ABC'), engine.test('ABC')]).toEqual([false, false]))).toBe(1);
    // another pattern keeps its own results
    const other = re2Engine('^[A-Z]+$');
    expect(runs(() => expect([other.test('ABC'), other.test('abc')]).toEqual([true, false]))).toBe(2);
  });

  test('the results are forgotten at 1,000 strings: a string is run again after that', () => {
    for (const others of [998, 999]) {
      // GIVEN 'x' tested, then `others` other strings (the map holds 'x' and the others: 999 or 1,000)
      const engine = re2Engine('^[a-z0-9-]+$');
      engine.test('x');
      for (let i = 0; i < others; i++) engine.test(`s-${i}`);
      // WHEN one more string comes (which finds the map full at 1,000 and clears it), then 'x' again
      engine.test('last');
      // THEN with 998 others 'x' is still known; with 999 the map was cleared before 'last'
      expect(runs(() => expect(engine.test('x')).toBe(true))).toBe(others === 998 ? 0 : 1);
    }
  });
});
