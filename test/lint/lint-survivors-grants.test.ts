// Mutation survivors of src/lint/reference-grant-usage.ts: whole diagnostics of both grant checks, which
// from/to entries one grant must hold to cover another (every entry of the other, each field of the entry),
// grants of other namespaces, same-namespace references, and grants without from, to or spec. The
// redundancy check is also run on its own, since lintManifests leaves out redundant grants that are unused.
import { lintManifests } from '../../src/lint';
import { checkRedundantGrants } from '../../src/lint/reference-grant-usage';
import { parseManifests } from '../../src/validation';
import { indexManifests } from '../../src/validation/manifest-index';

const read = (yaml: string) => {
  const r = parseManifests(yaml, 'in.yaml');
  expect(r.diagnostics).toEqual([]);
  return r.items;
};
const lint = (yaml: string) => lintManifests(read(yaml));
const redundant = (yaml: string) => checkRedundantGrants(indexManifests(read(yaml), {})).map((d) => [d.object?.name, d.fix]);

const ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: apps }
spec:
  rules: [{ backendRefs: [{ name: db, namespace: data, port: 5432 }, { name: cache, namespace: data, port: 6379 }] }]
`;
const HTTP_FROM = '{ group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: apps }';
const grant = (name: string, from: string[], to: string[], ns = 'data') => `---
apiVersion: gateway.networking.k8s.io/v1
kind: ReferenceGrant
metadata: { name: ${name}, namespace: ${ns} }
spec:
  from: [${from.join(', ')}]
  to: [${to.join(', ')}]
`;
const SVC = "{ group: '', kind: Service }";
const DB = "{ group: '', kind: Service, name: db }";

describe('lint/reference-grant-unused, whole diagnostics', () => {
  test('an unused grant lists every from entry and every to entry, named or not, and the references into its namespace', () => {
    const found = lint(ROUTE + grant('g', ['{ group: gateway.networking.k8s.io, kind: GRPCRoute, namespace: apps }', '{ group: gateway.networking.k8s.io, kind: TLSRoute, namespace: edge }'], [DB, "{ group: '', kind: Secret }"]));
    expect(found).toEqual([{
      code: 'lint/reference-grant-unused',
      severity: 'warning',
      message: 'no reference among the objects uses this grant (it lets GRPCRoute in apps, TLSRoute in edge reference Service db, Secret in data); '
        + 'the references into data are HTTPRoute apps/web → Service data/db, HTTPRoute apps/web → Service data/cache, which it does not match; fix its from/to entries, or delete it',
      fix: 'fix its from/to entries, or delete it',
      object: { kind: 'ReferenceGrant', namespace: 'data', name: 'g' },
      source: 'in.yaml#1',
    }]);
  });

  test('a reference inside one namespace needs no grant, so a grant for it is unused', () => {
    const local = `---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: local, namespace: apps }
spec:
  rules: [{ backendRefs: [{ name: db, port: 5432 }] }]
`;
    const found = lint(local + grant('self', [HTTP_FROM], [SVC], 'apps'));
    expect(found.map((d) => [d.code, d.object?.name])).toEqual([['lint/reference-grant-unused', 'self']]);
    expect(found[0].message).toContain('nothing among the objects references apps from another namespace');
  });

  test('a grant without from and to entries, or without spec, lets nothing reference nothing', () => {
    const bare = (name: string, spec: string) => `---
apiVersion: gateway.networking.k8s.io/v1
kind: ReferenceGrant
metadata: { name: ${name}, namespace: data }
${spec}`;
    const found = lint(ROUTE + grant('db', [HTTP_FROM], [SVC]) + bare('empty', 'spec: {}\n') + bare('none', '') + bare('nul', 'spec: null\n'));
    expect(found.map((d) => [d.object?.name, d.message.split(';')[0]])).toEqual([
      ['empty', 'no reference among the objects uses this grant (it lets nothing reference nothing in data)'],
      ['none', 'no reference among the objects uses this grant (it lets nothing reference nothing in data)'],
      ['nul', 'no reference among the objects uses this grant (it lets nothing reference nothing in data)'],
    ]);
  });
});

describe('lint/reference-grant-redundant, whole diagnostics', () => {
  test('of two identical named grants the later is reported, with its source', () => {
    const found = lint(ROUTE + grant('first', [HTTP_FROM], [DB]) + grant('second', [HTTP_FROM], [DB]));
    expect(found).toEqual([{
      code: 'lint/reference-grant-redundant',
      severity: 'warning',
      message: 'every reference this grant permits is already permitted by ReferenceGrant data/first (in.yaml#1); delete one of them, so that one grant states what data allows',
      fix: 'delete this grant or ReferenceGrant data/first',
      object: { kind: 'ReferenceGrant', namespace: 'data', name: 'second' },
      source: 'in.yaml#2',
    }]);
  });

  test('identical grants in two namespaces do not cover each other', () => {
    const both = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: apps }
spec:
  rules: [{ backendRefs: [{ name: db, namespace: data, port: 5432 }, { name: db, namespace: cache, port: 5432 }] }]
`;
    expect(lint(both + grant('db', [HTTP_FROM], [SVC]) + grant('db', [HTTP_FROM], [SVC], 'cache'))).toEqual([]);
  });
});

