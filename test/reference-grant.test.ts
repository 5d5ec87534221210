import { ApiObject, Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { l1, ReferenceGrant, ReferenceGrantPolicy } from '../src';

const ROUTE = { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' };

function grants(chart: Chart): any[] {
  return Testing.synth(chart).filter(o => o.kind === 'ReferenceGrant');
}

describe('ReferenceGrant (hand-written)', () => {
  test('renders from and to in the order given', () => {
    // GIVEN
    const chart = Testing.chart();
    // WHEN
    const grant = new ReferenceGrant(chart, 'Grant', {
      metadata: { name: 'allow-production-routes', namespace: 'gateway-system' },
      from: [{ ...ROUTE, namespace: 'production' }],
      to: [{ group: '', kind: 'Secret', name: 'wildcard-tls' }],
    });
    grant.addFrom({ ...ROUTE, namespace: 'staging' });
    // THEN
    expect(grants(chart)).toEqual([{
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'ReferenceGrant',
      metadata: { name: 'allow-production-routes', namespace: 'gateway-system' },
      spec: {
        from: [{ ...ROUTE, namespace: 'production' }, { ...ROUTE, namespace: 'staging' }],
        to: [{ group: '', kind: 'Secret', name: 'wildcard-tls' }],
      },
    }]);
    expect(grant.kind).toBe('ReferenceGrant');
    expect(grant.apiGroup).toBe('gateway.networking.k8s.io');
    expect(grant.namespace).toBe('gateway-system');
    expect(ApiObject.of(grant).kind).toBe('ReferenceGrant');
  });

  test('takes the chart namespace by default', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'backends' });
    const grant = new ReferenceGrant(chart, 'Grant', { from: [{ ...ROUTE, namespace: 'a' }], to: [{ group: '', kind: 'Service' }] });
    expect(grant.namespace).toBe('backends');
  });

  test('fails if from or to is empty at synthesis', () => {
    const chart = Testing.chart();
    new ReferenceGrant(chart, 'Grant', { metadata: { name: 'g', namespace: 'x' } });
    expect(() => Testing.synth(chart)).toThrow(/from is empty; add at least one entry with addFrom\(\)[\s\S]*to is empty/);
  });

  test('fails if an entry is duplicated', () => {
    const grant = new ReferenceGrant(Testing.chart(), 'Grant', { from: [{ ...ROUTE, namespace: 'a' }] });
    expect(() => grant.addFrom({ ...ROUTE, namespace: 'a' })).toThrow(/from\[1\] duplicates an existing entry/);
    grant.addTo({ group: '', kind: 'Service', name: 's' });
    expect(() => grant.addTo({ group: '', kind: 'Service', name: 's' })).toThrow(/to\[1\] duplicates/);
  });

  test('fails if the core group is spelled "core"', () => {
    const grant = new ReferenceGrant(Testing.chart(), 'Grant');
    expect(() => grant.addTo({ group: 'core', kind: 'Service' })).toThrow(/to\[0\]\.group "core" is invalid; the core API group .* is written as ''/);
  });

  test('fails if a namespace or kind is malformed', () => {
    const grant = new ReferenceGrant(Testing.chart(), 'Grant');
    expect(() => grant.addFrom({ ...ROUTE, namespace: 'Prod' })).toThrow(/ReferenceGrant 'test\/Grant': from\[0\]\.namespace "Prod" is invalid; expected an RFC 1123 label/);
    expect(() => grant.addTo({ group: '', kind: '9lives' })).toThrow(/to\[0\]\.kind "9lives" is invalid/);
  });

  test('fails if more than 16 entries are added', () => {
    const grant = new ReferenceGrant(Testing.chart(), 'Grant');
    for (let i = 0; i < 16; i++) grant.addTo({ group: '', kind: 'Service', name: `s${i}` });
    expect(() => grant.addTo({ group: '', kind: 'Service', name: 's16' })).toThrow(/to has 17 entries; the Gateway API allows at most 16/);
  });

  test('permits() follows the cross product of from and to, and name-less to entries', () => {
    const grant = new ReferenceGrant(Testing.chart(), 'Grant', {
      from: [{ ...ROUTE, namespace: 'a' }],
      to: [{ group: '', kind: 'Service' }, { group: '', kind: 'Secret', name: 'tls' }],
    });
    expect(grant.permits({ ...ROUTE, namespace: 'a' }, { group: '', kind: 'Service', name: 'any' })).toBe(true);
    expect(grant.permits({ ...ROUTE, namespace: 'a' }, { group: '', kind: 'Secret', name: 'tls' })).toBe(true);
    expect(grant.permits({ ...ROUTE, namespace: 'a' }, { group: '', kind: 'Secret', name: 'other' })).toBe(false);
    expect(grant.permits({ ...ROUTE, namespace: 'b' }, { group: '', kind: 'Service', name: 'any' })).toBe(false);
    expect(grant.permits({ group: 'gateway.networking.k8s.io', kind: 'GRPCRoute', namespace: 'a' }, { group: '', kind: 'Service' })).toBe(false);
  });
});

