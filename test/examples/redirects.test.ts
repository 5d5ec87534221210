import { Testing } from 'cdk8s';
import { RedirectsChart } from '../../examples/redirects';
import { describeObjects, describeSeedObjects } from '../support/seed-objects';

describe('examples/redirects', () => {
  test('synthesizes the seed scenario', () => {
    const objects = Testing.synth(new RedirectsChart(Testing.app(), 'redirects'));
    expect(describeObjects(objects)).toEqual([
      'HTTPRoute production/redirect-example',
    ]);
    expect(objects).toMatchSnapshot();
  });
});

describeSeedObjects('examples/redirects', () => new RedirectsChart(Testing.app(), 'redirects'), [
  'HTTPRoute production/redirect-example',
]);
