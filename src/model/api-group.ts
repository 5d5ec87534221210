// The one place the Gateway API group is spelled out; everything else imports it.

/** The API group of every Gateway API kind. */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
