/**
 * CanaryRelease: api.example.com moves from api-stable to api-canary in
 * steps (10, 25, 50, 100 percent), here at the second step (25%). Requests
 * with `x-canary: always` or the `beta=yes` cookie always reach the canary,
 * the clients it serves stay there (sticky cookie), and 10% of the stable
 * traffic is mirrored to it. Plain HTTP is redirected to HTTPS.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AllowedRoutes, Backend, CanaryCohort, CanaryPlan, CanaryRelease, Certificate, Gateway, GatewayClass, HttpMatch, HttpRoute, HttpsRedirect,
  ListenerProtocol, ListenerTls,
} from '../src';

export class CanaryReleaseChart extends Chart {
  /** The Gateway, with an HTTP and an HTTPS listener. */
  public readonly gateway: Gateway;
  /** The API route. */
  public readonly api: HttpRoute;
  /** The release. */
  public readonly release: CanaryRelease;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.gateway = new Gateway(this, 'Edge', {
      metadata: { name: 'edge', namespace: 'gateway-system' },
      gatewayClass: GatewayClass.fromGatewayClassName(this, 'Class', 'envoy-gateway'),
    });
    this.gateway.addListener('http', { port: 80, protocol: ListenerProtocol.HTTP, hostname: '*.example.com', allowedRoutes: AllowedRoutes.all() });
    this.gateway.addListener('https', {
      port: 443,
      protocol: ListenerProtocol.HTTPS,
      hostname: '*.example.com',
      tls: ListenerTls.terminate([Certificate.fromSecretName('wildcard-example-com')]),
      allowedRoutes: AllowedRoutes.all(),
    });
    new HttpsRedirect(this, 'ToHttps', { gateway: this.gateway, metadata: { name: 'https-redirect' } });

    const stable = Backend.fromServiceName('api-stable', { port: 80 });
    this.api = new HttpRoute(this, 'Api', {
      metadata: { name: 'api', namespace: 'production' },
      parents: [this.gateway.listener('https')],
      hostnames: ['api.example.com'],
      rules: [{ name: 'api', matches: [HttpMatch.pathPrefix('/api')], backends: [stable] }],
    });

    this.release = new CanaryRelease(this, 'ApiCanary', {
      route: this.api,
      stable,
      canary: Backend.fromServiceName('api-canary', { port: 80 }),
      plan: CanaryPlan.steps(10, 25, 50, 100),
      cohorts: [CanaryCohort.header('x-canary', 'always'), CanaryCohort.cookie('beta', 'yes')],
      stickyCookie: 'api-canary',
      mirrorPercent: 10,
    });
    this.release.atStep(1);
  }
}

if (require.main === module) {
  const app = new App();
  new CanaryReleaseChart(app, 'canary-release');
  app.synth();
}
