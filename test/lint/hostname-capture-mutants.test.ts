// Mutation survivors of src/lint/hostname-coverage.ts (lint/hostname-captured): which listeners can capture a
// route's requests (same port and protocol, more specific, accepted), the order of the findings, and each
// reason the message gives for the route not being attached to the capturing listener.
import { ALL, gateway, lint, route } from './lint-yaml';

const captures = (yaml: string) => lint(yaml).filter((d) => d.code === 'lint/hostname-captured');

/** The part of a capture message that says who takes the requests. */
const takenBy = (message: string) => message.split(', whose')[0];

describe('which listeners capture', () => {
  test('a listener on another port captures nothing, even for a host that a more specific listener of this port takes', () => {
    // h.a.example.com on port 8080 would, on port 80, go to wild: but h is not on port 80, so it adds no finding.
    const gw = gateway([
      `{ name: any, port: 80, protocol: HTTP, ${ALL} }`,
      "{ name: wild, port: 80, protocol: HTTP, hostname: '*.a.example.com' }",
      '{ name: h, port: 8080, protocol: HTTP, hostname: h.a.example.com }',
    ]);
    const found = captures(gw + route(undefined, '{ name: gw, namespace: infra, sectionName: any }'));
    expect(found.map((d) => takenBy(d.message))).toEqual([
      "requests for '*.a.example.com' on port 80 go to listener wild of Gateway infra/gw (HTTP 80, hostname *.a.example.com)",
    ]);
  });

  test('an HTTPS listener on the port of a TLS listener captures none of its TLSRoute hostnames; a TLS listener does', () => {
    const gw = gateway([
      `{ name: tls, port: 443, protocol: TLS, hostname: '*.example.com', tls: { mode: Passthrough }, ${ALL} }`,
      "{ name: deeper, port: 443, protocol: TLS, hostname: '*.a.example.com', tls: { mode: Passthrough } }",
      '{ name: web, port: 443, protocol: HTTPS, hostname: h.a.example.com, tls: { certificateRefs: [{ name: cert }] } }',
    ]);
    const found = captures(gw + route(['*.example.com'], '{ name: gw, namespace: infra, sectionName: tls }', { kind: 'TLSRoute' }));
    expect(found.map((d) => takenBy(d.message))).toEqual([
      "requests for '*.a.example.com' on port 443 go to listener deeper of Gateway infra/gw (TLS 443, hostname *.a.example.com)",
    ]);
  });

  describe('a listener that is not accepted carries no traffic: nothing is captured from it, and it captures nothing', () => {
    // The Gateway's own HTTPS listeners lack a valid client CA bundle (a Service is none), so they are not Accepted;
    // a ListenerSet's listener does not use the Gateway's frontend validation, so it is.
    const badCa = "  tls: { frontend: { default: { validation: { caCertificateRefs: [{ group: '', kind: Service, name: ca }] } } } }\n";
    const withListenerSet = (gatewayListeners: string[], setListener: string, extraSpec: string) => `${gateway(['{ name: plain, port: 80, protocol: HTTP }', ...gatewayListeners], { extraSpec: `  allowedListeners: { namespaces: { from: Same } }\n${extraSpec}` })}---
apiVersion: gateway.networking.k8s.io/v1
kind: ListenerSet
metadata: { name: extra, namespace: infra }
spec:
  parentRef: { name: gw }
  listeners:
    - ${setListener}
`;
    const ADMIN = '{ name: admin, port: 443, protocol: HTTPS, hostname: admin.example.com, tls: { certificateRefs: [{ name: cert }] } }';
    const WIDE = `{ name: wide, port: 443, protocol: HTTPS, hostname: '*.example.com', tls: { certificateRefs: [{ name: cert }] }, ${ALL} }`;
    const ADMIN_TAKES = "requests for 'admin.example.com' on port 443 go to listener admin of Gateway infra/gw (HTTPS 443, hostname admin.example.com)";

    test('the route is attached to a listener that is not accepted: no finding names the listener that serves instead', () => {
      const routeToWide = route(['*.example.com'], '{ name: gw, namespace: infra, sectionName: wide }');
      const setListener = '{ name: x, port: 443, protocol: HTTPS, tls: { certificateRefs: [{ name: cert }] } }';
      expect(lint(withListenerSet([WIDE, ADMIN], setListener, badCa) + routeToWide)).toEqual([]);
      // With a valid CA bundle every listener is accepted, and admin takes admin.example.com from wide.
      expect(captures(withListenerSet([WIDE, ADMIN], setListener, '') + routeToWide).map((d) => takenBy(d.message))).toEqual([ADMIN_TAKES]);
    });

    test('the more specific listener is not accepted: it captures nothing', () => {
      const routeToSet = route(['*.example.com'], '{ kind: ListenerSet, name: extra, namespace: infra }');
      expect(lint(withListenerSet([ADMIN], WIDE, badCa) + routeToSet)).toEqual([]);
      expect(captures(withListenerSet([ADMIN], WIDE, '') + routeToSet).map((d) => takenBy(d.message))).toEqual([ADMIN_TAKES]);
    });
  });

  test('a more specific listener whose certificate does not resolve still captures: it is accepted, and takes the requests once its certificate is fixed', () => {
    const gw = gateway([
      `{ name: wide, port: 443, protocol: HTTPS, hostname: '*.example.com', tls: { certificateRefs: [{ name: cert }] }, ${ALL} }`,
      "{ name: admin, port: 443, protocol: HTTPS, hostname: admin.example.com, tls: { certificateRefs: [{ group: '', kind: ConfigMap, name: cert }] } }",
    ]);
    const found = captures(gw + route(['*.example.com'], '{ name: gw, namespace: infra, sectionName: wide }'));
    expect(found.map((d) => [takenBy(d.message), d.field])).toEqual([
      ["requests for 'admin.example.com' on port 443 go to listener admin of Gateway infra/gw (HTTPS 443, hostname admin.example.com)", 'spec.hostnames[0]'],
    ]);
  });
});

