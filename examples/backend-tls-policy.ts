/**
 * The seed guide's "Backend TLS Policy", upgraded from v1alpha2 to the v1
 * schema: `targetRef` became the `targetRefs` list, and `tls.caCertRefs` /
 * `tls.hostname` became `validation.caCertificateRefs` /
 * `validation.hostname`. The CA bundle stays a Secret, as in the seed
 * (ConfigMaps are the portable choice: `CaCertificate.fromConfigMapName`).
 */
import { App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { BackendTlsPolicy, BackendTlsTrust, CaCertificate, PolicyTarget } from '../src';

export class BackendTlsPolicyChart extends Chart {
  /** The policy. */
  public readonly policy: BackendTlsPolicy;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.policy = new BackendTlsPolicy(this, 'BackendTls', {
      metadata: { name: 'backend-tls', namespace: 'production' },
      targets: [PolicyTarget.fromServiceName('secure-backend')],
      trust: BackendTlsTrust.caCertificates(CaCertificate.fromSecretName('backend-ca')),
      hostname: 'secure-backend.production.svc.cluster.local',
    });
  }
}

if (require.main === module) {
  const app = new App();
  new BackendTlsPolicyChart(app, 'backend-tls-policy');
  app.synth();
}
