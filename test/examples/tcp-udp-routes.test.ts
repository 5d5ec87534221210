import { Testing } from 'cdk8s';
import { TcpUdpRoutesChart } from '../../examples/tcp-udp-routes';
import { describeObjects, describeSeedObjects } from '../support/seed-objects';

describe('examples/tcp-udp-routes', () => {
  test('synthesizes the seed scenario', () => {
    const objects = Testing.synth(new TcpUdpRoutesChart(Testing.app(), 'tcp-udp-routes'));
    expect(describeObjects(objects)).toEqual([
      'TCPRoute database/database-route',
      'UDPRoute dns/dns-route',
    ]);
    expect(objects).toMatchSnapshot();
  });
});

describeSeedObjects('examples/tcp-udp-routes', () => new TcpUdpRoutesChart(Testing.app(), 'tcp-udp-routes'), [
  'TCPRoute database/database-route',
  'UDPRoute dns/dns-route',
]);
