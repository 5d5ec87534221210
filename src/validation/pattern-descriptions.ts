/**
 * Plain-language descriptions of the regular expressions the Gateway API
 * schemas use, so that a pattern failure says what a valid value looks like.
 */

const DNS_SUBDOMAIN = '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';

const DESCRIPTIONS: ReadonlyMap<string, string> = new Map([
  ['^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$',
    'a kind name starts with a letter and contains only letters, digits and \'-\' (e.g. Service)'],
  [`^$|^${DNS_SUBDOMAIN}$`,
    'an API group is empty (the core group) or a lowercase DNS subdomain (e.g. gateway.networking.k8s.io)'],
  ['^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
    'must be a lowercase RFC 1123 label: letters a-z, digits and \'-\', starting and ending with a letter or digit (e.g. my-name)'],
  [`^${DNS_SUBDOMAIN}$`,
    'must be a lowercase DNS subdomain without a wildcard (e.g. example.com)'],
  ['^[A-Za-z0-9!#$%&\'*+\\-.^_\\x60|~]+$',
    'an HTTP header name contains only letters, digits and !#$%&\'*+-.^_`|~ (no spaces or colons)'],
  ['^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$',
    'a condition type or reason starts with a letter and contains only letters, digits, \'_\', \',\' and \':\''],
  [`^(${DNS_SUBDOMAIN}/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$`,
    'a label or annotation key is an optional DNS-subdomain prefix and \'/\', then a name of letters, digits, \'-\', \'_\' and \'.\' (e.g. app.kubernetes.io/name)'],
  ['^[!-~]+([\\t ]?[!-~]+)*$',
    'must be printable ASCII, with single spaces or tabs between words and none at either end'],
  [`^${DNS_SUBDOMAIN}\\/[A-Za-z0-9\\/\\-._~%!$&'()*+,;=:]+$`,
    'must be a domain-prefixed path such as example.com/my-controller'],
  [`^(\\*\\.)?${DNS_SUBDOMAIN}$`,
    'a hostname is lowercase letters, digits, \'-\' and \'.\', optionally starting with one \'*.\' wildcard label (e.g. *.example.com); IP addresses, ports and upper case are not allowed'],
  ['^([0-9]{1,5}(h|m|s|ms)){1,4}$',
    'a duration is 1 to 4 parts of up to 5 digits, each followed by h, m, s or ms (e.g. 10s, 1h30m, 500ms)'],
  [`^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$|${DNS_SUBDOMAIN}\\/[A-Za-z0-9]+$`,
    'must be a name (letters, digits, \'-\') or a domain-prefixed name such as example.com/Name'],
  [`^Hostname|IPAddress|NamedAddress|${DNS_SUBDOMAIN}\\/[A-Za-z0-9\\/\\-._~%!$&'()*+,;=:]+$`,
    'an address type is IPAddress, Hostname, NamedAddress or a domain-prefixed type such as example.com/custom'],
  ['(^\\*$)|(^(http(s)?):\\/\\/(((\\*\\.)?([a-zA-Z0-9\\-]+\\.)*[a-zA-Z0-9-]+|\\*)(:([0-9]{1,5}))?)$)',
    'an origin is \'*\' or scheme://host[:port] with scheme http or https (e.g. https://*.example.com:8443), without a path'],
  [`^(System|(${DNS_SUBDOMAIN}/([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]))$`,
    'must be System or a domain-prefixed name such as example.com/bundle'],
  ['^(?:[-A-Za-z0-9/._~!$&\'()*+,;=:@]|[%][0-9a-fA-F]{2})+$',
    'a path may contain only URL path characters (letters, digits, -/._~!$&\'()*+,;=:@) and %XX escapes'],
  ['^(([^:/?#]+):)(//([^/?#]*))([^?#]*)(\\?([^#]*))?(#(.*))?',
    'must be an absolute URI with a scheme and an authority (e.g. spiffe://cluster.local/ns/default/sa/api)'],
  ['^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$',
    'a label value is empty or letters, digits, \'-\', \'_\' and \'.\', starting and ending with a letter or digit'],
]);

/** Plain-language description of a schema `pattern`, when we have one. */
export function describePattern(pattern: string): string | undefined {
  return DESCRIPTIONS.get(pattern);
}
