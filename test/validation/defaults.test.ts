import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { applyDefaults } from '../../src/validation';
import { crdFor } from '../../src/validation/crd-data';
import { copyWithDefaults, defaultNode, defaultObject, type PrunedNull } from '../../src/validation/defaults';
import { cloneJson } from '../../src/validation/json-clone';
import type { SchemaNode } from '../../src/validation/structural-schema';
import { resetWorkCounters, snapshotWorkCounters } from '../../src/validation/work-counters';
import { describeWithShared } from '../support/shared';

describe('applyDefaults', () => {
  test('fills absent properties at every depth, including inside array items and defaulted values', () => {
    // GIVEN an HTTPRoute with a rule without matches and a bare parentRef and backendRef
    const input = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'r' },
      spec: { parentRefs: [{ name: 'gw' }], rules: [{ backendRefs: [{ name: 'api', port: 80 }] }, { matches: [{ headers: [{ name: 'x', value: 'y' }] }] }] },
    };
    // WHEN defaulted
    const out: any = applyDefaults(input);
    // THEN the API server's defaults are there, and the input is untouched
    expect(out.spec.parentRefs[0]).toEqual({ name: 'gw', group: 'gateway.networking.k8s.io', kind: 'Gateway' });
    expect(out.spec.rules[0].matches).toEqual([{ path: { type: 'PathPrefix', value: '/' } }]);
    expect(out.spec.rules[0].backendRefs[0]).toEqual({ name: 'api', port: 80, group: '', kind: 'Service', weight: 1 });
    expect(out.spec.rules[1].matches[0]).toEqual({ headers: [{ name: 'x', value: 'y', type: 'Exact' }], path: { type: 'PathPrefix', value: '/' } });
    expect(input.spec.rules[0]).toEqual({ backendRefs: [{ name: 'api', port: 80 }] });
  });

  test('an absent spec.rules gets the default rule, and given values are kept', () => {
    const out: any = applyDefaults({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r' }, spec: { parentRefs: [{ name: 'gw', kind: 'ListenerSet' }] } });
    expect(out.spec.rules).toEqual([{ matches: [{ path: { type: 'PathPrefix', value: '/' } }] }]);
    expect(out.spec.parentRefs[0].kind).toBe('ListenerSet');
  });

  test('Gateway listeners get allowedRoutes Same, and TLS mode Terminate', () => {
    const out: any = applyDefaults({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'g' },
      spec: { gatewayClassName: 'c', listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'cert' }] } }] },
    });
    expect(out.spec.listeners[0].allowedRoutes).toEqual({ namespaces: { from: 'Same' } });
    expect(out.spec.listeners[0].tls.mode).toBe('Terminate');
    expect(out.spec.listeners[0].tls.certificateRefs[0]).toEqual({ name: 'cert', group: '', kind: 'Secret' });
  });

  test('a Gateway without status gets the initial status the CRD defines', () => {
    const out: any = applyDefaults({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'g' }, spec: { gatewayClassName: 'c', listeners: [] } });
    expect(out.status.conditions.map((c: any) => `${c.type}=${c.status}/${c.reason}`)).toEqual(['Accepted=Unknown/Pending', 'Programmed=Unknown/Pending']);
  });

  test('null fields are dropped and then defaulted', () => {
    const out: any = applyDefaults({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r' }, spec: { parentRefs: [{ name: 'gw', kind: null }], hostnames: null } });
    expect(out.spec.parentRefs[0].kind).toBe('Gateway');
    expect('hostnames' in out.spec).toBe(false);
  });

  test('objects of other kinds come back as an unchanged copy', () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } };
    const out = applyDefaults(svc);
    expect(out).toEqual(svc);
    expect(out).not.toBe(svc);
    expect(applyDefaults('text')).toBe('text');
  });

  test('the experimental channel applies its own defaults', () => {
    const obj = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r' }, spec: { rules: [{ sessionPersistence: { sessionName: 's' } }] } };
    const out: any = applyDefaults(obj, { channel: 'experimental' });
    expect(out.spec.rules[0].sessionPersistence.type).toBe('Cookie');
  });
});

