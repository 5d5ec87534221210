import { Testing } from 'cdk8s';
import { CompleteChart } from '../../examples/complete';
import { describeObjects, describeSeedObjects } from '../support/seed-objects';

describe('examples/complete', () => {
  test('synthesizes the seed scenario', () => {
    const objects = Testing.synth(new CompleteChart(Testing.app(), 'complete'));
    expect(describeObjects(objects)).toEqual([
      'Gateway gateway-system/production-gateway',
      'HTTPRoute production/frontend',
      'HTTPRoute production/api',
      'HTTPRoute gateway-system/health',
    ]);
    expect(objects).toMatchSnapshot();
  });
});

describeSeedObjects('examples/complete', () => new CompleteChart(Testing.app(), 'complete'), [
  'Gateway gateway-system/production-gateway',
  'HTTPRoute production/frontend',
  'HTTPRoute production/api',
  'HTTPRoute gateway-system/health',
]);
