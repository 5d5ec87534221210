import { Testing } from 'cdk8s';
import { GrpcRouteChart } from '../../examples/grpc-route';
import { describeObjects, describeSeedObjects } from '../support/seed-objects';

describe('examples/grpc-route', () => {
  test('synthesizes the seed scenario', () => {
    const objects = Testing.synth(new GrpcRouteChart(Testing.app(), 'grpc-route'));
    expect(describeObjects(objects)).toEqual([
      'GRPCRoute production/grpc-api',
    ]);
    expect(objects).toMatchSnapshot();
  });
});

describeSeedObjects('examples/grpc-route', () => new GrpcRouteChart(Testing.app(), 'grpc-route'), [
  'GRPCRoute production/grpc-api',
]);
