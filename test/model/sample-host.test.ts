import { sampleHost } from '../../src/model';

describe('sampleHost: a concrete host inside a hostname pattern', () => {
  test('an exact hostname is its own sample', () => {
    expect(sampleHost('api.example.com', ['api.example.com'])).toBe('api.example.com');
  });

  test('a wildcard gives host.<domain>, skipping exact names that are taken (host, then host1, ...)', () => {
    expect(sampleHost('*.example.com', [])).toBe('host.example.com');
    expect(sampleHost('*.example.com', [undefined, 'host.example.com'])).toBe('host1.example.com');
    expect(sampleHost('*.example.com', ['host.example.com', 'host1.example.com'])).toBe('host2.example.com');
    expect(sampleHost('*.example.com', ['host.other.com'])).toBe('host.example.com');
  });
});
