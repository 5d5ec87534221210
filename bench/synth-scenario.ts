/**
 * The synthesis benchmark's chart, built two ways from the route count N:
 *
 * - with the L2 constructs (`GatewayClass`, `Gateway`, `HttpRoute`,
 *   `HttpMatch`, `Backend`), which register the synth-time validation (CRD
 *   schema, every CEL rule, cross-object checks);
 * - as the generated L1 classes (`l1.GatewayClass`, `l1.Gateway`,
 *   `l1.HTTPRoute`) given exactly the objects the L2 chart renders, which is
 *   plain cdk8s with no check at all: the floor the L2 synthesis is compared
 *   with.
 *
 * One GatewayClass, one Gateway in `infra` with an HTTP listener that admits
 * routes from every namespace, `ceil(N / 200)` team namespaces (at least 2)
 * with five Services each (plain `ApiObject`s, identical in both charts), and
 * N HTTPRoutes spread round-robin over the teams, each with its own hostname
 * and two rules: a PathPrefix match with a header match, and an Exact match
 * with a method; each rule splits 90/10 over two Services of its team.
 */
import { ApiObject, App, Chart } from 'cdk8s';
import { Backend, Gateway, GatewayClass, HeaderMatch, HttpMatch, HttpMethod, HttpRoute, ListenerProtocol, AllowedRoutes, l1 } from '../src';

/** Team namespaces for N routes. */
export function synthTeamCount(routes: number): number {
  return Math.max(2, Math.ceil(routes / 200));
}

function team(t: number): string {
  return `team-${String(t).padStart(3, '0')}`;
}

function services(chart: Chart, routes: number): void {
  for (let t = 0; t < synthTeamCount(routes); t++) {
    for (let s = 0; s < 5; s++) {
      new ApiObject(chart, `svc-${t}-${s}`, {
        apiVersion: 'v1', kind: 'Service', metadata: { name: `svc-${s}`, namespace: team(t) },
        spec: { selector: { app: `svc-${s}` }, ports: [{ name: 'http', port: 80 }] },
      });
    }
  }
}

/** The chart with the L2 constructs (validation registered). */
export function l2Chart(app: App, routes: number): Chart {
  const chart = new Chart(app, 'bench');
  services(chart, routes);
  const cls = new GatewayClass(chart, 'class', { metadata: { name: 'bench' }, controllerName: 'example.com/bench' });
  const gateway = new Gateway(chart, 'gateway', {
    metadata: { name: 'public', namespace: 'infra' },
    gatewayClass: cls,
    listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP, allowedRoutes: AllowedRoutes.all() }],
  });
  const teams = synthTeamCount(routes);
  for (let i = 0; i < routes; i++) {
    const t = i % teams;
    const s = i % 5;
    new HttpRoute(chart, `route-${i}`, {
      metadata: { name: `route-${i}`, namespace: team(t) },
      parents: [gateway],
      hostnames: [`app-${i}.example.com`],
      rules: [
        {
          matches: [HttpMatch.pathPrefix(`/api/v${i % 3}`, { headers: [HeaderMatch.exact('x-tenant', `tenant-${i % 7}`)] })],
          backends: [
            Backend.fromServiceName(`svc-${s}`, { port: 80, weight: 90 }),
            Backend.fromServiceName(`svc-${(s + 1) % 5}`, { port: 80, weight: 10 }),
          ],
        },
        {
          matches: [HttpMatch.pathExact('/healthz', { method: HttpMethod.GET })],
          backends: [
            Backend.fromServiceName(`svc-${(s + 2) % 5}`, { port: 80, weight: 90 }),
            Backend.fromServiceName(`svc-${(s + 3) % 5}`, { port: 80, weight: 10 }),
          ],
        },
      ],
    });
  }
  return chart;
}

/** The same objects as the generated L1 classes (no validation): `objects` is the L2 chart's `toJson()`. */
export function l1Chart(app: App, objects: readonly any[]): Chart {
  const chart = new Chart(app, 'bench');
  objects.forEach((o, i) => {
    const props = { metadata: o.metadata, spec: o.spec };
    switch (o.kind) {
      case 'GatewayClass': new l1.GatewayClass(chart, `o${i}`, props); break;
      case 'Gateway': new l1.Gateway(chart, `o${i}`, props); break;
      case 'HTTPRoute': new l1.HTTPRoute(chart, `o${i}`, props); break;
      default: new ApiObject(chart, `o${i}`, o);
    }
  });
  return chart;
}
