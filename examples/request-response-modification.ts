/**
 * The seed guide's request/response modification: on /api, add, set and
 * remove request headers, add and set response headers, and rewrite the
 * host and the /api prefix (to /v1) before forwarding to api-service.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Backend, Filter, Gateway, HttpMatch, HttpRoute, PathModifier } from '../src';

export class RequestResponseModificationChart extends Chart {
  /** The route. */
  public readonly route: HttpRoute;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    const mainGateway = Gateway.fromGatewayName(this, 'MainGateway', 'main-gateway', { namespace: 'gateway-system' });

    this.route = new HttpRoute(this, 'FilterExample', {
      metadata: { name: 'filter-example', namespace: 'production' },
      parents: [mainGateway],
      hostnames: ['api.example.com'],
    });
    this.route.addRule({
      matches: [HttpMatch.pathPrefix('/api')],
      filters: [
        // Add request headers
        Filter.requestHeaders({
          add: { 'X-Request-ID': 'generated-id', 'X-Forwarded-Service': 'api-gateway' },
          set: { Host: 'internal-api.example.com' },
          remove: ['X-Internal-Header'],
        }),
        // Add response headers
        Filter.responseHeaders({
          add: { 'X-Response-Time': 'from-gateway' },
          set: { 'Cache-Control': 'no-cache' },
        }),
        // URL rewrite
        Filter.urlRewrite({
          hostname: 'internal-api.svc.cluster.local',
          path: PathModifier.replacePrefixMatch('/v1'),
        }),
      ],
      backends: [Backend.fromServiceName('api-service', { port: 80 })],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new RequestResponseModificationChart(app, 'request-response-modification');
  app.synth();
}
