// Mutation survivors of src/lint/reference-grant-usage.ts: which objects make cross-namespace references (only
// Gateway API kinds), grants of the wrong shape, and objects read without a source.
import { lintManifests } from '../../src/lint';
import { parseManifests, type SourcedObject } from '../../src/validation';

const read = (yaml: string) => {
  const r = parseManifests(yaml, 'in.yaml');
  expect(r.diagnostics).toEqual([]);
  return r.items;
};
const lint = (yaml: string) => lintManifests(read(yaml));

const ROUTE = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: { name: web, namespace: apps }
spec:
  rules: [{ backendRefs: [{ name: db, namespace: data, port: 5432 }] }]
`;
const HTTP_FROM = '{ group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: apps }';
const SVC = "{ group: '', kind: Service }";
const grant = (name: string, spec: string, metadata = `name: ${name}, namespace: data`) => `---
apiVersion: gateway.networking.k8s.io/v1
kind: ReferenceGrant
metadata: { ${metadata} }
${spec}`;
const fromTo = (from: string, to: string) => `spec:\n  from: ${from}\n  to: ${to}\n`;

describe('which objects use a grant', () => {
  test('an HTTPRoute of another API group is not a Gateway API route: a grant only it would use is unused', () => {
    const foreign = ROUTE.replace('gateway.networking.k8s.io/v1', 'routes.example.io/v1');
    const found = lint(foreign + grant('db', fromTo(`[${HTTP_FROM}]`, `[${SVC}]`)));
    expect(found.map((d) => [d.code, d.object?.name, d.message.split('; ')[1]])).toEqual([
      ['lint/reference-grant-unused', 'db', 'nothing among the objects references data from another namespace'],
    ]);
    // The same route of the Gateway API group uses it.
    expect(lint(ROUTE + grant('db', fromTo(`[${HTTP_FROM}]`, `[${SVC}]`)))).toEqual([]);
  });
});

describe('grants the schema rejects are read for what they hold, without an exception', () => {
  test('from or to that is not a list, and a spec that is not an object, hold no entries', () => {
    const found = lint(ROUTE + grant('text', fromTo('abc', `[${SVC}]`)) + grant('number', fromTo(`[${HTTP_FROM}]`, '3')) + grant('scalar', 'spec: 5\n'));
    expect(found.map((d) => [d.object?.name, d.message.split(';')[0]])).toEqual([
      ['text', 'no reference among the objects uses this grant (it lets nothing reference Service in data)'],
      ['number', 'no reference among the objects uses this grant (it lets HTTPRoute in apps reference nothing in data)'],
      ['scalar', 'no reference among the objects uses this grant (it lets nothing reference nothing in data)'],
    ]);
  });

  test('entries that are not objects are left out; the others count', () => {
    const grpcOnly = grant('grpc', fromTo("['x', { group: gateway.networking.k8s.io, kind: GRPCRoute, namespace: apps }]", `[7, ${SVC}]`));
    const found = lint(ROUTE + grpcOnly);
    expect(found.map((d) => [d.object?.name, d.message.split(';')[0]])).toEqual([
      ['grpc', 'no reference among the objects uses this grant (it lets GRPCRoute in apps reference Service in data)'],
    ]);
    expect(lint(ROUTE + grant('http', fromTo(`['x', ${HTTP_FROM}]`, `[7, ${SVC}]`)))).toEqual([]);
  });
});

describe('objects without a source', () => {
  test('the redundant grant\'s message names the covering grant without a source, and neither finding has a source', () => {
    const items: SourcedObject[] = read(ROUTE + grant('first', fromTo(`[${HTTP_FROM}]`, `[${SVC}]`)) + grant('second', fromTo(`[${HTTP_FROM}]`, `[${SVC}]`))
      + grant('unused', fromTo(`[${HTTP_FROM}]`, "[{ group: '', kind: Secret }]"))).map((item) => ({ object: item.object }));
    expect(lintManifests(items)).toEqual([
      {
        code: 'lint/reference-grant-unused',
        severity: 'warning',
        message: 'no reference among the objects uses this grant (it lets HTTPRoute in apps reference Secret in data); '
          + 'the references into data are HTTPRoute apps/web → Service data/db, which it does not match; fix its from/to entries, or delete it',
        fix: 'fix its from/to entries, or delete it',
        object: { kind: 'ReferenceGrant', namespace: 'data', name: 'unused' },
      },
      {
        code: 'lint/reference-grant-redundant',
        severity: 'warning',
        message: 'every reference this grant permits is already permitted by ReferenceGrant data/first; delete one of them, so that one grant states what data allows',
        fix: 'delete this grant or ReferenceGrant data/first',
        object: { kind: 'ReferenceGrant', namespace: 'data', name: 'second' },
      },
    ]);
  });
});

describe('a grant written without a namespace', () => {
  const intoDefault = ROUTE.replace('namespace: data, port', 'namespace: default, port');
  test('is in default, as the loaders place it: it is used by a reference into default, with no contradictory finding', () => {
    expect(lint(intoDefault + grant('db', fromTo(`[${HTTP_FROM}]`, `[${SVC}]`), 'name: db'))).toEqual([]);
  });
  test('is unused when the references go to another namespace', () => {
    const found = lint(ROUTE + grant('db', fromTo(`[${HTTP_FROM}]`, `[${SVC}]`), 'name: db'));
    expect(found.map((d) => [d.code, d.object?.name, d.message.split(';')[0]])).toEqual([
      ['lint/reference-grant-unused', 'db', 'no reference among the objects uses this grant (it lets HTTPRoute in apps reference Service in default)'],
    ]);
  });
});
