import { cloneJson } from '../../src/validation/json-clone';

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
