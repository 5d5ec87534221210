// docs/migration.md shows an input and what `cdk8s-gateway convert` writes for it: the output block must be exactly
// what the converter writes, round-trip to the same objects, and the reported line must be the converter's.
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { formatConvertFinding } from '../../src/cli/convert';
import { convertManifests } from '../../src/convert/convert';
import { runConverted, roundTripProblems } from '../support/convert-round-trip';

const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'migration.md'), 'utf8');

function block(lang: string): string {
  const m = new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\``, 'm').exec(doc);
  if (!m) throw new Error(`docs/migration.md has no ${lang} block`);
  return m[1];
}

const inputs = parseAllDocuments(block('yaml')).map((d, i) => ({ object: d.toJS() as unknown, source: `manifests.yaml#${i}` }));

test('the ts block is what convert writes for the yaml block', () => {
  expect(inputs.length).toBe(4);
  expect(block('ts')).toBe(convertManifests(inputs).code);
});

test('and it synthesizes the same objects, without an automatic ReferenceGrant', () => {
  const code = convertManifests(inputs).code.replace('class GatewayApiChart', 'class ConvertedChart');
  const { objects } = runConverted(code);
  expect(roundTripProblems(inputs, objects)).toEqual([]);
  expect(objects.filter((o) => o.kind === 'ReferenceGrant').map((o) => (o.metadata as { name: string }).name)).toEqual(['shop-routes']);
});

test('the text block is the line convert reports for a refused value', () => {
  const legacy = {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'legacy', namespace: 'apps' },
    spec: { parentRefs: [{ name: 'edge', namespace: 'other' }], hostnames: ['192.0.2.1'], rules: [{ backendRefs: [{ name: 'api', port: 8080 }] }] },
  };
  const r = convertManifests([{ object: legacy, source: 'legacy.yaml#0' }]);
  expect(r.findings.map(formatConvertFinding).join('\n')).toBe(block('text').trimEnd());
  expect(r.apiObjects).toBe(1);
});
