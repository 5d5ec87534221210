import { hostnameMatches } from '../../src/model';
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

  test('a wildcard bucket serves a host only across a dot boundary (as the model matches)', () => {
    const w = new HostnameTable<string>();
    w.add(['*.example.com'], 'wild');
    expect(w.buckets('badexample.com')).toEqual([]);
    expect(w.buckets('example.com')).toEqual([]);
    expect(w.buckets('a.b.example.com').map((b) => b.hostname)).toEqual(['*.example.com']);
  });

  test('the buckets of a host are exactly the hostnames the model matches it with', () => {
    // '*.' is below the schema (admission refuses it); it is the one pattern on which the table's own
    // suffix walk and the model used to disagree (the walk never tried the last dot), so it pins the table to the model.
    const patterns = ['a.b.example.com', '*.b.example.com', '*.example.com', '*.com', 'badexample.com', '*.badexample.com', '*.'];
    const table = new HostnameTable<string>();
    for (const p of patterns) table.add([p], p);
    for (const host of ['a.b.example.com', 'x.a.b.example.com', 'badexample.com', 'a.badexample.com', 'example.com', 'EXAMPLE.com', 'x..example.com', 'localhost', 'example.com.']) {
      const found = table.buckets(host).map((b) => b.hostname);
      expect([...found].sort()).toEqual(patterns.filter((p) => hostnameMatches(p, host)).sort());
    }
  });

  test('all() lists exact hostnames, then wildcards, then every host', () => {
    expect(t.all().map((b) => b.hostname)).toEqual(['a.b.example.com', '*.b.example.com', '*.example.com', undefined]);
  });

  test('hostnames are case-insensitive', () => {
    expect(t.buckets('A.B.Example.COM')[0].entries).toEqual(['exact']);
  });
});
