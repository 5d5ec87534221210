// Mutation survivors of src/lint/hostname-coverage.ts: whole diagnostics (message, fix, field, source),
// routes attached to several listeners, parentRefs that name another Gateway, duplicate captures, and
// routes without hostnames.
import { ALL, gateway, lint, route } from './lint-yaml';

const WEB = { kind: 'HTTPRoute', namespace: 'apps', name: 'web' };

describe('lint/hostname-not-served, whole diagnostics', () => {
  test('the parent domain of a wildcard listener: message, fix, field and source', () => {
    const found = lint(gateway([`{ name: wild, port: 80, protocol: HTTP, hostname: '*.example.com', ${ALL} }`]) + route(['a.example.com', 'example.com'], '{ name: gw, namespace: infra }'));
    expect(found).toEqual([{
      code: 'lint/hostname-not-served',
      severity: 'warning',
      message: "hostname 'example.com' is served by none of the listeners the route is attached to (wild: *.example.com), so requests for it never reach this route; "
        + "a wildcard listener hostname does not cover its own parent domain; add a listener for 'example.com', or remove the hostname",
      fix: "add a listener for 'example.com', or remove the hostname",
      object: WEB,
      field: 'spec.hostnames[1]',
      source: 'in.yaml#1',
    }]);
  });

  test('a hostname served by one of two attached listeners is served; one served by neither lists both', () => {
    const gw = gateway([
      `{ name: a, port: 80, protocol: HTTP, hostname: a.example.com, ${ALL} }`,
      `{ name: wild, port: 8080, protocol: HTTP, hostname: '*.example.com', ${ALL} }`,
    ]);
    const found = lint(gw + route(['a.example.com', 'b.example.com', 'c.example.org'], '{ name: gw, namespace: infra }'));
    expect(found.map((d) => [d.code, d.field])).toEqual([['lint/hostname-not-served', 'spec.hostnames[2]']]);
    expect(found[0].message).toBe("hostname 'c.example.org' is served by none of the listeners the route is attached to (a: a.example.com; wild: *.example.com), "
      + 'so requests for it never reach this route; add a listener for it, or remove the hostname');
  });

  test('a listener without hostname serves every hostname of the route', () => {
    const gw = gateway([`{ name: any, port: 80, protocol: HTTP, ${ALL} }`]);
    expect(lint(gw + route(['a.example.com', 'example.org'], '{ name: gw, namespace: infra }'))).toEqual([]);
  });
});

