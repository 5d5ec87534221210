import { HostnameTable } from '../../src/testing/route-table';

describe('HostnameTable', () => {
  const t = new HostnameTable<string>();
  t.add(['a.b.example.com'], 'exact');
  t.add(['*.b.example.com'], 'wild-b');
  t.add(['*.example.com'], 'wild');
  t.add(undefined, 'any');
  t.sort((x, y) => x.localeCompare(y));

  test('walks only the buckets that serve the host, most specific first', () => {
    expect(t.buckets('a.b.example.com').map((b) => [b.hostname, b.entries])).toEqual([
      ['a.b.example.com', ['exact']], ['*.b.example.com', ['wild-b']], ['*.example.com', ['wild']], [undefined, ['any']],
    ]);
    expect(t.buckets('x.example.com').map((b) => b.hostname)).toEqual(['*.example.com', undefined]);
    expect(t.buckets('example.com').map((b) => b.hostname)).toEqual([undefined]);
    expect(t.buckets(undefined).map((b) => b.hostname)).toEqual([undefined]);
  });

  test('hostnames are case-insensitive', () => {
    expect(t.buckets('A.B.Example.COM')[0].entries).toEqual(['exact']);
  });
});
