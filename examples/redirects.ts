/**
 * The seed guide's redirects for old.example.com: a permanent redirect to
 * new.example.com, and an HTTP-to-HTTPS redirect on every path.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Filter, Gateway, HttpMatch, HttpRoute, RedirectScheme, RedirectStatusCode } from '../src';

export class RedirectsChart extends Chart {
  /** The route. */
  public readonly route: HttpRoute;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    const mainGateway = Gateway.fromGatewayName(this, 'MainGateway', 'main-gateway', { namespace: 'gateway-system' });

    this.route = new HttpRoute(this, 'RedirectExample', {
      metadata: { name: 'redirect-example', namespace: 'production' },
      parents: [mainGateway],
      hostnames: ['old.example.com'],
    });
    // Redirect to new domain
    this.route.addRule({
      filters: [Filter.requestRedirect({ hostname: 'new.example.com', statusCode: RedirectStatusCode.MOVED_PERMANENTLY })],
    });
    // Redirect HTTP to HTTPS
    this.route.addRule({
      matches: [HttpMatch.pathPrefix('/')],
      filters: [Filter.requestRedirect({ scheme: RedirectScheme.HTTPS, statusCode: RedirectStatusCode.MOVED_PERMANENTLY })],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new RedirectsChart(app, 'redirects');
  app.synth();
}
