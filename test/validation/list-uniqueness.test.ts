/**
 * The uniqueness the CRDs' `x-kubernetes-list-type` markers demand, and the
 * walk that looks for it: every marked list is checked, wherever it is, and
 * only the parts of an object whose schema has a marked list at or below
 * them are visited (counted, not timed).
 */
import { validateObject } from '../../src/validation';
import { checkListUniqueness } from '../../src/validation/list-uniqueness';
import type { SchemaNode } from '../../src/validation/structural-schema';
import { resetWorkCounters, snapshotWorkCounters } from '../../src/validation/work-counters';

function route(spec: any): any {
  return { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'apps' }, spec };
}

const backend = (name: string, filters?: unknown[]): any => ({ name, port: 80, ...(filters ? { filters } : {}) });

function duplicates(obj: unknown): Array<[string, string | undefined]> {
  return validateObject(obj).filter((d) => d.code.startsWith('schema/duplicate-')).map((d) => [d.code, d.field]);
}

describe('every marked list is checked', () => {
  test('duplicates in several places of one route: each found at its own field, none elsewhere', () => {
    // GIVEN: a clean rule, then a rule whose second backend's filter sets a header twice and whose match repeats a query param
    const spec = {
      parentRefs: [{ name: 'gw' }],
      rules: [
        { backendRefs: [backend('a'), backend('b', [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-a', value: '1' }, { name: 'x-b', value: '2' }] } }])] },
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' } }, { queryParams: [{ name: 'q', value: '1' }, { name: 'q', value: '2' }] }],
          backendRefs: [backend('c'), backend('d', [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x-a', value: '1' }, { name: 'x-a', value: '2' }], remove: ['x-c', 'x-d', 'x-c'] } }])],
        },
      ],
    };
    // WHEN / THEN
    expect(duplicates(route(spec))).toEqual([
      ['schema/duplicate-key', 'spec.rules[1].matches[1].queryParams[1]'],
      ['schema/duplicate-key', 'spec.rules[1].backendRefs[1].filters[0].requestHeaderModifier.set[1]'],
      ['schema/duplicate-item', 'spec.rules[1].backendRefs[1].filters[0].requestHeaderModifier.remove[2]'],
    ]);
  });

  test('the same names in different lists are no duplicates', () => {
    const spec = {
      parentRefs: [{ name: 'gw' }],
      rules: [
        { matches: [{ headers: [{ name: 'x-a', value: '1' }] }, { headers: [{ name: 'x-a', value: '1' }] }], backendRefs: [backend('a')] },
      ],
    };
    expect(duplicates(route(spec))).toEqual([]);
  });

  test('a marked list under a map (additionalProperties) is checked too', () => {
    // GIVEN a schema of a map whose values are sets
    const schema: SchemaNode = { type: 'object', additionalProperties: { 'type': 'array', 'items': { type: 'string' }, 'x-kubernetes-list-type': 'set' } } as SchemaNode;
    // WHEN / THEN
    expect(checkListUniqueness({ a: ['x', 'y'], b: ['x', 'y', 'x'] }, schema, undefined).map((d) => [d.code, d.field, d.message])).toEqual([
      ['schema/duplicate-item', 'b[2]', "'x' appears twice (items 0 and 2); this list is a set and holds each value once"],
    ]);
    expect(checkListUniqueness({ a: ['x', 'y'] }, schema, undefined)).toEqual([]);
  });

  test('a schema without a marked list finds nothing, whatever the value repeats', () => {
    const schema: SchemaNode = { type: 'object', properties: { l: { type: 'array', items: { type: 'string' } } } } as SchemaNode;
    resetWorkCounters();
    expect(checkListUniqueness({ l: ['x', 'x'] }, schema, undefined)).toEqual([]);
    expect(snapshotWorkCounters().listPlacesVisited).toBe(0);
  });
});

describe('only the parts of an object with a marked list below them are visited', () => {
  function visits(obj: unknown): number {
    resetWorkCounters();
    validateObject(obj);
    return snapshotWorkCounters().listPlacesVisited;
  }

  test('hostnames, parents, labels and backends without filters cost nothing more', () => {
    // GIVEN one route with one of each, and one with 16 hostnames, 32 parents and 50 labels
    const small = route({ parentRefs: [{ name: 'gw' }], hostnames: ['a.example.com'], rules: [{ backendRefs: [backend('a')] }] });
    const big = route({
      parentRefs: Array.from({ length: 32 }, (_, i) => ({ name: 'gw', sectionName: `l${i}` })),
      hostnames: Array.from({ length: 16 }, (_, i) => `h${i}.example.com`),
      rules: [{ backendRefs: [backend('a')] }],
    });
    big.metadata.labels = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    // WHEN / THEN: the object, spec, rules, rules[0], its defaulted matches and matches[0] (a match may have
    // headers), its backendRefs and backendRefs[0] (a backend may have filters)
    expect(visits(small)).toBe(8);
    expect(visits(big)).toBe(8);
  });

  test('each backend is visited (it may have filters), and the places of its filters', () => {
    const one = route({ parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [backend('a')] }] });
    const three = route({ parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [backend('a'), backend('b'), backend('c', [{ type: 'RequestHeaderModifier', requestHeaderModifier: { remove: ['x-a'] } }])] }] });
    // the two more backends, backendRefs[2]'s filters list, its filter, the modifier and its remove list
    expect(visits(three) - visits(one)).toBe(2 + 4);
  });
});

describe('only lists of two items or more have their items keyed', () => {
  function keyed(headers: unknown[]): { keyed: number; duplicates: Array<[string, string | undefined]> } {
    const obj = route({ parentRefs: [{ name: 'gw' }], rules: [{ matches: [{ headers }], backendRefs: [backend('a')] }] });
    resetWorkCounters();
    const found = duplicates(obj);
    return { keyed: snapshotWorkCounters().listItemsKeyed, duplicates: found };
  }

  test('a match with one header keys none; with two, both (and a repeated name is still found)', () => {
    expect(keyed([])).toEqual({ keyed: 0, duplicates: [] });
    expect(keyed([{ name: 'x-a', value: '1' }])).toEqual({ keyed: 0, duplicates: [] });
    expect(keyed([{ name: 'x-a', value: '1' }, { name: 'x-b', value: '2' }])).toEqual({ keyed: 2, duplicates: [] });
    expect(keyed([{ name: 'x-a', value: '1' }, { name: 'x-a', value: '2' }]))
      .toEqual({ keyed: 2, duplicates: [['schema/duplicate-key', 'spec.rules[0].matches[0].headers[1]']] });
  });
});

describe('the diagnostics, in full', () => {
  const object = { kind: 'HTTPRoute', namespace: 'apps', name: 'r' };

  test('a map list with two keys names both keys and their values, the item it repeats and the fix', () => {
    const schema = {
      'type': 'array',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name', 'port'],
      'items': { type: 'object', properties: { name: { type: 'string' }, port: { type: 'integer' } } },
    } as unknown as SchemaNode;
    const value = [{ name: 'a', port: 80 }, { name: 'a', port: 81 }, { name: 'a', port: 80, extra: true }];
    expect(checkListUniqueness(value, schema, object)).toEqual([{
      code: 'schema/duplicate-key',
      severity: 'error',
      message: "items 0 and 2 have the same name 'a' and port 80; each name + port may appear only once in this list",
      fix: 'remove item 2 (it repeats item 0), or change it',
      object,
      field: '[2]',
    }]);
  });

  test('a set of numbers shows them as numbers; without an object the diagnostic names none', () => {
    const schema = { 'type': 'array', 'x-kubernetes-list-type': 'set', 'items': { type: 'integer' } } as unknown as SchemaNode;
    const found = checkListUniqueness([1, 2, 1], schema, undefined);
    expect(found).toEqual([{
      code: 'schema/duplicate-item',
      severity: 'error',
      message: '1 appears twice (items 0 and 2); this list is a set and holds each value once',
      fix: 'remove item 2 (it repeats item 0), or change it',
      field: '[2]',
    }]);
    expect(found[0]).not.toHaveProperty('object');
  });

  test('a null where an object with marked lists belongs is no duplicate and no crash', () => {
    expect(duplicates(route({ parentRefs: [{ name: 'gw' }], rules: [null, { backendRefs: [backend('a')] }] }))).toEqual([]);
    const schema = { type: 'object', properties: { l: { 'type': 'array', 'x-kubernetes-list-type': 'set', 'items': { type: 'string' } } } } as unknown as SchemaNode;
    expect(checkListUniqueness(null, schema, undefined)).toEqual([]);
    expect(checkListUniqueness('text', schema, undefined)).toEqual([]);
  });
});
