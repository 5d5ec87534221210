/**
 * The seed guide's "Core Concepts": a GatewayClass, a Gateway with three
 * listeners and a basic HTTPRoute, written with the generated L1 classes.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { l1 } from '../src';

export class BasicChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    new l1.GatewayClass(this, 'envoy-gateway', {
      metadata: { name: 'envoy-gateway' },
      spec: {
        controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
        description: 'Envoy Gateway controller',
        parametersRef: {
          group: 'gateway.envoyproxy.io',
          kind: 'EnvoyProxy',
          name: 'custom-proxy-config',
          namespace: 'envoy-gateway-system',
        },
      },
    });

    new l1.Gateway(this, 'main-gateway', {
      metadata: { name: 'main-gateway', namespace: 'gateway-system' },
      spec: {
        gatewayClassName: 'envoy-gateway',
        listeners: [
          {
            name: 'http',
            port: 80,
            protocol: 'HTTP',
            hostname: '*.example.com',
            allowedRoutes: { namespaces: { from: 'All' } },
          },
          {
            name: 'https',
            port: 443,
            protocol: 'HTTPS',
            hostname: '*.example.com',
            tls: { mode: 'Terminate', certificateRefs: [{ name: 'wildcard-tls', namespace: 'gateway-system' }] },
            allowedRoutes: {
              namespaces: { from: 'Selector', selector: { matchLabels: { 'gateway-access': 'true' } } },
            },
          },
          {
            name: 'api',
            port: 443,
            protocol: 'HTTPS',
            hostname: 'api.example.com',
            tls: { mode: 'Terminate', certificateRefs: [{ name: 'api-tls' }] },
            allowedRoutes: { namespaces: { from: 'Same' } },
          },
        ],
      },
    });

    new l1.HTTPRoute(this, 'myapp-route', {
      metadata: { name: 'myapp-route', namespace: 'production' },
      spec: {
        parentRefs: [{ name: 'main-gateway', namespace: 'gateway-system', sectionName: 'https' }],
        hostnames: ['myapp.example.com'],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
            backendRefs: [{ name: 'api-service', port: 80 }],
          },
          {
            matches: [{ path: { type: 'PathPrefix', value: '/' } }],
            backendRefs: [{ name: 'frontend-service', port: 80 }],
          },
        ],
      },
    });
  }
}

if (require.main === module) {
  const app = new App();
  new BasicChart(app, 'basic');
  app.synth();
}
