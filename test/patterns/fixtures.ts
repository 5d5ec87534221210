import { ApiObject, Chart, Testing } from 'cdk8s';
import { AllowedRoutes, Certificate, Gateway, GatewayClass, ListenerProtocol, ListenerTls, testing, validateManifests } from '../../src';
import { tlsSecret } from '../testing/tls-fixture';

/** The Gateway every pattern test uses: HTTP on 80 and HTTPS on 443 for *.example.com, open to all namespaces. */
export const GATEWAY = 'infra/edge';

/** A chart in namespace `apps` with the `infra/edge` Gateway (http + https listeners) and its certificate Secret. */
export function edgeChart(options: { httpHostname?: string; httpsHostname?: string; http?: boolean; https?: boolean } = {}): { chart: Chart; gateway: Gateway } {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'apps' });
  const gateway = new Gateway(chart, 'Edge', {
    metadata: { name: 'edge', namespace: 'infra' },
    gatewayClass: GatewayClass.fromGatewayClassName(chart, 'Class', 'envoy'),
  });
  if (options.http ?? true) {
    gateway.addListener('http', { port: 80, protocol: ListenerProtocol.HTTP, hostname: 'httpHostname' in options ? options.httpHostname : '*.example.com', allowedRoutes: AllowedRoutes.all() });
  }
  if (options.https ?? true) {
    gateway.addListener('https', {
      port: 443,
      protocol: ListenerProtocol.HTTPS,
      hostname: options.httpsHostname ?? '*.example.com',
      tls: ListenerTls.terminate([Certificate.fromSecretName('edge-tls')]),
      allowedRoutes: AllowedRoutes.all(),
    });
  }
  // The listener's certificate (a throwaway self-signed test certificate): HTTPS requests need it among the objects.
  new ApiObject(chart, 'EdgeTls', tlsSecret('infra', 'edge-tls'));
  return { chart, gateway };
}

/** The data plane of a chart, with its GatewayClass and Services assumed. */
export function planeOf(chart: Chart): testing.DataPlane {
  return testing.DataPlane.fromChart(chart, { assumeMissing: true });
}

/** Every diagnostic `validateManifests` reports on the chart's objects (errors and warnings). */
export function diagnosticsOf(chart: Chart): string[] {
  return validateManifests(Testing.synth(chart)).map(d => `${d.severity} ${d.code} ${d.object?.kind}/${d.object?.name} ${d.field ?? ''}: ${d.message}`);
}
