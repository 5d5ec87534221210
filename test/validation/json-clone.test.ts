import { cloneJson, isJsonData } from '../../src/validation/json-clone';

describe('cloneJson', () => {
  test('copies nested objects and arrays: equal, but sharing nothing with the original', () => {
    // GIVEN
    const original = { kind: 'HTTPRoute', spec: { rules: [{ matches: [{ path: { type: 'Exact', value: '/' } }], weight: 0 }], flag: false, none: null } };
    // WHEN
    const copy = cloneJson(original);
    // THEN
    expect(copy).toEqual(original);
    expect(copy.spec).not.toBe(original.spec);
    expect(copy.spec.rules[0].matches[0]).not.toBe(original.spec.rules[0].matches[0]);
    copy.spec.rules[0].matches[0].path.value = '/changed';
    expect(original.spec.rules[0].matches[0].path.value).toBe('/');
  });

  test('keeps properties whose value is undefined, as structuredClone does', () => {
    const copy = cloneJson({ a: undefined, b: [undefined, 1] });
    expect(Object.keys(copy)).toEqual(['a', 'b']);
    expect(copy.b).toEqual([undefined, 1]);
  });

  test('copies values that are not plain JSON with structuredClone', () => {
    // GIVEN
    const when = new Date('2024-01-02T03:04:05Z');
    // WHEN
    const copy = cloneJson({ when, map: new Map([['k', 1]]) });
    // THEN
    expect(copy.when).toEqual(when);
    expect(copy.when).not.toBe(when);
    expect(copy.map.get('k')).toBe(1);
  });

  test('returns primitives as they are', () => {
    expect([cloneJson('x'), cloneJson(3), cloneJson(null), cloneJson(true)]).toEqual(['x', 3, null, true]);
  });
});

describe('isJsonData', () => {
  test('plain objects, arrays, strings, booleans, null and finite numbers are JSON data, at any depth', () => {
    expect(isJsonData({ a: [1, 'x', true, false, null, { b: [0, -1.5, 1e300] }], c: {} })).toBe(true);
    expect(isJsonData([])).toBe(true);
    expect(isJsonData(null)).toBe(true);
    expect(isJsonData('')).toBe(true);
    expect(isJsonData(0)).toBe(true);
  });

  test.each([
    ['undefined at the top', undefined],
    ['a property whose value is undefined', { a: { b: undefined } }],
    ['undefined in an array', [1, undefined]],
    ['a hole in an array', [1, , 3]], // eslint-disable-line no-sparse-arrays
    ['NaN', { port: NaN }],
    ['Infinity', [Infinity]],
    ['-Infinity', [-Infinity]],
    ['-0 (JSON writes it as 0)', { weight: -0 }],
    ['a Date', { when: new Date(0) }],
    ['a Map', [new Map()]],
    ['a class instance', { x: new (class Thing {})() }],
    ['an object without a prototype', { x: Object.create(null) }],
    ['a function', { f: () => 1 }],
    ['a symbol', [Symbol('s')]],
    ['a bigint', { n: BigInt(1) }],
  ])('%s is not JSON data', (_what, value) => {
    expect(isJsonData(value)).toBe(false);
  });

  test('a value that is not JSON data is found after JSON data at the same level (every element and key is checked)', () => {
    expect(isJsonData([1, 2, 3, undefined])).toBe(false);
    expect(isJsonData({ a: 1, b: 2, c: { d: 'x', e: NaN } })).toBe(false);
  });
});
