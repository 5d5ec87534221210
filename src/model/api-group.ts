// The one place the Gateway API group is spelled out; everything else imports it.

/** The API group of every Gateway API kind. */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** The API group of an `apiVersion` (`gateway.networking.k8s.io/v1` -> `gateway.networking.k8s.io`); `''` for the core group (`v1`) or a value that is not a string. */
export function apiGroupOf(apiVersion: unknown): string {
  if (typeof apiVersion !== 'string') return '';
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}
