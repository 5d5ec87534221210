/**
 * IP address syntax as Kubernetes checks it (Go `net/netip` rules): IPv4 dotted
 * quads without leading zeros, IPv6 with optional `::` compression and an
 * optional trailing IPv4 part. Zones (`%eth0`) are not accepted.
 */

/** True for a dotted-quad IPv4 address such as `10.0.0.1`. */
export function isIPv4(text: string): boolean {
  const parts = text.split('.');
  if (parts.length !== 4) return false;
  return parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

/** True for an IPv6 address such as `2001:db8::1` or `::ffff:10.0.0.1`. */
export function isIPv6(text: string): boolean {
  if (text.length === 0 || text.includes('%')) return false;
  let groups = 8;
  let body = text;
  const lastColon = body.lastIndexOf(':');
  if (lastColon >= 0 && body.slice(lastColon + 1).includes('.')) {
    if (!isIPv4(body.slice(lastColon + 1))) return false;
    body = body.slice(0, lastColon + 1) + '0:0';
    groups = 8;
  }
  const halves = body.split('::');
  if (halves.length > 2) return false;
  const hextets = (s: string): string[] | undefined => {
    if (s === '') return [];
    const list = s.split(':');
    return list.every((h) => /^[0-9A-Fa-f]{1,4}$/.test(h)) ? list : undefined;
  };
  const head = hextets(halves[0]);
  if (head === undefined) return false;
  if (halves.length === 1) return head.length === groups;
  const tail = hextets(halves[1]);
  if (tail === undefined) return false;
  return head.length + tail.length < groups;
}

/** True for an IPv4 or IPv6 address. */
export function isIP(text: string): boolean {
  return isIPv4(text) || isIPv6(text);
}
