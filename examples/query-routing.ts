/**
 * The seed guide's query parameter routing: `?version=2` goes to api-v2,
 * everything else to api-v1.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Backend, Gateway, HttpMatch, HttpRoute, QueryParamMatch } from '../src';

export class QueryRoutingChart extends Chart {
  /** The route. */
  public readonly route: HttpRoute;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    const mainGateway = Gateway.fromGatewayName(this, 'MainGateway', 'main-gateway', { namespace: 'gateway-system' });

    this.route = new HttpRoute(this, 'QueryRouting', {
      metadata: { name: 'query-routing', namespace: 'production' },
      parents: [mainGateway],
      hostnames: ['api.example.com'],
      rules: [
        {
          matches: [HttpMatch.anyPath({ queryParams: [QueryParamMatch.exact('version', '2')] })],
          backends: [Backend.fromServiceName('api-v2', { port: 80 })],
        },
        { backends: [Backend.fromServiceName('api-v1', { port: 80 })] },
      ],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new QueryRoutingChart(app, 'query-routing');
  app.synth();
}
