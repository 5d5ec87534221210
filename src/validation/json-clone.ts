/**
 * A deep copy of JSON-shaped data (plain objects, arrays, strings, numbers,
 * booleans, null), several times faster than `structuredClone` on the small
 * objects manifests are made of. Anything else found inside (a Date, a Map,
 * a class instance) is copied with `structuredClone`; `undefined` property
 * values are kept, as `structuredClone` keeps them. Unlike `structuredClone`,
 * an object reached twice is copied twice (parsed manifests share nothing)
 * and a cycle is not supported (JSON cannot express one).
 */
export function cloneJson<T>(value: T): T {
  return copy(value) as T;
}

function copy(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i]);
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copy((value as Record<string, unknown>)[key]);
  return out;
}

/**
 * Whether `value` is JSON data whose JSON text parses back to an equal value
 * with the same shape: plain objects (prototype `Object.prototype`) and arrays
 * without holes, holding strings, booleans, null and finite numbers other
 * than -0. `undefined` anywhere, a Date, a Map, a class instance, an object
 * without a prototype, a function, a symbol or a bigint make it false (the
 * JSON round trip would drop, convert or refuse them).
 */
export function isJsonData(value: unknown): boolean {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object':
      break;
    default:
      return false;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value) || !isJsonData(value[i])) return false;
    }
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key of Object.keys(value as object)) {
    if (!isJsonData((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}
