import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Testing } from 'cdk8s';
import { CompleteChart } from '../../examples/complete';
import { testing, validateManifests } from '../../src';
import { describeObjects, describeSeedObjects } from '../support/seed-objects';
import { describeWithShared } from '../support/shared';
import { tlsSecret } from '../testing/tls-fixture';

const gateway = 'gateway-system/production-gateway';

function plane(): testing.DataPlane {
  const chart = new CompleteChart(Testing.app(), 'complete');
  new ApiObject(chart, 'Certificate', tlsSecret('gateway-system', 'wildcard-example-com'));
  return testing.DataPlane.fromChart(chart, { assumeMissing: true });
}

describe('examples/complete (the seed guide\'s Complete Example with the patterns)', () => {
  test('synthesizes the seed scenario plus the HTTPS redirect', () => {
    const objects = Testing.synth(new CompleteChart(Testing.app(), 'complete'));
    expect(describeObjects(objects)).toEqual([
      'Gateway gateway-system/production-gateway',
      'HTTPRoute gateway-system/https-redirect',
      'HTTPRoute production/frontend',
      'HTTPRoute production/api',
      'HTTPRoute gateway-system/health',
    ]);
    expect(objects).toMatchSnapshot();
    expect(validateManifests(objects)).toEqual([]);
  });

  test('is under 45 lines of TypeScript, and the README shows it beside the guide\'s YAML with both counts', () => {
    const code = fs.readFileSync(path.join(__dirname, '../../examples/complete.ts'), 'utf8').trimEnd();
    expect(code.split('\n').length).toBeLessThan(45);
    const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### The guide\'s Complete Example'));
    const yaml = /```yaml\n([\s\S]*?)\n```/.exec(section)![1];
    const ts = /```ts\n([\s\S]*?)\n```/.exec(section)![1];
    // the README imports the package where the example imports the sources
    expect(ts).toBe(code.replace("from '../src';", "from 'cdk8s-gateway-api';"));
    // Lines that carry content: not blank, not a comment.
    const counted = (text: string, comment: RegExp) => text.split('\n').filter(l => l.trim() !== '' && !comment.test(l)).length;
    const yamlLines = counted(yaml, /^\s*#/);
    const tsLines = counted(ts, /^\s*(\/\/|\/\*|\*)/);
    expect([yamlLines, yaml.split('\n').length]).toEqual([113, 123]);
    expect(section).toContain(`${yamlLines} lines of YAML, ${tsLines} of TypeScript`);
    expect(section).toContain(`in ${tsLines}\nlines of TypeScript (${code.split('\n').length} with comments and blank lines)`);
    // The YAML shown is the guide's own objects: the data plane reads them without a problem.
    expect(testing.DataPlane.fromYaml(yaml).diagnostics).toEqual([]);
  });

  test('http -> 301 to https with path and query kept; https is not redirected again', () => {
    const p = plane();
    expect(p.http({ gateway, host: 'api.example.com', path: '/v2/users?page=2' })).toMatchObject({ outcome: 'redirect', status: 301, location: 'https://api.example.com/v2/users?page=2' });
    const r = p.http({ gateway, scheme: 'https', host: 'api.example.com', path: '/v2/users?page=2' });
    expect(r).toMatchObject({ outcome: 'forwarded', status: 200, backend: { namespace: 'production', name: 'api-v2', port: 80 } });
  });

  test('/v1 splits 95/5 exactly; the x-canary cohort always reaches the canary; unversioned paths go to v1 stable', () => {
    const p = plane();
    const https = { gateway, scheme: 'https' as const, host: 'api.example.com' };
    expect(p.distribution({ ...https, path: '/v1/orders' }).backends).toEqual({ 'production/api-v1-stable': 0.95, 'production/api-v1-canary': 0.05 });
    expect(p.distribution({ ...https, path: '/v1/orders', headers: { 'x-canary': 'always' } }).backends).toEqual({ 'production/api-v1-canary': 1 });
    const d = p.http({ ...https, path: '/users?limit=5' });
    expect(d.backend?.name).toBe('api-v1-stable');
    expect(d.request?.path).toBe('/v1/users?limit=5');
  });

  test('the frontend over https; the health check answers on both http and https', () => {
    const p = plane();
    expect(p.http({ gateway, scheme: 'https', host: 'www.example.com', path: '/about' }).backend?.name).toBe('frontend');
    expect(p.http({ gateway, host: 'www.example.com', path: '/about' })).toMatchObject({ status: 301, location: 'https://www.example.com/about' });
    for (const scheme of ['http', 'https'] as const) {
      expect(p.http({ gateway, scheme, host: 'status.example.com', path: '/healthz' }).backend).toEqual({ namespace: 'gateway-system', name: 'health-service', port: 80 });
    }
  });
});

// The Gateway and the health route are exactly the guide's; the other seed objects of this scenario come from examples/complete-l2.
describeSeedObjects('examples/complete', () => new CompleteChart(Testing.app(), 'complete'), [
  'Gateway gateway-system/production-gateway',
  'HTTPRoute gateway-system/health',
]);

describeWithShared('the README quotes the guide\'s Complete Example exactly', (shared) => {
  test('same text as the guide\'s block', () => {
    const guide = fs.readFileSync(path.join(shared, 'seed/000_90665368728c9213.txt'), 'utf8');
    const block = /## Complete Example\s*```yaml\n([\s\S]*?)\n```/.exec(guide)![1];
    const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### The guide\'s Complete Example'));
    expect(/```yaml\n([\s\S]*?)\n```/.exec(section)![1]).toBe(block);
  });
});
