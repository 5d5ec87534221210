import { WELL_KNOWN_CA_SETS, isStandardWellKnownCaSet } from '../../src/model';

describe('wellKnownCACertificates values Gateway API defines', () => {
  test('System is the one standard value', () => {
    expect(WELL_KNOWN_CA_SETS).toEqual(['System']);
    expect(isStandardWellKnownCaSet('System')).toBe(true);
  });
  test('case-sensitive, exact; implementation-specific names are not standard', () => {
    for (const v of ['system', 'SYSTEM', 'System ', '', 'example.com/corp-ca', 'Systems']) {
      expect(isStandardWellKnownCaSet(v)).toBe(false);
    }
  });
});
