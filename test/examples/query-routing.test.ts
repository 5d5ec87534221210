import { Testing } from 'cdk8s';
import { QueryRoutingChart } from '../../examples/query-routing';
import { describeObjects, describeSeedObjects } from '../support/seed-objects';

describe('examples/query-routing', () => {
  test('synthesizes the seed scenario', () => {
    const objects = Testing.synth(new QueryRoutingChart(Testing.app(), 'query-routing'));
    expect(describeObjects(objects)).toEqual([
      'HTTPRoute production/query-routing',
    ]);
    expect(objects).toMatchSnapshot();
  });
});

describeSeedObjects('examples/query-routing', () => new QueryRoutingChart(Testing.app(), 'query-routing'), [
  'HTTPRoute production/query-routing',
]);
