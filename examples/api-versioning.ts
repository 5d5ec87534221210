/**
 * ApiVersioning: the seed guide's `/v1` + `/v2` scheme on api.example.com,
 * with unversioned paths rewritten to `/v2`, and v1 announcing its
 * deprecation and sunset in response headers.
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ApiVersioning, Backend, Gateway } from '../src';

export class ApiVersioningChart extends Chart {
  /** The versioned API. */
  public readonly api: ApiVersioning;

  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: 'production' });

    const gateway = Gateway.fromGatewayName(this, 'MainGateway', 'main-gateway', { namespace: 'gateway-system' });
    this.api = new ApiVersioning(this, 'Api', {
      metadata: { name: 'api-versions' },
      parents: [gateway.listener('https')],
      hostnames: ['api.example.com'],
      versions: [
        { name: 'v2', backends: [Backend.fromServiceName('api-v2', { port: 80 })] },
        {
          name: 'v1',
          backends: [Backend.fromServiceName('api-v1', { port: 80 })],
          deprecation: {
            since: new Date('2026-01-01T00:00:00Z'),
            sunset: new Date('2026-12-31T00:00:00Z'),
            link: 'https://example.com/docs/api/v1-sunset',
          },
        },
      ],
      defaultVersion: 'v2',
    });
  }
}

if (require.main === module) {
  const app = new App();
  new ApiVersioningChart(app, 'api-versioning');
  app.synth();
}
