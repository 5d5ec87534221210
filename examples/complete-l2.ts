/**
 * The seed guide's "Complete Example" transcribed object for object with the
 * L2 constructs (examples/complete.ts writes the same setup with the
 * patterns): the production-gateway (with its
 * cert-manager annotation) for every namespace on HTTP and HTTPS, the
 * frontend and versioned api routes in `production`, and a health check
 * route next to the Gateway in `gateway-system`.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AllowedRoutes, Backend, Certificate, Filter, Gateway, GatewayClass, HttpMatch, HttpRoute, ListenerProtocol, ListenerTls, PathModifier,
} from '../src';

export class CompleteL2Chart extends Chart {
  /** The Gateway. */
  public readonly gateway: Gateway;
  /** The frontend route. */
  public readonly frontend: HttpRoute;
  /** The versioned API route. */
  public readonly api: HttpRoute;
  /** The health check route. */
  public readonly health: HttpRoute;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.gateway = new Gateway(this, 'ProductionGateway', {
      metadata: {
        name: 'production-gateway',
        namespace: 'gateway-system',
        annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-prod' },
      },
      gatewayClass: GatewayClass.fromGatewayClassName(this, 'EnvoyGateway', 'envoy-gateway'),
    });
    this.gateway.addListener('http', {
      port: 80,
      protocol: ListenerProtocol.HTTP,
      hostname: '*.example.com',
      allowedRoutes: AllowedRoutes.all(),
    });
    this.gateway.addListener('https', {
      port: 443,
      protocol: ListenerProtocol.HTTPS,
      hostname: '*.example.com',
      tls: ListenerTls.terminate([Certificate.fromSecretName('wildcard-example-com')]),
      allowedRoutes: AllowedRoutes.all(),
    });

    // Frontend HTTPRoute
    this.frontend = new HttpRoute(this, 'Frontend', {
      metadata: { name: 'frontend', namespace: 'production' },
      parents: [this.gateway],
      hostnames: ['www.example.com', 'example.com'],
      rules: [{ matches: [HttpMatch.pathPrefix('/')], backends: [Backend.fromServiceName('frontend', { port: 80 })] }],
    });

    // API HTTPRoute with versioning
    this.api = new HttpRoute(this, 'Api', {
      metadata: { name: 'api', namespace: 'production' },
      parents: [this.gateway],
      hostnames: ['api.example.com'],
    });
    // v2 API (canary)
    this.api.addRule({
      matches: [HttpMatch.pathPrefix('/v2')],
      backends: [Backend.fromServiceName('api-v2', { port: 80 })],
    });
    // v1 API with traffic split
    this.api.addRule({
      matches: [HttpMatch.pathPrefix('/v1')],
      backends: [
        Backend.fromServiceName('api-v1-stable', { port: 80, weight: 95 }),
        Backend.fromServiceName('api-v1-canary', { port: 80, weight: 5 }),
      ],
    });
    // Default to v1
    this.api.addRule({
      matches: [HttpMatch.pathPrefix('/')],
      filters: [Filter.urlRewrite({ path: PathModifier.replacePrefixMatch('/v1') })],
      backends: [Backend.fromServiceName('api-v1-stable', { port: 80 })],
    });

    // Health check endpoint, in the Gateway's own namespace
    this.health = new HttpRoute(this, 'Health', {
      metadata: { name: 'health', namespace: 'gateway-system' },
      parents: [this.gateway],
      hostnames: ['*.example.com'],
      rules: [{ matches: [HttpMatch.pathExact('/healthz')], backends: [Backend.fromServiceName('health-service', { port: 80 })] }],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new CompleteL2Chart(app, 'complete-l2');
  app.synth();
}
