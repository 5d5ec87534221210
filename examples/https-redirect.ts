/**
 * HttpsRedirect: the shop is served on HTTPS; plain HTTP to its hostname is
 * redirected (301) to HTTPS with host, path and query kept, except the ACME
 * HTTP-01 challenge path, which is forwarded over HTTP to the solver.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AllowedRoutes, Backend, Certificate, Gateway, GatewayClass, HttpRoute, HttpsRedirect, ListenerProtocol, ListenerTls,
} from '../src';

export class HttpsRedirectChart extends Chart {
  /** The Gateway, with an HTTP and an HTTPS listener. */
  public readonly gateway: Gateway;
  /** The shop, on HTTPS. */
  public readonly shop: HttpRoute;
  /** The redirect. */
  public readonly redirect: HttpsRedirect;

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

    this.shop = new HttpRoute(this, 'Shop', {
      metadata: { name: 'shop', namespace: 'shop' },
      parents: [this.gateway.listener('https')],
      hostnames: ['shop.example.com'],
      rules: [{ backends: [Backend.fromServiceName('shop', { port: 80 })] }],
    });

    this.redirect = new HttpsRedirect(this, 'ShopToHttps', {
      gateway: this.gateway,
      routes: [this.shop],
      keepPaths: ['/.well-known/acme-challenge/'],
      keepBackend: Backend.fromServiceName('acme-http01-solver', { port: 8089 }),
      metadata: { name: 'shop-https-redirect' },
    });
  }
}

if (require.main === module) {
  const app = new App();
  new HttpsRedirectChart(app, 'https-redirect');
  app.synth();
}
