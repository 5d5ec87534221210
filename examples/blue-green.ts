/**
 * BlueGreen: shop.example.com is served by the green deployment after the
 * switch; blue stays reachable at preview.shop.example.com and with the
 * `x-preview: true` header, until the next switch.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Backend, BlueGreen, BlueGreenColor, Gateway, HeaderMatch } from '../src';

export class BlueGreenChart extends Chart {
  /** The blue/green deployment. */
  public readonly shop: BlueGreen;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'shop' });

    const gateway = Gateway.fromGatewayName(this, 'MainGateway', 'main-gateway', { namespace: 'gateway-system' });
    this.shop = new BlueGreen(this, 'Shop', {
      metadata: { name: 'shop' },
      parents: [gateway.listener('https')],
      hostnames: ['shop.example.com'],
      blue: Backend.fromServiceName('shop-blue', { port: 80 }),
      green: Backend.fromServiceName('shop-green', { port: 80 }),
      active: BlueGreenColor.BLUE,
      previewHostname: 'preview.shop.example.com',
      previewHeader: HeaderMatch.exact('x-preview', 'true'),
    });
    this.shop.switchTo(BlueGreenColor.GREEN);
  }
}

if (require.main === module) {
  const app = new App();
  new BlueGreenChart(app, 'blue-green');
  app.synth();
}
