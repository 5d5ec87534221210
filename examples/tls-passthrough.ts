/**
 * The seed guide's TLSRoute (upgraded from v1alpha2 to v1): TLS connections
 * for secure.example.com arriving at main-gateway's `tls-passthrough`
 * listener go, still encrypted, to tls-backend.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Backend, Gateway, TlsRoute } from '../src';

export class TlsPassthroughChart extends Chart {
  /** The route. */
  public readonly route: TlsRoute;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    const mainGateway = Gateway.fromGatewayName(this, 'MainGateway', 'main-gateway', { namespace: 'gateway-system' });

    this.route = new TlsRoute(this, 'TlsPassthrough', {
      metadata: { name: 'tls-passthrough', namespace: 'production' },
      parents: [mainGateway.listener('tls-passthrough')],
      hostnames: ['secure.example.com'],
      rules: [{ backends: [Backend.fromServiceName('tls-backend', { port: 443 })] }],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new TlsPassthroughChart(app, 'tls-passthrough');
  app.synth();
}
