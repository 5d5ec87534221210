/**
 * The seed guide's "Cross-Namespace References": the two ReferenceGrants it
 * writes by hand (upgraded from v1beta1 to v1), written with the L2, and
 * next to them a grant the library creates on its own: a Gateway whose
 * certificate Secret lives in another namespace gets the ReferenceGrant it
 * needs in that namespace.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AllowedRoutes, Certificate, Gateway, GatewayClass, ListenerProtocol, ListenerTls, ReferenceGrant,
} from '../src';

const GATEWAY_API = 'gateway.networking.k8s.io';

export class CrossNamespaceChart extends Chart {
  /** The seed's grant that lets HTTPRoutes of production and staging use the wildcard certificate. */
  public readonly productionRoutes: ReferenceGrant;
  /** The seed's grant that lets HTTPRoutes of gateway-system reach Services in production. */
  public readonly gatewayToBackends: ReferenceGrant;
  /** A Gateway whose certificate is in the `cert-store` namespace. */
  public readonly gateway: Gateway;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.productionRoutes = new ReferenceGrant(this, 'AllowProductionRoutes', {
      metadata: { name: 'allow-production-routes', namespace: 'gateway-system' },
      from: [
        { group: GATEWAY_API, kind: 'HTTPRoute', namespace: 'production' },
        { group: GATEWAY_API, kind: 'HTTPRoute', namespace: 'staging' },
      ],
      to: [{ group: '', kind: 'Secret', name: 'wildcard-tls' }],
    });

    this.gatewayToBackends = new ReferenceGrant(this, 'AllowGatewayToBackends', {
      metadata: { name: 'allow-gateway-to-backends', namespace: 'production' },
      from: [{ group: GATEWAY_API, kind: 'HTTPRoute', namespace: 'gateway-system' }],
      to: [{ group: '', kind: 'Service' }],
    });

    // The automatic kind: the certificate is in another namespace, so the
    // Gateway creates `allow-gateway-from-gateway-system` in `cert-store`
    // (opt out with `referenceGrants: ReferenceGrantPolicy.NONE`).
    this.gateway = new Gateway(this, 'EdgeGateway', {
      metadata: { name: 'edge-gateway', namespace: 'gateway-system' },
      gatewayClass: GatewayClass.fromGatewayClassName(this, 'EnvoyGateway', 'envoy-gateway'),
    });
    this.gateway.addListener('https', {
      port: 443,
      protocol: ListenerProtocol.HTTPS,
      hostname: '*.example.com',
      tls: ListenerTls.terminate([Certificate.fromSecretName('shared-wildcard-tls', { namespace: 'cert-store' })]),
      allowedRoutes: AllowedRoutes.all(),
    });
  }
}

if (require.main === module) {
  const app = new App();
  new CrossNamespaceChart(app, 'cross-namespace');
  app.synth();
}
