/**
 * The seed guide's traffic split: 90% of api.example.com to api-stable and
 * 10% to api-canary.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Backend, Gateway, HttpRoute } from '../src';

export class CanaryChart extends Chart {
  /** The route. */
  public readonly route: HttpRoute;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    const mainGateway = Gateway.fromGatewayName(this, 'MainGateway', 'main-gateway', { namespace: 'gateway-system' });

    this.route = new HttpRoute(this, 'CanaryRelease', {
      metadata: { name: 'canary-release', namespace: 'production' },
      parents: [mainGateway],
      hostnames: ['api.example.com'],
    });
    this.route.addRule({
      backends: [
        Backend.fromServiceName('api-stable', { port: 80, weight: 90 }), // 90% to stable
        Backend.fromServiceName('api-canary', { port: 80, weight: 10 }), // 10% to canary
      ],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new CanaryChart(app, 'canary');
  app.synth();
}
