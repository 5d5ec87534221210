import { ApiObject, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { l1, Resource, ResourceProps } from '../src';

class Probe extends Resource {
  protected readonly apiObject: ApiObject;
  public constructor(scope: Construct, id: string, props: ResourceProps = {}) {
    super(scope, id);
    this.apiObject = new l1.ReferenceGrant(this, 'Resource', {
      metadata: props.metadata,
      spec: {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'a' }],
        to: [{ group: '', kind: 'Service' }],
      },
    });
  }
  public describe(): string {
    return `${this.where}`;
  }
}

describe('Resource', () => {
  test('reads name, namespace, group and kind from its Resource child', () => {
    const probe = new Probe(Testing.chart(), 'P', { metadata: { name: 'n', namespace: 'ns' } });
    expect([probe.name, probe.namespace, probe.apiGroup, probe.kind]).toEqual(['n', 'ns', 'gateway.networking.k8s.io', 'ReferenceGrant']);
    expect(probe.node.defaultChild).toBe(ApiObject.of(probe));
    expect(probe.describe()).toBe("ReferenceGrant 'test/P'");
    // errors name the construct by kind and path
    expect(probe._where).toMatchObject({ kind: 'ReferenceGrant', path: 'test/P' });
  });

  test('generates a name and takes the chart namespace by default', () => {
    const probe = new Probe(new Chart(Testing.app(), 'c', { namespace: 'apps' }), 'Probe');
    expect(probe.name).toMatch(/^c-probe-/);
    expect(probe.namespace).toBe('apps');
  });

  test('metadata can be extended after construction', () => {
    const chart = Testing.chart();
    const probe = new Probe(chart, 'P', { metadata: { name: 'n' } });
    probe.metadata.addLabel('team', 'edge');
    expect(Testing.synth(chart)[0].metadata.labels).toEqual({ team: 'edge' });
  });
});
