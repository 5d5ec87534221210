import { findListenerConflicts, listenerConflict, listenerConflictAdvice } from '../../src/model';

describe('listener conflicts', () => {
  test('different ports never conflict', () => {
    expect(listenerConflict({ name: 'a', port: 80, protocol: 'HTTP' }, { name: 'b', port: 81, protocol: 'TCP' })).toBeUndefined();
  });
  test('HTTP and HTTPS on one port is a ProtocolConflict; HTTPS and TLS share a port', () => {
    expect(listenerConflict({ name: 'a', port: 443, protocol: 'HTTP' }, { name: 'b', port: 443, protocol: 'HTTPS', hostname: 'x.com' })).toBe('ProtocolConflict');
    expect(listenerConflict({ name: 'a', port: 443, protocol: 'TLS', hostname: 'a.com' }, { name: 'b', port: 443, protocol: 'HTTPS', hostname: 'b.com' })).toBeUndefined();
  });
  test('UDP may share a port number with TCP', () => {
    expect(listenerConflict({ name: 'a', port: 53, protocol: 'UDP' }, { name: 'b', port: 53, protocol: 'TCP' })).toBeUndefined();
  });
  test('same port, protocol and hostname is a HostnameConflict (absent counts as equal)', () => {
    expect(listenerConflict({ name: 'a', port: 80, protocol: 'HTTP', hostname: 'A.com' }, { name: 'b', port: 80, protocol: 'HTTP', hostname: 'a.com' })).toBe('HostnameConflict');
    expect(listenerConflict({ name: 'a', port: 80, protocol: 'HTTP' }, { name: 'b', port: 80, protocol: 'HTTP' })).toBe('HostnameConflict');
    expect(listenerConflict({ name: 'a', port: 80, protocol: 'HTTP', hostname: 'a.com' }, { name: 'b', port: 80, protocol: 'HTTP' })).toBeUndefined();
  });
  test('findListenerConflicts marks every party, ProtocolConflict winning', () => {
    const m = findListenerConflicts([
      { name: 'web', port: 80, protocol: 'HTTP' },
      { name: 'web2', port: 80, protocol: 'HTTP' },
      { name: 'tcp', port: 80, protocol: 'TCP' },
      { name: 'ok', port: 8080, protocol: 'HTTP' },
    ]);
    expect([...m.entries()].sort()).toEqual([['tcp', 'ProtocolConflict'], ['web', 'ProtocolConflict'], ['web2', 'ProtocolConflict']]);
    expect(findListenerConflicts([{ name: 'a', port: 80, protocol: 'HTTP', hostname: 'x' }, { name: 'b', port: 80, protocol: 'HTTP', hostname: 'x' }]))
      .toEqual(new Map([['a', 'HostnameConflict'], ['b', 'HostnameConflict']]));
  });
});

describe('listenerConflictAdvice', () => {
  test('names the protocols of a ProtocolConflict and the hostname of a HostnameConflict', () => {
    expect(listenerConflictAdvice({ name: 'a', port: 80, protocol: 'HTTP' }, { name: 'b', port: 80, protocol: 'TCP' }, 'ProtocolConflict'))
      .toBe('HTTP and TCP cannot share a port (HTTP, HTTPS/TLS and TCP each need their own); move one to another port');
    expect(listenerConflictAdvice({ name: 'a', port: 443, protocol: 'HTTPS', hostname: 'x.io' }, { name: 'b', port: 443, protocol: 'TLS', hostname: 'x.io' }, 'HostnameConflict'))
      .toBe('both would take the same hostname x.io on that port; give them distinct hostnames or ports');
    expect(listenerConflictAdvice({ name: 'a', port: 80, protocol: 'HTTP' }, { name: 'b', port: 80, protocol: 'HTTP' }, 'HostnameConflict'))
      .toBe('both would take the same hostname-less traffic on that port; give them distinct hostnames or ports');
  });
});
