/**
 * The seed guide's header-based routing: X-Version v2 goes to api-v2,
 * X-Beta-User "true" (written with an explicit `type: Exact`, as the seed
 * does) to api-beta, everything else to api-v1.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Backend, Gateway, HeaderMatch, HttpMatch, HttpRoute, MatchType } from '../src';

export class HeaderRoutingChart extends Chart {
  /** The route. */
  public readonly route: HttpRoute;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    const mainGateway = Gateway.fromGatewayName(this, 'MainGateway', 'main-gateway', { namespace: 'gateway-system' });

    this.route = new HttpRoute(this, 'HeaderRouting', {
      metadata: { name: 'header-routing', namespace: 'production' },
      parents: [mainGateway],
      hostnames: ['api.example.com'],
      rules: [
        // Route based on header value
        {
          matches: [HttpMatch.anyPath({ headers: [HeaderMatch.exact('X-Version', 'v2')] })],
          backends: [Backend.fromServiceName('api-v2', { port: 80 })],
        },
        // Route based on header presence
        {
          matches: [HttpMatch.anyPath({ headers: [HeaderMatch.of({ name: 'X-Beta-User', value: 'true', type: MatchType.EXACT })] })],
          backends: [Backend.fromServiceName('api-beta', { port: 80 })],
        },
        // Default route
        { backends: [Backend.fromServiceName('api-v1', { port: 80 })] },
      ],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new HeaderRoutingChart(app, 'header-routing');
  app.synth();
}
