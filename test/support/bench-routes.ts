import { Testing } from 'cdk8s';
import { Backend, Gateway, GatewayClass, HeaderMatch, HttpMatch, HttpRouteRuleOptions, ListenerProtocol } from '../../src';

/** A chart with a GatewayClass and a Gateway of one HTTP listener, for tests that build many routes. */
export function chartWithGateway() {
  const chart = Testing.chart();
  const cls = new GatewayClass(chart, 'Class', { controllerName: 'example.com/gc' });
  const gateway = new Gateway(chart, 'Gw', { gatewayClass: cls, listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP }] });
  return { chart, gateway };
}

/** A rule as the synthesis benchmark writes them: one match with a header, two backends named by Service name, no filter. */
export function plainRule(i: number): HttpRouteRuleOptions {
  return {
    matches: [HttpMatch.pathPrefix(`/r${i}`, { headers: [HeaderMatch.exact('x-team', 't')] })],
    backends: [Backend.fromServiceName('web', { port: 80, weight: 90 }), Backend.fromServiceName('web2', { port: 80, weight: 10 })],
  };
}
