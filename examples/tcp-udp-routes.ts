/**
 * The seed guide's TCPRoute and UDPRoute (upgraded from v1alpha2 to v1):
 * PostgreSQL through the `postgres` listener of tcp-gateway, and DNS through
 * udp-gateway.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Backend, Gateway, TcpRoute, UdpRoute } from '../src';

export class TcpUdpRoutesChart extends Chart {
  /** The TCP route. */
  public readonly tcpRoute: TcpRoute;
  /** The UDP route. */
  public readonly udpRoute: UdpRoute;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    const tcpGateway = Gateway.fromGatewayName(this, 'TcpGateway', 'tcp-gateway', { namespace: 'gateway-system' });
    const udpGateway = Gateway.fromGatewayName(this, 'UdpGateway', 'udp-gateway', { namespace: 'gateway-system' });

    this.tcpRoute = new TcpRoute(this, 'DatabaseRoute', {
      metadata: { name: 'database-route', namespace: 'database' },
      parents: [tcpGateway.listener('postgres')],
      rules: [{ backends: [Backend.fromServiceName('postgres', { port: 5432 })] }],
    });

    this.udpRoute = new UdpRoute(this, 'DnsRoute', {
      metadata: { name: 'dns-route', namespace: 'dns' },
      parents: [udpGateway],
      rules: [{ backends: [Backend.fromServiceName('coredns', { port: 53 })] }],
    });
  }
}

if (require.main === module) {
  const app = new App();
  new TcpUdpRoutesChart(app, 'tcp-udp-routes');
  app.synth();
}