describe('pruned nulls say whether a default replaces them', () => {
  const route = (spec: unknown): unknown => ({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r' }, spec });
  const spec = { hostnames: null, parentRefs: [{ name: 'gw', kind: null }] };
  const expected: PrunedNull[] = [{ field: 'spec.hostnames', defaulted: false }, { field: 'spec.parentRefs[0].kind', defaulted: true }];

  test('copying (defaultObject): a field without a default is not defaulted, one with a default is', () => {
    expect(defaultObject(route(spec)).prunedNulls).toEqual(expected);
  });

  test('in place (defaultNode): the same', () => {
    const value = structuredClone(route(spec));
    const pruned: PrunedNull[] = [];
    defaultNode(value, crdFor('HTTPRoute')!.schema as SchemaNode, [], pruned);
    expect(pruned).toEqual(expected);
  });
});

/** Defaulting done the plain way, as the one-walk copy must give it: a copy, then the defaults applied to it in place. */
function reference(obj: unknown, channel: 'standard' | 'experimental'): { value: unknown; prunedNulls: PrunedNull[] } {
  const copy = cloneJson(obj);
  const prunedNulls: PrunedNull[] = [];
  const kind = (obj as { kind?: unknown }).kind;
  const crd = typeof kind === 'string' ? crdFor(kind, { channel }) : undefined;
  if (crd) defaultNode(copy, crd.schema as SchemaNode, [], prunedNulls);
  return { value: copy, prunedNulls };
}

/** `obj` with the value at each place, in turn, replaced by null (one copy per place, at most `limit`). */
function withNulls(obj: unknown, limit: number): unknown[] {
  const out: unknown[] = [];
  const visit = (path: Array<string | number>, v: unknown) => {
    if (out.length >= limit) return;
    if (path.length > 0) {
      const copy = structuredClone(obj) as any;
      let at = copy;
      for (const p of path.slice(0, -1)) at = at[p];
      at[path[path.length - 1]] = null;
      out.push(copy);
    }
    if (v !== null && typeof v === 'object') for (const [k, c] of Object.entries(v)) visit([...path, Array.isArray(v) ? Number(k) : k], c);
  };
  visit([], obj);
  return out;
}

/** Copies of `obj` with every third place (from `offset`) null, at every depth: several pruned fields per object. */
function withManyNulls(obj: unknown): unknown[] {
  return [0, 1, 2].map((offset) => {
    let n = 0;
    const visit = (v: unknown): unknown => {
      if (v === null || typeof v !== 'object') return v;
      const out: any = Array.isArray(v) ? [] : {};
      for (const [k, c] of Object.entries(v)) out[k] = n++ % 3 === offset ? null : visit(c);
      return out;
    };
    return visit(obj);
  });
}

describeWithShared('defaulting in one walk gives what a copy then defaults in place give', (shared) => {
  const dir = path.join(shared, 'conformance', 'manifests');
  const objects = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()
    .flatMap((f) => YAML.parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJSON()))
    .filter((o) => o && typeof o === 'object' && String(o.apiVersion).startsWith('gateway.networking.k8s.io/'));

  test.each(['standard', 'experimental'] as const)('every Gateway API object of the conformance manifests, and copies with nulls (%s channel)', (channel) => {
    expect(objects.length).toBeGreaterThan(200);
    let compared = 0;
    let pruned = 0;
    let several = 0;
    for (const obj of objects) {
      for (const o of [obj, ...withNulls(obj, 40), ...withManyNulls(obj)]) {
        const got = defaultObject(o, { channel });
        const want = reference(o, channel);
        // the same keys in the same order, and the same pruned fields in the same order
        expect(JSON.stringify(got.value)).toBe(JSON.stringify(want.value));
        expect(got.prunedNulls).toEqual(want.prunedNulls);
        compared++;
        pruned += got.prunedNulls.length;
        if (got.prunedNulls.length > 1) several++;
      }
    }
    expect(compared).toBeGreaterThan(5000);
    expect(pruned).toBeGreaterThan(1000);
    expect(several).toBeGreaterThan(300);
  });

  test('the input is never changed, nulls included', () => {
    for (const obj of objects.slice(0, 50)) {
      for (const o of withNulls(obj, 10)) {
        const before = JSON.stringify(o);
        defaultObject(o, { channel: 'experimental' });
        expect(JSON.stringify(o)).toBe(before);
      }
    }
  });
});

describe('applyDefaults on unusual input', () => {
  const httpRoute = (spec: Record<string, unknown>, kind: unknown = 'HTTPRoute'): Record<string, unknown> =>
    ({ apiVersion: 'gateway.networking.k8s.io/v1', kind, metadata: { name: 'r' }, spec });

  test('non-objects come back as they are, without throwing', () => {
    expect(applyDefaults(null)).toBeNull();
    expect(applyDefaults(undefined)).toBeUndefined();
    expect(applyDefaults(42)).toBe(42);
  });

  test('an object whose kind is not a string is not defaulted, even when it reads as a kind once turned into text', () => {
    // GIVEN kind ['HTTPRoute'] (which String() turns into 'HTTPRoute')
    const obj = httpRoute({ parentRefs: [{ name: 'gw' }] }, ['HTTPRoute']);
    // WHEN / THEN: an unchanged copy, no defaults
    const out: any = applyDefaults(obj);
    expect(out).toEqual(obj);
    expect(out.spec.parentRefs[0]).toEqual({ name: 'gw' });
    // and the same object with a string kind is defaulted
    expect((applyDefaults(httpRoute({ parentRefs: [{ name: 'gw' }] })) as any).spec.parentRefs[0].kind).toBe('Gateway');
  });

  test('a property given as undefined is defaulted like an absent one, and one without a default stays undefined', () => {
    const out: any = applyDefaults(httpRoute({ parentRefs: [{ name: 'gw', kind: undefined }], hostnames: undefined }));
    expect(out.spec.parentRefs[0].kind).toBe('Gateway');
    expect(out.spec.hostnames).toBeUndefined();
  });

  test('a Date where an object is expected stays a Date (copied, not the same one), with the defaults set on it', () => {
    // GIVEN a parentRef that is a Date (not JSON: a program built the object)
    const when = new Date(0);
    const out: any = applyDefaults(httpRoute({ parentRefs: [when] }));
    // THEN it is copied as structuredClone copies it, then defaulted in place
    // (structuredClone makes it in the Node realm, not jest's: compare the tag, not the constructor)
    expect(Object.prototype.toString.call(out.spec.parentRefs[0])).toBe('[object Date]');
    expect(out.spec.parentRefs[0]).not.toBe(when);
    expect(out.spec.parentRefs[0].getTime()).toBe(0);
    expect(out.spec.parentRefs[0].kind).toBe('Gateway');
    expect((when as any).kind).toBeUndefined();
  });
});

describe('defaultNode (older served versions)', () => {
  const schema = (): SchemaNode => ({
    type: 'object',
    properties: {
      plain: { type: 'string' },
      mode: { type: 'string', default: 'Terminate' },
      opts: { type: 'object', default: { a: 1 } },
    },
    additionalProperties: { type: 'string', default: 'x' },
  } as unknown as SchemaNode);

  test('absent properties with a default get it; those without one stay absent (no key)', () => {
    const value: any = { other: 'kept' };
    defaultNode(value, schema(), [], []);
    expect(Object.keys(value)).toEqual(['other', 'mode', 'opts']);
    expect(value).toEqual({ other: 'kept', mode: 'Terminate', opts: { a: 1 } });
  });

  test('an object default is a copy: changing one defaulted value changes neither the schema nor the next one', () => {
    const s = schema();
    const first: any = {};
    const second: any = {};
    defaultNode(first, s, [], []);
    first.opts.a = 2;
    defaultNode(second, s, [], []);
    expect(second.opts).toEqual({ a: 1 });
    expect((s.properties as any).opts.default).toEqual({ a: 1 });
    expect(first.opts).not.toBe((s.properties as any).opts.default);
  });

  test('a null map value is pruned and reported as not defaulted (map values get no defaults); a null property with a default is', () => {
    const value: any = { mode: null, extra: null };
    const pruned: PrunedNull[] = [];
    defaultNode(value, schema(), ['spec'], pruned);
    expect(pruned).toEqual([{ field: 'spec.mode', defaulted: true }, { field: 'spec.extra', defaulted: false }]);
    expect(value).toEqual({ mode: 'Terminate', opts: { a: 1 } });
  });

  test('without a schema the value is left as it is', () => {
    const value = { a: [1, { b: null }] };
    expect(() => defaultNode(value, undefined, [], [])).not.toThrow();
    expect(() => defaultNode([value], undefined, [], [])).not.toThrow();
    expect(value).toEqual({ a: [1, { b: null }] });
  });
});

describe('only the properties that have a default are looked at', () => {
  /** A schema of 12 properties, one of which (`d`) has a default, for an object and for a list of them. */
  const props: Record<string, SchemaNode> = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i}`, { type: 'string' } as SchemaNode]));
  const item = { type: 'object', properties: { ...props, d: { type: 'string', default: 'x' } } } as SchemaNode;
  const schema = { type: 'object', properties: { items: { type: 'array', items: item } } } as SchemaNode;

  function checked(run: () => void): number {
    resetWorkCounters();
    run();
    return snapshotWorkCounters().defaultPropertiesChecked;
  }

  test('one per object reached, whatever the number of properties without one (both walks)', () => {
    const value = { items: [{ p0: 'a' }, { p1: 'b', d: 'given' }, {}] };
    const expected = { items: [{ p0: 'a', d: 'x' }, { p1: 'b', d: 'given' }, { d: 'x' }] };
    // the copying walk (validation's) and the in-place walk (older served versions): 3 items, 1 default each
    let copied: unknown;
    expect(checked(() => { copied = copyWithDefaults(value, schema, [], []); })).toBe(3);
    const inPlace = cloneJson(value);
    expect(checked(() => defaultNode(inPlace, schema, [], []))).toBe(3);
    // and the defaults are applied where absent, the given value kept, in both
    expect(copied).toEqual(expected);
    expect(inPlace).toEqual(expected);
  });
});
