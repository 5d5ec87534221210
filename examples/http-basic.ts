/**
 * The seed guide's basic HTTPRoute: `myapp-route` in `production`, attached
 * to the `https` listener of the shared `main-gateway` (gateway-system),
 * sending /api to api-service and everything else to frontend-service.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Backend, Gateway, HttpMatch, HttpRoute } from '../src';

export class HttpBasicChart extends Chart {
  /** The route. */
  public readonly route: HttpRoute;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    const mainGateway = Gateway.fromGatewayName(this, 'MainGateway', 'main-gateway', { namespace: 'gateway-system' });

    this.route = new HttpRoute(this, 'MyAppRoute', {
      metadata: { name: 'myapp-route', namespace: 'production' },
      parents: [mainGateway.listener('https')],
      hostnames: ['myapp.example.com'],
    });
    // Simple path routing
    this.route.addRule({
      matches: [HttpMatch.pathPrefix('/api')],
      backends: [Backend.fromServiceName('api-service', { port: 80 })],
    });
    // Default route
    this.route.addRule({
      matches: [HttpMatch.pathPrefix('/')],
      backends: [Backend.fromServiceName('frontend-service', { port: 80 })],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new HttpBasicChart(app, 'http-basic');
  app.synth();
}
