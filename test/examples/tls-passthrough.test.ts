import { Testing } from 'cdk8s';
import { TlsPassthroughChart } from '../../examples/tls-passthrough';
import { describeObjects, describeSeedObjects } from '../support/seed-objects';

describe('examples/tls-passthrough', () => {
  test('synthesizes the seed scenario', () => {
    const objects = Testing.synth(new TlsPassthroughChart(Testing.app(), 'tls-passthrough'));
    expect(describeObjects(objects)).toEqual([
      'TLSRoute production/tls-passthrough',
    ]);
    expect(objects).toMatchSnapshot();
  });
});

describeSeedObjects('examples/tls-passthrough', () => new TlsPassthroughChart(Testing.app(), 'tls-passthrough'), [
  'TLSRoute production/tls-passthrough',
]);