describe('ReferenceGrant.allow', () => {
  const svc = (name: string, namespace = 'backends') => ({ group: '', kind: 'Service', name, namespace });

  test('creates one grant per target namespace and referrer, merged and never duplicated', () => {
    // GIVEN
    const chart = Testing.chart();
    // WHEN
    const a = ReferenceGrant.allow(chart, { ...ROUTE, namespace: 'production' }, svc('api'));
    const b = ReferenceGrant.allow(chart, { ...ROUTE, namespace: 'production' }, svc('web'));
    const c = ReferenceGrant.allow(chart, { ...ROUTE, namespace: 'production' }, svc('api'));
    ReferenceGrant.allow(chart, { ...ROUTE, namespace: 'staging' }, svc('api'));
    ReferenceGrant.allow(chart, { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra' }, { group: '', kind: 'Secret', name: 'tls', namespace: 'certs' });
    // THEN
    expect(a).toBe(b);
    expect(a).toBe(c);
    expect(grants(chart).map(g => [g.metadata, g.spec])).toEqual([
      [{ name: 'allow-httproute-from-production', namespace: 'backends' }, {
        from: [{ ...ROUTE, namespace: 'production' }],
        to: [{ group: '', kind: 'Service', name: 'api' }, { group: '', kind: 'Service', name: 'web' }],
      }],
      [{ name: 'allow-httproute-from-staging', namespace: 'backends' }, {
        from: [{ ...ROUTE, namespace: 'staging' }],
        to: [{ group: '', kind: 'Service', name: 'api' }],
      }],
      [{ name: 'allow-gateway-from-infra', namespace: 'certs' }, {
        from: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra' }],
        to: [{ group: '', kind: 'Secret', name: 'tls' }],
      }],
    ]);
  });

  test('merges across charts of one app', () => {
    const app = Testing.app();
    const one = new Chart(app, 'one');
    const two = new Chart(app, 'two');
    const a = ReferenceGrant.allow(new Construct(one, 'x'), { ...ROUTE, namespace: 'p' }, svc('api'));
    const b = ReferenceGrant.allow(two, { ...ROUTE, namespace: 'p' }, svc('web'));
    expect(a).toBe(b);
    expect(grants(two)).toEqual([]);
    expect(grants(one)[0].spec.to).toHaveLength(2);
  });

  test('a name-less target covers every name, and a second grant opens after 16 entries', () => {
    const chart = Testing.chart();
    const wide = ReferenceGrant.allow(chart, { ...ROUTE, namespace: 'p' }, { group: '', kind: 'Service', namespace: 'b' });
    expect(ReferenceGrant.allow(chart, { ...ROUTE, namespace: 'p' }, svc('x', 'b'))).toBe(wide);
    for (let i = 0; i < 15; i++) ReferenceGrant.allow(chart, { ...ROUTE, namespace: 'p' }, { group: 'example.com', kind: 'Thing', name: `t${i}`, namespace: 'b' });
    const next = ReferenceGrant.allow(chart, { ...ROUTE, namespace: 'p' }, { group: 'example.com', kind: 'Thing', name: 'last', namespace: 'b' });
    expect(next).not.toBe(wide);
    expect(next.name).toBe('allow-httproute-from-p-2');
    expect(grants(chart)).toHaveLength(2);
  });

  test('avoids the name of a grant already in the namespace', () => {
    const chart = Testing.chart();
    new ReferenceGrant(chart, 'Mine', { metadata: { name: 'allow-httproute-from-p', namespace: 'backends' }, from: [{ ...ROUTE, namespace: 'x' }], to: [{ group: '', kind: 'Service' }] });
    const auto = ReferenceGrant.allow(chart, { ...ROUTE, namespace: 'p' }, svc('api'));
    expect(auto.name).toBe('allow-httproute-from-p-2');
  });

  test('names non-Gateway-API referrers with their group', () => {
    const grant = ReferenceGrant.allow(Testing.chart(), { group: 'example.com', kind: 'Policy', namespace: 'p' }, svc('api'));
    expect(grant.name).toBe('allow-policy.example.com-from-p');
  });

  test('fails if both sides are in one namespace', () => {
    expect(() => ReferenceGrant.allow(Testing.chart(), { ...ROUTE, namespace: 'backends' }, svc('api')))
      .toThrow(/both 'backends'; references within one namespace need no ReferenceGrant/);
  });
});

describe('ReferenceGrant.isAllowed', () => {
  const from = { ...ROUTE, namespace: 'production' };
  const to = { group: '', kind: 'Service', name: 'api', namespace: 'backends' };

  test('is true within one namespace and false without a grant', () => {
    const chart = Testing.chart();
    expect(ReferenceGrant.isAllowed(chart, from, { ...to, namespace: 'production' })).toBe(true);
    expect(ReferenceGrant.isAllowed(chart, from, to)).toBe(false);
  });

  test('sees automatic, hand-written and raw L1 grants anywhere in the app, in the right namespace only', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'a');
    const other = new Chart(app, 'b');
    new ReferenceGrant(other, 'Wrong', { metadata: { namespace: 'elsewhere' }, from: [from], to: [{ group: '', kind: 'Service' }] });
    expect(ReferenceGrant.isAllowed(chart, from, to)).toBe(false);
    new l1.ReferenceGrant(other, 'Raw', { metadata: { namespace: 'backends' }, spec: { from: [from], to: [{ group: '', kind: 'Service', name: 'api' }] } });
    expect(ReferenceGrant.isAllowed(chart, from, to)).toBe(true);
    expect(ReferenceGrant.isAllowed(chart, from, { ...to, name: 'web' })).toBe(false);
    ReferenceGrant.allow(chart, from, { ...to, name: 'web' });
    expect(ReferenceGrant.isAllowed(chart, from, { ...to, name: 'web' })).toBe(true);
  });

  test('honours every field of from (group, kind, namespace) for hand-written and raw grants', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'a');
    new ReferenceGrant(chart, 'Typed', { metadata: { namespace: 'backends' }, from: [from], to: [{ group: '', kind: 'Service' }] });
    new l1.ReferenceGrant(chart, 'Raw', { metadata: { namespace: 'secrets' }, spec: { from: [from], to: [{ group: '', kind: 'Secret' }] } });
    for (const ns of ['backends', 'secrets']) {
      const target = { group: '', kind: ns === 'backends' ? 'Service' : 'Secret', name: 'x', namespace: ns };
      expect(ReferenceGrant.isAllowed(chart, from, target)).toBe(true);
      // a different group with the same kind name (an implementation's own HTTPRoute) is not covered
      expect(ReferenceGrant.isAllowed(chart, { ...from, group: 'example.com' }, target)).toBe(false);
      expect(ReferenceGrant.isAllowed(chart, { ...from, kind: 'GRPCRoute' }, target)).toBe(false);
      expect(ReferenceGrant.isAllowed(chart, { ...from, namespace: 'staging' }, target)).toBe(false);
      expect(ReferenceGrant.isAllowed(chart, from, { ...target, group: 'example.com' })).toBe(false);
    }
  });
});

