import { Testing } from 'cdk8s';
import { CanaryChart } from '../../examples/canary';
import { describeObjects, describeSeedObjects } from '../support/seed-objects';

describe('examples/canary', () => {
  test('synthesizes the seed scenario', () => {
    const objects = Testing.synth(new CanaryChart(Testing.app(), 'canary'));
    expect(describeObjects(objects)).toEqual([
      'HTTPRoute production/canary-release',
    ]);
    expect(objects).toMatchSnapshot();
  });
});

describeSeedObjects('examples/canary', () => new CanaryChart(Testing.app(), 'canary'), [
  'HTTPRoute production/canary-release',
]);
