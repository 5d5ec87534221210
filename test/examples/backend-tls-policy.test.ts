import { Testing } from 'cdk8s';
import { BackendTlsPolicyChart } from '../../examples/backend-tls-policy';

describe('examples/backend-tls-policy', () => {
  test('synthesizes the seed guide\'s BackendTLSPolicy in the v1 schema', () => {
    const objects = Testing.synth(new BackendTlsPolicyChart(Testing.app(), 'backend-tls-policy'));
    expect(objects).toEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'BackendTLSPolicy',
      metadata: { name: 'backend-tls', namespace: 'production' },
      spec: {
        targetRefs: [{ group: '', kind: 'Service', name: 'secure-backend' }],
        validation: {
          caCertificateRefs: [{ group: '', kind: 'Secret', name: 'backend-ca' }],
          hostname: 'secure-backend.production.svc.cluster.local',
        },
      },
    }]);
    expect(objects).toMatchSnapshot();
  });
});
