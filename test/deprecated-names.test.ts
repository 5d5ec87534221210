import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import {
  Backend, CaCertificate, Certificate, CustomBackendProps, ExtensionRefProps, Filter, GrpcMatch, GrpcMatchProps, HeaderMatch,
  HeaderMatchProps, ObjectRefConfig, PolicyTarget, PolicyTargetConfig, QueryParamMatch, QueryParamMatchProps,
} from '../src';

// The names renamed for one naming discipline (issue 8) stay usable, deprecated,
// and give exactly what the new names give.
describe('deprecated factory names delegate to the new ones', () => {
  test('Backend.service / Backend.serviceName', () => {
    const chart = Testing.chart();
    const svc = new kplus.Service(chart, 'Api', { metadata: { name: 'api', namespace: 'apps' }, ports: [{ port: 80 }] });
    expect(Backend.service(svc, { port: 80, weight: 3 })._render('web')).toEqual(Backend.fromService(svc, { port: 80, weight: 3 })._render('web'));
    expect(Backend.serviceName('api', { port: 80, namespace: 'apps' })._render('web'))
      .toEqual({ name: 'api', namespace: 'apps', port: 80 });
    expect(() => Backend.serviceName('api', { port: 0 })).toThrow(/Backend\.fromServiceName/);
  });

  test('PolicyTarget.service / PolicyTarget.serviceName', () => {
    const chart = Testing.chart();
    const svc = new kplus.Service(chart, 'Api', { metadata: { name: 'api' }, ports: [{ port: 443 }] });
    expect(PolicyTarget.service(svc, { sectionName: 'https' })._render()).toEqual(PolicyTarget.fromService(svc, { sectionName: 'https' })._render());
    expect(PolicyTarget.serviceName('api')._render()).toEqual({ group: '', kind: 'Service', name: 'api' });
  });

  test('Certificate.fromObject / CaCertificate.fromObject', () => {
    const ref: ObjectRefConfig = { group: 'example.com', kind: 'Bundle', name: 'b', namespace: 'certs' };
    expect(Certificate.fromObject(ref)._render(undefined)).toEqual(Certificate.custom(ref)._render(undefined));
    expect(CaCertificate.fromObject(ref)._renderLocal()).toEqual(CaCertificate.custom(ref)._renderLocal());
    expect(() => Certificate.fromObject({ group: 'core', kind: 'Secret', name: 'x' })).toThrow(/Certificate\.custom\(\): group "core" is invalid/);
  });

  test('the old option type names still type the same arguments', () => {
    const header: HeaderMatchProps = { name: 'x-a', value: '1' };
    const query: QueryParamMatchProps = { name: 'q', value: '1' };
    const grpc: GrpcMatchProps = { service: 'a.B' };
    const ext: ExtensionRefProps = { group: 'example.com', kind: 'F', name: 'f' };
    const backend: CustomBackendProps = { group: 'example.com', kind: 'Pool', name: 'p' };
    const target: PolicyTargetConfig = { group: 'example.com', kind: 'Backend', name: 'b' };
    expect(HeaderMatch.of(header)).toEqual(HeaderMatch.exact('x-a', '1'));
    expect(QueryParamMatch.of(query)).toEqual(QueryParamMatch.exact('q', '1'));
    expect(GrpcMatch.of(grpc)).toEqual(GrpcMatch.exact({ service: 'a.B' }));
    expect(Filter.extensionRef(ext).type).toBe('ExtensionRef');
    expect(Backend.custom(backend).target).toEqual({ group: 'example.com', kind: 'Pool', name: 'p' });
    expect(PolicyTarget.custom(target)._render()).toEqual({ group: 'example.com', kind: 'Backend', name: 'b' });
  });
});
