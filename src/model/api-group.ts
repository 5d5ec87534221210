/** The API group of every Gateway API kind (the one place it is spelled out). */
export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';
