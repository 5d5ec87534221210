import * as fs from 'fs';
import * as path from 'path';
import { renderCompatibilityDoc } from '../../scripts/compat-docs';
import { allImplementationClaims } from '../../src/model/implementation-claims';

const doc = fs.readFileSync(path.join(__dirname, '../../docs/compatibility.md'), 'utf8');

describe('docs/compatibility.md', () => {
  test('is exactly what `npx projen gen` (scripts/compat-docs.ts) writes', () => {
    expect(doc).toBe(renderCompatibilityDoc());
  });

  test('the matrix has a row per v1.6.1 feature and a column per implementation, marks as the claims say', () => {
    const impls = allImplementationClaims();
    const row = (name: string) => doc.split('\n').find((l) => l.startsWith(`| \`${name}\` |`))!.split('|').slice(5, -1).map((c) => c.trim());
    const gke = impls.findIndex((c) => c.project === 'gke-gateway');
    const eg = impls.findIndex((c) => c.project === 'envoy-gateway' && c.mode === 'default');
    expect(row('HTTPRouteCORS')).toHaveLength(impls.length);
    expect(row('HTTPRouteCORS')[gke]).toBe('·');
    expect(row('HTTPRouteCORS')[eg]).toBe('✓');
    expect(row('HTTPRouteQueryParamMatching')[gke]).toBe('✓');
    expect(doc).toContain(`| ${gke + 1} | gke-gateway | default | 1.36.2-gke.2154000 | v1.6.0 | standard | 2026-07-23 | \`v1.6/gke-gateway/v1.6.0-gke-report.yaml\` |`);
    expect(doc).toContain('- `GatewayHTTPSListenerDetectMisdirectedRequests`: ');
    expect(doc).not.toMatch(/unsupported/i);
  });
});
