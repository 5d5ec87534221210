import { Testing } from 'cdk8s';
import { RequestResponseModificationChart } from '../../examples/request-response-modification';
import { describeObjects, describeSeedObjects } from '../support/seed-objects';

describe('examples/request-response-modification', () => {
  test('synthesizes the seed scenario', () => {
    const objects = Testing.synth(new RequestResponseModificationChart(Testing.app(), 'request-response-modification'));
    expect(describeObjects(objects)).toEqual([
      'HTTPRoute production/filter-example',
    ]);
    expect(objects).toMatchSnapshot();
  });
});

describeSeedObjects('examples/request-response-modification', () => new RequestResponseModificationChart(Testing.app(), 'request-response-modification'), [
  'HTTPRoute production/filter-example',
]);
