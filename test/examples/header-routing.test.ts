import { Testing } from 'cdk8s';
import { HeaderRoutingChart } from '../../examples/header-routing';
import { describeObjects, describeSeedObjects } from '../support/seed-objects';

describe('examples/header-routing', () => {
  test('synthesizes the seed scenario', () => {
    const objects = Testing.synth(new HeaderRoutingChart(Testing.app(), 'header-routing'));
    expect(describeObjects(objects)).toEqual([
      'HTTPRoute production/header-routing',
    ]);
    expect(objects).toMatchSnapshot();
  });
});

describeSeedObjects('examples/header-routing', () => new HeaderRoutingChart(Testing.app(), 'header-routing'), [
  'HTTPRoute production/header-routing',
]);
