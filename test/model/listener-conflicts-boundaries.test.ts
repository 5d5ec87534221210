import { findListenerConflicts, listenerConflict, listenerConflictAdvice } from '../../src/model';

// Listener conflicts on both sides of each rule: another port or transport never conflicts, HTTPS and TLS
// are one family, a hostname differing only in case is the same hostname, and a ProtocolConflict is not
// downgraded by a later HostnameConflict of the same listener.
describe('listener conflict boundaries', () => {
  const l = (name: string, port: number, protocol: string, hostname?: string) => ({ name, port, protocol, ...(hostname !== undefined ? { hostname } : {}) });

  test('another port, or TCP against UDP on one port, never conflicts', () => {
    expect(listenerConflict(l('a', 80, 'HTTP'), l('b', 81, 'HTTP'))).toBeUndefined();
    expect(listenerConflict(l('a', 53, 'TCP'), l('b', 53, 'UDP'))).toBeUndefined();
    expect(listenerConflict(l('a', 53, 'UDP'), l('b', 53, 'UDP'))).toBe('HostnameConflict');
    expect(listenerConflict(l('a', 80, 'HTTP'), l('b', 80, 'UDP'))).toBeUndefined();
  });

  test('families: HTTPS and TLS share one; HTTP, TCP and an unknown protocol each are their own', () => {
    expect(listenerConflict(l('a', 443, 'HTTPS', 'a.example.com'), l('b', 443, 'TLS', 'b.example.com'))).toBeUndefined();
    expect(listenerConflict(l('a', 443, 'HTTPS', 'a.example.com'), l('b', 443, 'TLS', 'a.example.com'))).toBe('HostnameConflict');
    expect(listenerConflict(l('a', 80, 'HTTP'), l('b', 80, 'TCP'))).toBe('ProtocolConflict');
    expect(listenerConflict(l('a', 80, 'HTTP', 'x'), l('b', 80, 'HTTPS', 'y'))).toBe('ProtocolConflict');
    expect(listenerConflict(l('a', 80, 'example.com/proto'), l('b', 80, 'example.com/other'))).toBe('ProtocolConflict');
    expect(listenerConflict(l('a', 80, 'example.com/proto'), l('b', 80, 'example.com/proto'))).toBe('HostnameConflict');
  });

  test('hostnames compare without case; absent and empty are the same; different hostnames do not conflict', () => {
    expect(listenerConflict(l('a', 80, 'HTTP', 'A.example.com'), l('b', 80, 'HTTP', 'a.EXAMPLE.com'))).toBe('HostnameConflict');
    expect(listenerConflict(l('a', 80, 'HTTP'), l('b', 80, 'HTTP', ''))).toBe('HostnameConflict');
    expect(listenerConflict(l('a', 80, 'HTTP', '*.example.com'), l('b', 80, 'HTTP', 'a.example.com'))).toBeUndefined();
    expect(listenerConflict(l('a', 80, 'HTTP'), l('b', 80, 'HTTP', 'a.example.com'))).toBeUndefined();
  });

  test('findListenerConflicts marks both sides, keeps ProtocolConflict over a later HostnameConflict, and leaves others out', () => {
    const found = findListenerConflicts([
      l('web', 80, 'HTTP'), l('raw', 80, 'TCP'), l('web2', 80, 'HTTP'), l('ok', 8080, 'HTTP'), l('api', 443, 'HTTPS', 'api.example.com'), l('api2', 443, 'HTTPS', 'www.example.com'),
    ]);
    expect([...found.entries()].sort()).toEqual([['raw', 'ProtocolConflict'], ['web', 'ProtocolConflict'], ['web2', 'ProtocolConflict']]);
    const hostOnly = findListenerConflicts([l('a', 80, 'HTTP', 'x.example.com'), l('b', 80, 'HTTP', 'X.example.com'), l('c', 80, 'HTTP', 'y.example.com')]);
    expect([...hostOnly.entries()].sort()).toEqual([['a', 'HostnameConflict'], ['b', 'HostnameConflict']]);
    expect(findListenerConflicts([]).size).toBe(0);
  });

  test('the advice names the protocols or the hostname', () => {
    expect(listenerConflictAdvice(l('a', 80, 'HTTP'), l('b', 80, 'TCP'), 'ProtocolConflict'))
      .toBe('HTTP and TCP cannot share a port (HTTP, HTTPS/TLS and TCP each need their own); move one to another port');
    expect(listenerConflictAdvice(l('a', 80, 'HTTP', 'a.example.com'), l('b', 80, 'HTTP', 'a.example.com'), 'HostnameConflict'))
      .toBe('both would take the same hostname a.example.com on that port; give them distinct hostnames or ports');
    expect(listenerConflictAdvice(l('a', 80, 'HTTP'), l('b', 80, 'HTTP'), 'HostnameConflict'))
      .toBe('both would take the same hostname-less traffic on that port; give them distinct hostnames or ports');
  });
});
