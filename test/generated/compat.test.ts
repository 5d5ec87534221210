import * as fs from 'fs';
import * as path from 'path';
import { generateCompat, readFeatures, readReports } from '../../scripts/gen/compat';
import { describeWithShared } from '../support/shared';

const committed = path.resolve(__dirname, '../../generated/compat.ts');

describeWithShared('generated/compat.ts is current against features/*.go and the conformance reports', (shared) => {
  const source = path.join(shared, 'gateway-api/v1.6.1');

  test('the committed file is exactly what `npx projen gen` writes', () => {
    expect(fs.readFileSync(committed, 'utf8')).toBe(generateCompat(source));
  });

  test('the generator is deterministic', () => {
    expect(generateCompat(source)).toBe(generateCompat(source));
  });

  test('features: every name of pkg/features with its channel, kind and level', () => {
    const features = readFeatures(path.join(source, 'features'));
    const byName = new Map(features.map(f => [f.name, f]));
    expect(features).toHaveLength(58);
    expect(byName.get('HTTPRouteQueryParamMatching')).toEqual({ name: 'HTTPRouteQueryParamMatching', channel: 'standard', kind: 'HTTPRoute', level: 'extended' });
    expect(byName.get('GRPCRoute')).toEqual({ name: 'GRPCRoute', channel: 'standard', kind: 'GRPCRoute', level: 'core' });
    expect(byName.get('HTTPRouteRetry')?.channel).toBe('experimental');
    expect(byName.get('TLSRouteModeMixed')).toEqual({ name: 'TLSRouteModeMixed', channel: 'experimental', kind: 'TLSRoute', level: 'extended' });
    // A constant declared without the FeatureName type is read too.
    expect(byName.get('GatewayHTTPSListenerDetectMisdirectedRequests')?.kind).toBe('Gateway');
    expect(byName.get('UDPRoute')).toEqual({ name: 'UDPRoute', channel: 'standard', kind: 'UDPRoute', level: 'extended' });
    expect(byName.has('MeshHTTPRouteQueryParamMatching')).toBe(true);
    expect(byName.has('HTTPRouteFeature')).toBe(false);
  });

  test('reports: every ConformanceReport, reduced to the fields compatibility reads', () => {
    const reports = readReports(path.join(source, 'conformance-reports'));
    expect(reports).toHaveLength(38);
    const eg = reports.find(r => r.source === 'v1.6/envoy-gateway/experimental-v1.9.0-default-report.yaml')!;
    expect(eg).toMatchObject({ project: 'envoy-gateway', version: 'v1.9.0', mode: 'default', channel: 'experimental', gatewayAPIVersion: 'v1.6.1', date: '2026-08-18T14:04:23+02:00' });
    expect(eg.profiles.map(p => p.name)).toEqual(['GATEWAY-GRPC', 'GATEWAY-HTTP', 'GATEWAY-TLS']);
    const http = eg.profiles.find(p => p.name === 'GATEWAY-HTTP')!;
    expect(http.core).toBe('success');
    expect(http.supported).toContain('HTTPRouteCORS');
    expect(http.unsupported).toEqual(['GatewayHTTPSListenerDetectMisdirectedRequests', 'GatewayInfrastructurePropagation']);
    // A version the YAML gives as a quoted number stays a string.
    expect(reports.find(r => r.project === 'istio')?.version).toBe('1.30.1');
  });

  test('no YAML is carried over: only names, versions, dates and results', () => {
    const text = fs.readFileSync(committed, 'utf8');
    for (const word of ['statistics', 'summary', 'contact', 'succeededProvisionalTests', 'apiVersion:', 'Passed']) expect(text).not.toContain(word);
  });
});

describe('readFeatures rejects what it cannot read', () => {
  test('a folder without features/ or conformance-reports/ is a clear error', () => {
    expect(() => generateCompat('/no/such/v1.6.1')).toThrow('features folder not found: /no/such/v1.6.1/features (generated/compat.ts is made from features/*.go and conformance-reports/ of the folder above --crds)');
  });

  test('a feature variable whose constant is not declared names the variable', () => {
    const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'features-'));
    fs.writeFileSync(path.join(dir, 'x.go'), 'var XFeature = Feature{\n\tName: SupportX,\n\tChannel: FeatureChannelStandard,\n}\nvar XCoreFeatures = sets.New(XFeature)\n');
    expect(() => readFeatures(dir)).toThrow('features: XFeature names SupportX / FeatureChannelStandard, which are not declared');
    fs.writeFileSync(path.join(dir, 'x.go'), 'const SupportX FeatureName = "X"\nvar XFeature = Feature{\n\tName: SupportX,\n\tChannel: FeatureChannelStandard,\n}\n');
    expect(() => readFeatures(dir)).toThrow('features: XFeature (X) is in no feature set');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