describe('ReferenceGrant.ensure', () => {
  const from = { group: 'gateway.networking.k8s.io', kind: 'Gateway', namespace: 'infra' };
  const secret = { group: '', kind: 'Secret', name: 'tls', namespace: 'certs' };

  test('does nothing within one namespace', () => {
    const chart = Testing.chart();
    ReferenceGrant.ensure(chart, ReferenceGrantPolicy.AUTO, from, { ...secret, namespace: 'infra' }, 'ref');
    ReferenceGrant.ensure(chart, ReferenceGrantPolicy.AUTO, from, { ...secret, namespace: undefined }, 'ref');
    expect(grants(chart)).toEqual([]);
  });

  test('AUTO creates the grant', () => {
    const chart = Testing.chart();
    ReferenceGrant.ensure(chart, ReferenceGrantPolicy.AUTO, from, secret, 'ref');
    expect(grants(chart).map(g => g.metadata)).toEqual([{ name: 'allow-gateway-from-infra', namespace: 'certs' }]);
  });

  test('fails if NONE and no grant permits the reference, naming the grant needed', () => {
    const chart = Testing.chart();
    const referrer = new Construct(chart, 'Gw');
    ReferenceGrant.ensure(referrer, ReferenceGrantPolicy.NONE, from, secret, "listener 'https' certificateRefs[0]");
    expect(() => Testing.synth(chart)).toThrow(
      /listener 'https' certificateRefs\[0\]: refers to Secret 'tls' in namespace 'certs', which needs a ReferenceGrant there .*namespace 'certs', from \{ group: 'gateway.networking.k8s.io', kind: Gateway, namespace: infra \}, to \{ group: '', kind: Secret, name: tls \}/);
  });

  test('NONE passes when a hand-written grant permits the reference', () => {
    const chart = Testing.chart();
    ReferenceGrant.ensure(new Construct(chart, 'Gw'), ReferenceGrantPolicy.NONE, from, secret, 'ref');
    new ReferenceGrant(chart, 'Grant', { metadata: { name: 'g', namespace: 'certs' }, from: [from], to: [{ group: '', kind: 'Secret' }] });
    expect(grants(chart)).toHaveLength(1);
  });

  test('fails if the referrer namespace is unknown', () => {
    const chart = Testing.chart();
    ReferenceGrant.ensure(new Construct(chart, 'Gw'), ReferenceGrantPolicy.AUTO, { ...from, namespace: undefined }, secret, 'ref');
    expect(() => Testing.synth(chart)).toThrow(/\[test\/Gw\] ref: refers to Secret 'tls' in namespace 'certs', but this Gateway has no namespace.* \[construct\/missing\]/);
  });
});
