import {
  checkDnsLabel, checkDomainPrefixed, checkGroup, checkHostname, checkKind, checkLabelKey, checkLabelValue,
  checkLength, checkMaxItems, checkObjectName, checkPort, checkPreciseHostname, checkSectionName,
} from '../../src/private/field-checks';

describe('field checks', () => {
  test('accept valid values', () => {
    expect(() => {
      checkDnsLabel('gateway-system', 'w', 'f');
      checkSectionName('https.v2', 'w', 'f');
      checkObjectName('Any_Name', 'w', 'f');
      checkGroup('', 'w', 'f');
      checkGroup('gateway.networking.k8s.io', 'w', 'f');
      checkKind('HTTPRoute', 'w', 'f');
      checkHostname('*.example.com', 'w', 'f');
      checkPreciseHostname('api.example.com', 'w', 'f');
      checkDomainPrefixed('gateway.envoyproxy.io/gatewayclass-controller', 'w', 'f');
      checkPort(65535, 'w', 'f');
      checkLabelKey('example.com/team', 'w', 'f');
      checkLabelValue('', 'w', 'f');
      checkMaxItems(16, 16, 'w', 'f');
      checkLength('abc', 1, 3, 'w', 'f');
    }).not.toThrow();
  });

  test.each([
    ['namespace', () => checkDnsLabel('Bad_NS', 'Gateway \'a/b\'', 'namespace'), /Gateway 'a\/b': namespace "Bad_NS" is invalid; expected an RFC 1123 label/],
    ['section name', () => checkSectionName('-x', 'w', 'sectionName'), /sectionName "-x" is invalid/],
    ['empty name', () => checkObjectName('', 'w', 'name'), /name "" is invalid; expected a non-empty object name/],
    ['group', () => checkGroup('Example.com', 'w', 'group'), /group "Example.com" is invalid/],
    ['kind', () => checkKind('my kind', 'w', 'kind'), /kind "my kind" is invalid/],
    ['hostname with port', () => checkHostname('example.com:80', 'w', 'hostname'), /hostname "example.com:80" is invalid; expected a lowercase DNS name/],
    ['wildcard inside', () => checkHostname('a.*.com', 'w', 'hostname'), /is invalid/],
    ['precise hostname wildcard', () => checkPreciseHostname('*.example.com', 'w', 'hostname'), /without wildcard/],
    ['controller name', () => checkDomainPrefixed('no-slash', 'w', 'controllerName'), /domain-prefixed/],
    ['port 0', () => checkPort(0, 'w', 'port'), /port 0 is invalid; expected an integer port from 1 to 65535/],
    ['port 1.5', () => checkPort(1.5, 'w', 'port'), /port 1.5 is invalid/],
    ['label key', () => checkLabelKey('-bad', 'w', 'labels'), /labels "-bad" is invalid/],
    ['label value', () => checkLabelValue('a'.repeat(64), 'w', 'labels[x]'), /is invalid; expected at most 63/],
    ['too many', () => checkMaxItems(17, 16, 'w', 'addresses'), /addresses has 17 entries; the Gateway API allows at most 16/],
    ['too long', () => checkLength('abcd', 1, 3, 'w', 'description'), /description "abcd" is invalid; expected 1-3 characters/],
  ])('fails if the %s is invalid', (_name, fn, message) => {
    expect(fn).toThrow(message);
  });
});
