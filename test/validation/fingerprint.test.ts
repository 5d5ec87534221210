import { fingerprint } from '../../src/validation/fingerprint';

describe('fingerprint', () => {
  test('is 32-bit FNV-1a over the text, as an unsigned integer', () => {
    expect(fingerprint('')).toBe(0x811c9dc5);
    expect(fingerprint('a')).toBe(0xe40c292c);
    expect(fingerprint('foobar')).toBe(0xbf9cf968);
    expect(fingerprint('{"v":"a"}')).not.toBe(fingerprint('{"v":"b"}'));
  });
});
