/**
 * The seed guide's "Core Concepts": the Envoy GatewayClass and the
 * `main-gateway` Gateway with an HTTP listener open to every namespace, a
 * wildcard HTTPS listener for namespaces labelled `gateway-access: "true"`,
 * and an HTTPS listener for api.example.com limited to its own namespace.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { AllowedRoutes, Certificate, Gateway, GatewayClass, ListenerProtocol, ListenerTls } from '../src';

export class GatewayChart extends Chart {
  /** The GatewayClass. */
  public readonly gatewayClass: GatewayClass;
  /** The Gateway. */
  public readonly gateway: Gateway;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.gatewayClass = new GatewayClass(this, 'EnvoyGateway', {
      metadata: { name: 'envoy-gateway' },
      controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
      description: 'Envoy Gateway controller',
      parametersRef: {
        group: 'gateway.envoyproxy.io',
        kind: 'EnvoyProxy',
        name: 'custom-proxy-config',
        namespace: 'envoy-gateway-system',
      },
    });

    this.gateway = new Gateway(this, 'MainGateway', {
      metadata: { name: 'main-gateway', namespace: 'gateway-system' },
      gatewayClass: this.gatewayClass,
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
      tls: ListenerTls.terminate([Certificate.fromSecretName('wildcard-tls', { namespace: 'gateway-system' })]),
      allowedRoutes: AllowedRoutes.fromNamespacesWithLabels({ 'gateway-access': 'true' }),
    });

    this.gateway.addListener('api', {
      port: 443,
      protocol: ListenerProtocol.HTTPS,
      hostname: 'api.example.com',
      tls: ListenerTls.terminate([Certificate.fromSecretName('api-tls')]),
      allowedRoutes: AllowedRoutes.same(),
    });
  }
}

if (require.main === module) {
  const app = new App();
  new GatewayChart(app, 'gateway');
  app.synth();
}
