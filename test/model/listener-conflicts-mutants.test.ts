import { findListenerConflicts, listenerConflict } from '../../src/model';

describe('listener conflicts between the TLS family and TCP', () => {
  const l = (name: string, protocol: string, hostname?: string) => ({ name, port: 443, protocol, ...(hostname !== undefined ? { hostname } : {}) });

  test('TLS or HTTPS and TCP on one port conflict on protocol, whatever the hostnames', () => {
    expect(listenerConflict(l('tls', 'TLS', 'a.example.com'), l('tcp', 'TCP'))).toBe('ProtocolConflict');
    expect(listenerConflict(l('tcp', 'TCP'), l('tls', 'TLS', 'a.example.com'))).toBe('ProtocolConflict');
    expect(listenerConflict(l('https', 'HTTPS', 'a.example.com'), l('tcp', 'TCP', 'b.example.com'))).toBe('ProtocolConflict');
    expect(findListenerConflicts([l('tls', 'TLS', 'a.example.com'), l('tcp', 'TCP')])).toEqual(new Map([['tls', 'ProtocolConflict'], ['tcp', 'ProtocolConflict']]));
  });

  test('TLS and HTTPS with distinct hostnames share the port (the negative case)', () => {
    expect(listenerConflict(l('tls', 'TLS', 'a.example.com'), l('https', 'HTTPS', 'b.example.com'))).toBeUndefined();
    expect(listenerConflict(l('tls', 'TLS', 'a.example.com'), l('https', 'HTTPS', 'a.example.com'))).toBe('HostnameConflict');
  });
});
