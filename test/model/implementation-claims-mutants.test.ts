import { reportWith } from './conformance-report';
import { FEATURES } from '../../generated/compat';
import {
  UnknownImplementationError, allImplementationClaims, customClaims, describeClaims, implementationClaims, knownProjects, reportClaims,
} from '../../src/model/implementation-claims';

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

describe('implementation claims: the names, orders and fields a user sees', () => {
  test('errors are UnknownImplementationErrors by name too (a caller may test err.name)', () => {
    const e = thrown(() => implementationClaims('nginx'));
    expect(e).toBeInstanceOf(UnknownImplementationError);
    expect(e.name).toBe('UnknownImplementationError');
    expect(thrown(() => customClaims(['NoSuchFeature'])).name).toBe('UnknownImplementationError');
  });

  test('the known projects are sorted (code-unit order) and listed comma-separated in the error', () => {
    const projects = knownProjects();
    expect(projects).toEqual([...projects].sort());
    expect(projects[0]).toBe('Varnish Gateway');
    expect(projects).toContain('agentgateway');
    expect(new Set(projects).size).toBe(projects.length);
    expect(() => implementationClaims('nginx')).toThrow(`implementation 'nginx': no conformance report of project 'nginx'; known projects: ${projects.join(', ')}`);
    expect(allImplementationClaims().map(c => c.project).filter((p, i, a) => a.indexOf(p) === i)).toEqual(projects);
  });

  test('a name starting with a slash is project "" (unknown), not the project "/..."', () => {
    expect(() => implementationClaims('/default')).toThrow("implementation '/default': no conformance report of project ''; known projects:");
    // the last slash splits: 'envoy-gateway/x/default' is project 'envoy-gateway/x'
    expect(() => implementationClaims('envoy-gateway/x/default')).toThrow("no conformance report of project 'envoy-gateway/x'");
  });

  test('only the reports of the newest implementation version and Gateway API version are united', () => {
    // microgateway 5.1.0 published a standard report for v1.5.1 and two for v1.6.0: only the v1.6.0 ones count.
    const m = implementationClaims('microgateway');
    expect(m.version).toBe('5.1.0');
    expect(m.sources).toEqual(['v1.6/airlock-microgateway/experimental-5.1.0-default-report.yaml', 'v1.6/airlock-microgateway/standard-5.1.0-default-report.yaml']);
    expect(m.channel).toBe('experimental+standard');
    // nginx-gateway-fabric: one report of v2.7.0-pre-release; the v1.5.1 reports (other versions) are not united.
    expect(implementationClaims('nginx-gateway-fabric').sources).toEqual(['v1.6/nginx-nginx-gateway-fabric/experimental-2.7.0-pre-release-default-report.yaml']);
  });

  test('claimed features of a report are sorted, without duplicates', () => {
    for (const c of allImplementationClaims()) {
      expect(c.claimed).toEqual([...new Set(c.claimed)].sort());
    }
    const eg = implementationClaims('envoy-gateway');
    // a core feature (Gateway) comes from the profile table, after the supportedFeatures: sorting puts it in place.
    expect(eg.claimed.indexOf('Gateway')).toBeLessThan(eg.claimed.indexOf('HTTPRouteCORS'));
  });

  test('every feature given in reverse order comes back sorted', () => {
    const names = FEATURES.map(f => f.name);
    const sorted = [...names].sort();
    expect(customClaims([...sorted].reverse()).claimed).toEqual(sorted);
    expect(customClaims(['HTTPRoute', 'GRPCRoute']).claimed).toEqual(['GRPCRoute', 'HTTPRoute']);
  });

  test('a profile not in the core-feature table adds only its supportedFeatures, even when its core succeeded', () => {
    const report = reportWith([{ name: 'GATEWAY-FUTURE', core: 'success', supported: ['GatewayPort8080'], unsupported: [] }]);
    expect([...reportClaims(report)]).toEqual(['GatewayPort8080']);
    expect([...reportClaims({ ...report, profiles: [{ ...report.profiles[0], supported: [] }] })]).toEqual([]);
  });

  test('custom claims carry project custom and empty report fields', () => {
    expect(customClaims(['HTTPRoute'])).toEqual({
      project: 'custom', version: '', mode: '', channel: '', gatewayAPIVersion: '', date: '', sources: [], claimed: ['HTTPRoute'],
    });
  });

  test('describeClaims: custom lists, the default mode unnamed, another mode named', () => {
    expect(describeClaims(customClaims(['HTTPRoute']))).toBe('the given supportedFeatures');
    expect(describeClaims(implementationClaims('envoy-gateway/gateway-namespace-mode')))
      .toBe('envoy-gateway v1.9.0 mode gateway-namespace-mode (conformance report for Gateway API v1.6.1, 2026-08-18)');
    expect(describeClaims(implementationClaims('envoy-gateway'))).not.toContain(' mode ');
  });
});
