/**
 * The seed guide's "Complete Example" with the patterns: its Gateway, frontend, versioned API with a 5% canary on
 * /v1 and health check, the apps served on HTTPS only and plain HTTP redirected (301) to HTTPS.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AllowedRoutes, ApiVersioning, Backend, CanaryCohort, CanaryPlan, CanaryRelease, Certificate, Gateway, GatewayClass,
  HttpMatch, HttpRoute, HttpsRedirect, ListenerProtocol, ListenerTls,
} from '../src';

export class CompleteChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const svc = (name: string) => Backend.fromServiceName(name, { port: 80 });
    const listener = { hostname: '*.example.com', allowedRoutes: AllowedRoutes.all() };
    const gateway = new Gateway(this, 'Gateway', {
      metadata: { name: 'production-gateway', namespace: 'gateway-system', annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' } },
      gatewayClass: GatewayClass.fromGatewayClassName(this, 'Class', 'envoy-gateway'),
      listeners: [{ name: 'http', port: 80, protocol: ListenerProtocol.HTTP, ...listener }, { name: 'https', port: 443,
        protocol: ListenerProtocol.HTTPS, tls: ListenerTls.terminate([Certificate.fromSecretName('wildcard-example-com')]), ...listener }],
    });
    new HttpsRedirect(this, 'ToHttps', { gateway, metadata: { name: 'https-redirect' } });
    const https = [gateway.listener('https')];
    const production = (name: string) => ({ name, namespace: 'production' });
    new HttpRoute(this, 'Frontend', { metadata: production('frontend'), parents: https, hostnames: ['www.example.com'], rules: [{ backends: [svc('frontend')] }] });
    const api = new ApiVersioning(this, 'Api', {
      metadata: production('api'), parents: https, hostnames: ['api.example.com'], defaultVersion: 'v1',
      versions: [{ name: 'v2', backends: [svc('api-v2')] }, { name: 'v1', backends: [svc('api-v1-stable')] }],
    });
    new CanaryRelease(this, 'ApiV1Canary', {
      route: api.route, rules: [api.ruleFor('v1')], stable: svc('api-v1-stable'), canary: svc('api-v1-canary'),
      plan: CanaryPlan.percent(5), cohorts: [CanaryCohort.header('x-canary', 'always')],
    });
    new HttpRoute(this, 'Health', {
      metadata: { name: 'health', namespace: 'gateway-system' }, parents: [gateway], hostnames: ['*.example.com'],
      rules: [{ matches: [HttpMatch.pathExact('/healthz')], backends: [svc('health-service')] }],
    });
  }
}

if (require.main === module) { const app = new App(); new CompleteChart(app, 'complete'); app.synth(); }
