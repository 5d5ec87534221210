// Property: random valid worlds from the data plane's property generators (Gateways, HTTPRoutes with matches,
// filters and weighted backends, GRPC/TLS/TCP/UDP routes, ReferenceGrants, ListenerSets, Services, Namespaces)
// survive `convert`: the module it writes, run, synthesizes every object back (same kind, namespace, name and
// content, defaults aside) and no Gateway API object of its own.
import * as fc from 'fast-check';
import { convertManifests } from '../../src/convert/convert';
import { GATEWAY_API_GROUP } from '../../src/model';
import { runConverted, roundTripProblems } from '../support/convert-round-trip';
import { SEED, world } from '../testing/properties/arbitraries';

const tally = { worlds: 0, gatewayApiObjects: 0, withConstructs: 0 };

afterAll(() => {
  process.stdout.write(`convert property: ${tally.worlds} world(s), ${tally.gatewayApiObjects} Gateway API object(s), ${tally.withConstructs} written with L2 constructs\n`);
});

test.each([
  ['small overlapping pools', { allKinds: true }],
  ['the whole schema-valid space', { allKinds: true, wide: true }],
] as const)('random worlds (%s) survive the round trip', (_name, options) => {
  fc.assert(fc.property(world({ ...options, maxRoutes: 4 }), (w) => {
    const inputs = w.docs.map((object, i) => ({ object, source: `world.yaml#${i}` }));
    const result = convertManifests(inputs, { className: 'ConvertedChart' });
    const { objects } = runConverted(result.code);
    expect(roundTripProblems(inputs, objects)).toEqual([]);
    const gatewayApi = w.docs.filter((d) => String(d.apiVersion).startsWith(`${GATEWAY_API_GROUP}/`)).length;
    tally.worlds++;
    tally.gatewayApiObjects += gatewayApi;
    tally.withConstructs += result.l2Objects;
  }), { seed: SEED, numRuns: 25 });
  // the property means something only if most Gateway API objects were written with constructs
  expect(tally.withConstructs).toBeGreaterThan(tally.gatewayApiObjects * 0.6);
}, 300_000);