describe('lintManifests: an unused grant is not also reported redundant', () => {
  test('of two identical unused grants, both are unused and neither is redundant; a used pair keeps its redundant one', () => {
    const unusedPair = lint(ROUTE + grant('x', [HTTP_FROM], ["{ group: '', kind: Secret }"]) + grant('y', [HTTP_FROM], ["{ group: '', kind: Secret }"]));
    expect(unusedPair.map((d) => [d.code, d.object?.name])).toEqual([['lint/reference-grant-unused', 'x'], ['lint/reference-grant-unused', 'y']]);
    const usedPair = lint(ROUTE + grant('x', [HTTP_FROM], [SVC]) + grant('y', [HTTP_FROM], [SVC]));
    expect(usedPair.map((d) => [d.code, d.object?.name])).toEqual([['lint/reference-grant-redundant', 'y']]);
  });
});

describe('which grant covers which (checkRedundantGrants on its own)', () => {
  const OTHER_FROM = '{ group: gateway.networking.k8s.io, kind: GRPCRoute, namespace: apps }';

  test('a grant without from entries, or without to entries, is covered by none', () => {
    expect(redundant(grant('full', [HTTP_FROM], [SVC]) + grant('nofrom', [], [SVC]))).toEqual([]);
    expect(redundant(grant('full', [HTTP_FROM], [SVC]) + grant('noto', [HTTP_FROM], []))).toEqual([]);
    expect(redundant(grant('full', [HTTP_FROM], [SVC]) + grant('neither', [], []))).toEqual([]);
  });

  test('every from entry of the covered grant must be in the covering one; one more from entry is enough', () => {
    expect(redundant(grant('one', [HTTP_FROM], [SVC]) + grant('two', [HTTP_FROM, OTHER_FROM], [SVC]))).toEqual([['one', 'delete this grant or ReferenceGrant data/two']]);
  });

  test('every to entry of the covered grant must be in the covering one; one more to entry is enough', () => {
    const SECRET = "{ group: '', kind: Secret }";
    expect(redundant(grant('one', [HTTP_FROM], [SVC]) + grant('two', [HTTP_FROM], [SVC, SECRET]))).toEqual([['one', 'delete this grant or ReferenceGrant data/two']]);
  });

  test('a from entry of another group, another kind, or both, does not cover', () => {
    expect(redundant(grant('a', [HTTP_FROM], [SVC]) + grant('b', ['{ group: example.io, kind: HTTPRoute, namespace: apps }'], [SVC]))).toEqual([]);
    expect(redundant(grant('a', [HTTP_FROM], [SVC]) + grant('b', [OTHER_FROM], [SVC]))).toEqual([]);
    expect(redundant(grant('a', [HTTP_FROM], [SVC]) + grant('b', ['{ group: example.io, kind: GRPCRoute, namespace: apps }'], [SVC]))).toEqual([]);
  });

  test('a to entry of another group, another kind, or another name does not cover; an unnamed one covers a named one', () => {
    expect(redundant(grant('a', [HTTP_FROM], [SVC]) + grant('b', [HTTP_FROM], ['{ group: example.io, kind: Service }']))).toEqual([]);
    expect(redundant(grant('a', [HTTP_FROM], [SVC]) + grant('b', [HTTP_FROM], ["{ group: '', kind: Secret }"]))).toEqual([]);
    expect(redundant(grant('a', [HTTP_FROM], [DB]) + grant('b', [HTTP_FROM], ["{ group: '', kind: Service, name: cache }"]))).toEqual([]);
    expect(redundant(grant('named', [HTTP_FROM], [DB]) + grant('any', [HTTP_FROM], [SVC]))).toEqual([['named', 'delete this grant or ReferenceGrant data/any']]);
  });

  test('of two identical named grants the later is reported', () => {
    expect(redundant(grant('a', [HTTP_FROM], [DB]) + grant('b', [HTTP_FROM], [DB]))).toEqual([['b', 'delete this grant or ReferenceGrant data/a']]);
  });
});
