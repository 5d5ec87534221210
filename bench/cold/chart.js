// The cold-path scenario's chart (bench/cold.ts), plain JavaScript on the compiled lib/ as a user's program runs it:
// one GatewayClass, one Gateway in `infra` admitting routes from every namespace, five Services in each of two team
// namespaces, and N HTTPRoutes (two rules each: PathPrefix with a header match split 90/10, Exact with a method).
'use strict';

/** The chart with the package's L2 constructs (`gw` is the package: lib/src/index.js). */
function l2Chart(cdk8s, gw, app, routes) {
  const chart = new cdk8s.Chart(app, 'cold');
  for (let t = 0; t < 2; t++) {
    for (let s = 0; s < 5; s++) {
      new cdk8s.ApiObject(chart, `svc-${t}-${s}`, {
        apiVersion: 'v1', kind: 'Service', metadata: { name: `svc-${s}`, namespace: `team-${t}` },
        spec: { selector: { app: `svc-${s}` }, ports: [{ name: 'http', port: 80 }] },
      });
    }
  }
  const cls = new gw.GatewayClass(chart, 'class', { metadata: { name: 'cold' }, controllerName: 'example.com/cold' });
  const gateway = new gw.Gateway(chart, 'gateway', {
    metadata: { name: 'public', namespace: 'infra' },
    gatewayClass: cls,
    listeners: [{ name: 'http', port: 80, protocol: gw.ListenerProtocol.HTTP, allowedRoutes: gw.AllowedRoutes.all() }],
  });
  for (let i = 0; i < routes; i++) {
    const s = i % 5;
    new gw.HttpRoute(chart, `route-${i}`, {
      metadata: { name: `route-${i}`, namespace: `team-${i % 2}` },
      parents: [gateway],
      hostnames: [`app-${i}.example.com`],
      rules: [
        {
          matches: [gw.HttpMatch.pathPrefix(`/api/v${i % 3}`, { headers: [gw.HeaderMatch.exact('x-tenant', `tenant-${i % 7}`)] })],
          backends: [
            gw.Backend.fromServiceName(`svc-${s}`, { port: 80, weight: 90 }),
            gw.Backend.fromServiceName(`svc-${(s + 1) % 5}`, { port: 80, weight: 10 }),
          ],
        },
        {
          matches: [gw.HttpMatch.pathExact('/healthz', { method: gw.HttpMethod.GET })],
          backends: [gw.Backend.fromServiceName(`svc-${(s + 2) % 5}`, { port: 80 })],
        },
      ],
    });
  }
  return chart;
}

/** The same objects (`objects`: the L2 chart's toJson()) as the generated L1 classes (`l1`: lib/generated/standard). */
function l1Chart(cdk8s, l1, app, objects) {
  const chart = new cdk8s.Chart(app, 'cold');
  objects.forEach((o, i) => {
    const props = { metadata: o.metadata, spec: o.spec };
    switch (o.kind) {
      case 'GatewayClass': new l1.GatewayClass(chart, `o${i}`, props); break;
      case 'Gateway': new l1.Gateway(chart, `o${i}`, props); break;
      case 'HTTPRoute': new l1.HTTPRoute(chart, `o${i}`, props); break;
      default: new cdk8s.ApiObject(chart, `o${i}`, o);
    }
  });
  return chart;
}

/** The one decision of the scenario: route-3's first rule (team-1, svc-3 90 % / svc-4 10 %). */
const REQUEST = { gateway: 'infra/public', host: 'app-3.example.com', path: '/api/v0', headers: { 'x-tenant': 'tenant-3' } };

module.exports = { l2Chart, l1Chart, REQUEST };
