import { Testing } from 'cdk8s';
import { HttpBasicChart } from '../../examples/http-basic';
import { describeObjects, describeSeedObjects } from '../support/seed-objects';

describe('examples/http-basic', () => {
  test('synthesizes the seed scenario', () => {
    const objects = Testing.synth(new HttpBasicChart(Testing.app(), 'http-basic'));
    expect(describeObjects(objects)).toEqual([
      'HTTPRoute production/myapp-route',
    ]);
    expect(objects).toMatchSnapshot();
  });
});

describeSeedObjects('examples/http-basic', () => new HttpBasicChart(Testing.app(), 'http-basic'), [
  'HTTPRoute production/myapp-route',
]);
