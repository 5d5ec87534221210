import { reportWith } from './conformance-report';
import { allImplementationClaims, customClaims, describeClaims, implementationClaims, notClaimedPhrase, reportClaims } from '../../src/model/implementation-claims';

describe('implementation claims from the bundled conformance reports', () => {
  test('by default the newest report (gatewayAPIVersion, then date) in mode default', () => {
    const eg = implementationClaims('envoy-gateway');
    expect(eg).toMatchObject({ project: 'envoy-gateway', version: 'v1.9.0', mode: 'default', channel: 'experimental', gatewayAPIVersion: 'v1.6.1', date: '2026-08-18T14:04:23+02:00' });
    expect(eg.sources).toEqual(['v1.6/envoy-gateway/experimental-v1.9.0-default-report.yaml']);
    expect(eg.claimed).toContain('HTTPRouteCORS');
    expect(eg.claimed).not.toContain('GatewayInfrastructurePropagation');
    // nginx-gateway-fabric: v1.6.1 (2.7.0-pre-release) beats the two v1.5.1 reports.
    expect(implementationClaims('nginx-gateway-fabric').version).toBe('v2.7.0-pre-release');
  });

  test('the date breaks a tie of gatewayAPIVersion', () => {
    // microgateway has two v1.5.1 reports (5.0.0 in March, 5.1.0 in June) and two v1.6.0 ones of 5.1.0.
    const m = implementationClaims('microgateway');
    expect(m.gatewayAPIVersion).toBe('v1.6.0');
    expect(m.date).toBe('2026-07-01T17:15:59+02:00');
  });

  test('the channel variants of that version are united', () => {
    const cilium = implementationClaims('cilium');
    expect(cilium.channel).toBe('experimental+standard');
    expect(cilium.sources).toEqual(['v1.6/cilium/experimental-v1.20.0-default-report.yaml', 'v1.6/cilium/standard-v1.20.0-default-report.yaml']);
  });

  test('core features of a profile whose core succeeded are claimed (GRPCRoute for GATEWAY-GRPC); partial core claims none', () => {
    expect(implementationClaims('envoy-gateway').claimed).toEqual(expect.arrayContaining(['GRPCRoute', 'HTTPRoute', 'TLSRoute', 'Gateway', 'ReferenceGrant']));
    const report = reportWith([
      { name: 'GATEWAY-GRPC', core: 'partial', supported: ['GatewayPort8080'], unsupported: [] },
      { name: 'GATEWAY-HTTP', core: 'success', supported: [], unsupported: ['HTTPRouteCORS'] },
    ]);
    const claimed = reportClaims(report);
    expect([...claimed].sort()).toEqual(['Gateway', 'GatewayPort8080', 'HTTPRoute', 'ReferenceGrant']);
    expect(claimed.has('GRPCRoute')).toBe(false);
  });

  test('project/mode picks another mode', () => {
    expect(implementationClaims('envoy-gateway/gateway-namespace-mode')).toMatchObject({ mode: 'gateway-namespace-mode', date: '2026-08-18T14:45:48+02:00' });
  });

  test('a project without a default mode needs one, and the error lists them', () => {
    expect(() => implementationClaims('kong-operator')).toThrow("implementation 'kong-operator': it published no report in mode default; name one of its modes: kong-operator/expressions, kong-operator/traditional_compatible");
    expect(implementationClaims('kong-operator/expressions').version).toBe('v2.3.0-rc.3');
  });

  test('unknown project or mode: the error names the valid ones', () => {
    expect(() => implementationClaims('nginx')).toThrow(/no conformance report of project 'nginx'; known projects: .*envoy-gateway.*nginx-gateway-fabric/);
    expect(() => implementationClaims('envoy-gateway/fast')).toThrow("implementation 'envoy-gateway/fast': its reports have mode default, gateway-namespace-mode");
  });

  test('every project and mode is listed once, sorted', () => {
    const all = allImplementationClaims().map(c => `${c.project}/${c.mode}`);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toContain('istio/default');
    expect(all).toContain('kong-operator/traditional_compatible');
    expect(all.indexOf('envoy-gateway/default')).toBeLessThan(all.indexOf('envoy-gateway/gateway-namespace-mode'));
  });

  test('custom claims check each name', () => {
    expect(customClaims(['HTTPRoute', 'GatewayPort8080', 'HTTPRoute']).claimed).toEqual(['GatewayPort8080', 'HTTPRoute']);
    expect(() => customClaims(['HTTPRouteCors'])).toThrow("supportedFeatures: 'HTTPRouteCors' is not a SupportedFeature of Gateway API v1.6.1");
  });

  test('wording: not claimed by its conformance report (version, date), never unsupported', () => {
    const eg = implementationClaims('envoy-gateway');
    expect(notClaimedPhrase(eg)).toBe('not claimed by its conformance report (v1.9.0, 2026-08-18)');
    expect(describeClaims(eg)).toBe('envoy-gateway v1.9.0 (conformance report for Gateway API v1.6.1, 2026-08-18)');
    expect(notClaimedPhrase(customClaims([]))).toBe('not in the given supportedFeatures');
  });
});
