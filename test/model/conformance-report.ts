import type { reportClaims } from '../../src/model/implementation-claims';

type Report = Parameters<typeof reportClaims>[0];

/** A conformance report of a made-up implementation (project `p`, standard channel, Gateway API v1.6.1) with `profiles`. */
export function reportWith(profiles: Report['profiles']): Report {
  return {
    project: 'p',
    version: '1',
    mode: 'default',
    channel: 'standard',
    gatewayAPIVersion: 'v1.6.1',
    date: '2026-01-01T00:00:00Z',
    source: 'x',
    profiles,
  };
}
