import { Testing } from 'cdk8s';
import { CompleteL2Chart } from '../../examples/complete-l2';
import { describeObjects, describeSeedObjects } from '../support/seed-objects';

describe('examples/complete-l2', () => {
  test('synthesizes the seed scenario', () => {
    const objects = Testing.synth(new CompleteL2Chart(Testing.app(), 'complete-l2'));
    expect(describeObjects(objects)).toEqual([
      'Gateway gateway-system/production-gateway',
      'HTTPRoute production/frontend',
      'HTTPRoute production/api',
      'HTTPRoute gateway-system/health',
    ]);
    expect(objects).toMatchSnapshot();
  });
});

describeSeedObjects('examples/complete-l2', () => new CompleteL2Chart(Testing.app(), 'complete-l2'), [
  'Gateway gateway-system/production-gateway',
  'HTTPRoute production/frontend',
  'HTTPRoute production/api',
  'HTTPRoute gateway-system/health',
]);