describe('the order of the findings', () => {
  test('one route\'s captures come in the order of the capturing listeners; a listener as or less specific than the attached one captures nothing', () => {
    // The Gateway's listeners come before those of its ListenerSet. '*.com' is less specific than wide, and the
    // ListenerSet's '*.example.com' conflicts with wide (not Accepted): neither captures, nor changes the order.
    const yaml = `---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: infra }
spec:
  gatewayClassName: cls
  allowedListeners: { namespaces: { from: Same } }
  listeners:
    - { name: wide, port: 80, protocol: HTTP, hostname: '*.example.com', ${ALL} }
    - { name: com, port: 80, protocol: HTTP, hostname: '*.com' }
---
apiVersion: gateway.networking.k8s.io/v1
kind: ListenerSet
metadata: { name: extra, namespace: infra }
spec:
  parentRef: { name: gw }
  listeners:
    - { name: same, port: 80, protocol: HTTP, hostname: '*.example.com' }
    - { name: b, port: 80, protocol: HTTP, hostname: b.example.com }
    - { name: a, port: 80, protocol: HTTP, hostname: a.example.com }
${route(['a.example.com', 'b.example.com'], '{ name: gw, namespace: infra, sectionName: wide }')}`;
    expect(captures(yaml).map((d) => [d.fix, d.field])).toEqual([
      ["attach the route to b (parentRefs and allowedRoutes), or drop 'b.example.com' from what it serves", 'spec.hostnames[1]'],
      ["attach the route to a (parentRefs and allowedRoutes), or drop 'a.example.com' from what it serves", 'spec.hostnames[0]'],
    ]);
  });
});

describe('why the route is not attached to the capturing listener', () => {
  const WIDE_ADMIN = [
    `{ name: wide, port: 80, protocol: HTTP, hostname: '*.example.com', ${ALL} }`,
    `{ name: admin, port: 80, protocol: HTTP, hostname: admin.example.com, ${ALL} }`,
  ];
  const because = (yaml: string) => {
    const found = captures(yaml);
    expect(found).toHaveLength(1);
    return /the route is not attached to admin because (.*), so this route never sees those requests/.exec(found[0].message)?.[1];
  };

  test('every parentRef of the capturing listener\'s parent is listed, by sectionName', () => {
    const gw = gateway([...WIDE_ADMIN, `{ name: alt, port: 8080, protocol: HTTP, ${ALL} }`]);
    expect(because(gw + route(['*.example.com'], '{ name: gw, namespace: infra, sectionName: wide }, { name: gw, namespace: infra, sectionName: alt }')))
      .toBe("the route's parentRefs select other listeners (sectionName wide, sectionName alt)");
  });

  test('a parentRef that selects listeners by port is listed by its port', () => {
    // The route attaches to wide through the ListenerSet, and names the Gateway with port 8080 only.
    const yaml = `---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: gw, namespace: infra }
spec:
  gatewayClassName: cls
  allowedListeners: { namespaces: { from: Same } }
  listeners:
    - { name: admin, port: 80, protocol: HTTP, hostname: admin.example.com, ${ALL} }
    - { name: alt, port: 8080, protocol: HTTP, ${ALL} }
---
apiVersion: gateway.networking.k8s.io/v1
kind: ListenerSet
metadata: { name: extra, namespace: infra }
spec:
  parentRef: { name: gw }
  listeners:
    - { name: wide, port: 80, protocol: HTTP, hostname: '*.example.com', ${ALL} }
${route(['*.example.com'], '{ kind: ListenerSet, name: extra, namespace: infra }, { name: gw, namespace: infra, port: 8080 }')}`;
    expect(because(yaml)).toBe("the route's parentRefs select other listeners (port 8080)");
  });

  test('a parentRef to a Gateway of another API group does not name this Gateway', () => {
    const yaml = gateway(WIDE_ADMIN) + route(['*.example.com'], '{ name: gw, namespace: infra, sectionName: wide }, { group: example.io, kind: Gateway, name: gw, namespace: infra }');
    expect(because(yaml)).toBe("the route's parentRefs select other listeners (sectionName wide)");
  });

  test('an older GRPCRoute holds the hostname on the capturing listener, where an HTTPRoute cannot share it', () => {
    const yaml = gateway(WIDE_ADMIN)
      + route(['*.example.com'], '{ name: gw, namespace: infra }')
      + route(['admin.example.com'], '{ name: gw, namespace: infra, sectionName: admin }', { kind: 'GRPCRoute', name: 'grpc', created: '2025-01-01T00:00:00Z' });
    expect(because(yaml)).toBe('an HTTPRoute and a GRPCRoute cannot share a hostname on one listener, and GRPCRoute apps/grpc holds an intersecting hostname there '
      + '(it comes first: older, or first by namespace/name at the same age)');
  });
});