describe('lint/hostname-captured, whole diagnostics', () => {
  test('a route without hostnames on a listener without hostname loses a wildcard listener, reported on its parentRefs', () => {
    const gw = gateway([
      `{ name: any, port: 80, protocol: HTTP, ${ALL} }`,
      "{ name: wild, port: 80, protocol: HTTP, hostname: '*.example.com' }",
    ]);
    const found = lint(gw + route(undefined, '{ name: gw, namespace: infra, sectionName: any }'));
    expect(found).toEqual([{
      code: 'lint/hostname-captured',
      severity: 'warning',
      message: "requests for '*.example.com' on port 80 go to listener wild of Gateway infra/gw (HTTP 80, hostname *.example.com), "
        + 'whose hostname is more specific than that of listener any (every hostname) the route is attached to; '
        + "the route is not attached to wild because the route's parentRefs select other listeners (sectionName any), so this route never sees those requests; "
        + "attach the route to wild (parentRefs and allowedRoutes), or drop '*.example.com' from what it serves",
      fix: "attach the route to wild (parentRefs and allowedRoutes), or drop '*.example.com' from what it serves",
      object: WEB,
      field: 'spec.parentRefs',
      source: 'in.yaml#1',
    }]);
  });

  test('the attached listener has a hostname: the message names it, and the field is the hostname that overlaps', () => {
    const gw = gateway([
      `{ name: wide, port: 80, protocol: HTTP, hostname: '*.example.com', ${ALL} }`,
      '{ name: admin, port: 80, protocol: HTTP, hostname: admin.example.com, allowedRoutes: { namespaces: { from: Selector, selector: { matchLabels: { team: ops } } } } }',
    ]);
    const found = lint(gw + route(['other.org', '*.example.com'], '{ name: gw, namespace: infra, sectionName: wide }'));
    expect(found.map((d) => [d.code, d.field])).toEqual([['lint/hostname-not-served', 'spec.hostnames[0]'], ['lint/hostname-captured', 'spec.hostnames[1]']]);
    expect(found[1].message).toContain('than that of listener wide (*.example.com) the route is attached to');
    expect(found[1].message).toContain("the route is not attached to admin because the route's parentRefs select other listeners (sectionName wide)");
  });

  test('a parentRef that selects the capturing listener leads to the listener\'s own refusal, with a selector', () => {
    const gw = gateway([
      `{ name: wide, port: 80, protocol: HTTP, hostname: '*.example.com', ${ALL} }`,
      '{ name: admin, port: 80, protocol: HTTP, hostname: admin.example.com, allowedRoutes: { namespaces: { from: Selector, selector: { matchLabels: { team: ops } } } } }',
    ]);
    const found = lint(gw + route(['*.example.com'], '{ name: gw, namespace: infra, sectionName: wide }, { name: gw, namespace: infra, sectionName: admin }'));
    expect(found.map((d) => d.code)).toEqual(['lint/hostname-captured']);
    expect(found[0].message).toContain('because the listener admits routes from namespaces matching its selector only (allowedRoutes.namespaces.from: Selector), and the route is in apps, so');
  });

  test('a listener without allowedRoutes admits its own namespace only', () => {
    const gw = gateway([
      `{ name: wide, port: 80, protocol: HTTP, hostname: '*.example.com', ${ALL} }`,
      '{ name: admin, port: 80, protocol: HTTP, hostname: admin.example.com }',
    ]);
    const found = lint(gw + route(['*.example.com'], '{ name: gw, namespace: infra }'));
    expect(found.map((d) => d.code)).toEqual(['lint/hostname-captured']);
    expect(found[0].message).toContain('because the listener admits routes from its own namespace infra only (allowedRoutes.namespaces.from: Same), and the route is in apps, so');
  });

  describe('a parentRef to another parent with the capturing listener\'s sectionName does not select it', () => {
    const listeners = [
      `{ name: wide, port: 80, protocol: HTTP, hostname: '*.example.com', ${ALL} }`,
      '{ name: admin, port: 80, protocol: HTTP, hostname: admin.example.com, allowedRoutes: { namespaces: { from: Selector, selector: { matchLabels: { team: ops } } } } }',
    ];
    const expectSelectOthers = (yaml: string) => {
      const found = lint(yaml);
      expect(found.map((d) => d.code)).toEqual(['lint/hostname-captured']);
      expect(found[0].message).toContain("the route is not attached to admin because the route's parentRefs select other listeners (sectionName wide), so");
      expect(found[0].message).not.toContain('allowedRoutes.namespaces.from');
    };
    test('another name, same namespace and kind', () => {
      expectSelectOthers(gateway(listeners) + gateway(listeners, { name: 'gw2' })
        + route(['*.example.com'], '{ name: gw, namespace: infra, sectionName: wide }, { name: gw2, namespace: infra, sectionName: admin }'));
    });
    test('same name and kind, another namespace', () => {
      expectSelectOthers(gateway(listeners) + gateway(listeners, { namespace: 'edge' })
        + route(['*.example.com'], '{ name: gw, namespace: infra, sectionName: wide }, { name: gw, namespace: edge, sectionName: admin }'));
    });
  });

  test('two captured overlaps of one route are both reported; the same overlap reached through two attachments once', () => {
    const gw = gateway([
      `{ name: any, port: 80, protocol: HTTP, ${ALL} }`,
      `{ name: wide, port: 80, protocol: HTTP, hostname: '*.example.com', ${ALL} }`,
      '{ name: a, port: 80, protocol: HTTP, hostname: a.example.com }',
      '{ name: b, port: 80, protocol: HTTP, hostname: b.example.com }',
    ]);
    const found = lint(gw + route(['*.example.com'], '{ name: gw, namespace: infra }'));
    expect(found.map((d) => [d.code, d.fix])).toEqual([
      ['lint/hostname-captured', "attach the route to a (parentRefs and allowedRoutes), or drop 'a.example.com' from what it serves"],
      ['lint/hostname-captured', "attach the route to b (parentRefs and allowedRoutes), or drop 'b.example.com' from what it serves"],
    ]);
  });

  test('a more specific listener on another port does not add a capture for the listener that wins on this port', () => {
    const gw = gateway([
      `{ name: any, port: 80, protocol: HTTP, ${ALL} }`,
      '{ name: host, port: 80, protocol: HTTP, hostname: host.example.com }',
      "{ name: alt, port: 8080, protocol: HTTP, hostname: '*.example.com' }",
    ]);
    const found = lint(gw + route(undefined, '{ name: gw, namespace: infra, sectionName: any }'));
    expect(found.map((d) => [d.code, d.fix])).toEqual([
      ['lint/hostname-captured', "attach the route to host (parentRefs and allowedRoutes), or drop 'host.example.com' from what it serves"],
    ]);
  });
});

describe('lint/hostname-captured by a ListenerSet listener', () => {
  /** Gateway infra/gw (listener wide, *.example.com:80) and a ListenerSet `name` of it with listener admin (admin.example.com:80). */
  const gatewayWithListenerSet = (name: string): string => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: infra }
spec:
  gatewayClassName: cls
  allowedListeners: { namespaces: { from: Same } }
  listeners:
    - { name: wide, port: 80, protocol: HTTP, hostname: '*.example.com', ${ALL} }
---
apiVersion: gateway.networking.k8s.io/v1
kind: ListenerSet
metadata: { name: ${name}, namespace: infra }
spec:
  parentRef: { name: gw }
  listeners:
    - { name: admin, port: 80, protocol: HTTP, hostname: admin.example.com, ${ALL} }`;

  test('the capturing listener belongs to a ListenerSet the route does not name', () => {
    const yaml = `${gatewayWithListenerSet('extra')}
${route(['*.example.com'], '{ name: gw, namespace: infra }')}`;
    const found = lint(yaml);
    expect(found.map((d) => [d.code, d.field])).toEqual([['lint/hostname-captured', 'spec.hostnames[0]']]);
    expect(found[0].message).toContain("requests for 'admin.example.com' on port 80 go to listener admin of ListenerSet infra/extra (HTTP 80, hostname admin.example.com), whose");
    expect(found[0].message).toContain("the route is not attached to admin because the route's parentRefs do not name ListenerSet infra/extra, so");
  });

  test('a ListenerSet with the name of the Gateway is still another parent', () => {
    const yaml = `${gatewayWithListenerSet('gw')}
${route(['*.example.com'], '{ name: gw, namespace: infra, sectionName: wide }')}`;
    const found = lint(yaml);
    expect(found.map((d) => [d.code, d.field])).toEqual([['lint/hostname-captured', 'spec.hostnames[0]']]);
    expect(found[0].message).toContain("requests for 'admin.example.com' on port 80 go to listener admin of ListenerSet infra/gw (HTTP 80, hostname admin.example.com), whose");
    expect(found[0].message).toContain("the route is not attached to admin because the route's parentRefs do not name ListenerSet infra/gw, so");
  });
});
