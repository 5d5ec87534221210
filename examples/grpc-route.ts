/**
 * The seed guide's GRPCRoute (upgraded from v1alpha2 to v1): calls to
 * mypackage.UserService go to user-service, OrderService/CreateOrder to
 * order-service, and everything else to grpc-default.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Backend, Gateway, GrpcMatch, GrpcRoute } from '../src';

export class GrpcRouteChart extends Chart {
  /** The route. */
  public readonly route: GrpcRoute;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    const mainGateway = Gateway.fromGatewayName(this, 'MainGateway', 'main-gateway', { namespace: 'gateway-system' });

    this.route = new GrpcRoute(this, 'GrpcApi', {
      metadata: { name: 'grpc-api', namespace: 'production' },
      parents: [mainGateway],
      hostnames: ['grpc.example.com'],
    });
    // Route by service name
    this.route.addRule({
      matches: [GrpcMatch.exact({ service: 'mypackage.UserService' })],
      backends: [Backend.fromServiceName('user-service', { port: 50051 })],
    });
    // Route by specific method
    this.route.addRule({
      matches: [GrpcMatch.exact({ service: 'mypackage.OrderService', method: 'CreateOrder' })],
      backends: [Backend.fromServiceName('order-service', { port: 50051 })],
    });
    // Default route
    this.route.addRule({ backends: [Backend.fromServiceName('grpc-default', { port: 50051 })] });
  }
}

if (require.main === module) {
  const app = new App();
  new GrpcRouteChart(app, 'grpc-route');
  app.synth();
}
