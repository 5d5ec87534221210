import * as fs from 'fs';
import * as path from 'path';
import { parseRoutingSpec } from '../../src/routing-spec';
import { ROOT, fixture, runCli } from '../support/cli';

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Command line'), readme.indexOf('## Repository layout'));

describe('README: Command line', () => {
  test('the Mermaid graph shown is what `graph` prints for the complete example', () => {
    const shown = /```mermaid\n([\s\S]*?)```/.exec(section)![1];
    expect(runCli(['graph', fixture('seed/complete')]).stdout).toBe(shown);
  });

  test('the routing test example follows the shipped JSON Schema', () => {
    const yaml = /```yaml\n(# yaml-language-server[\s\S]*?)```/.exec(section)![1];
    expect(parseRoutingSpec(yaml, 'README.md').tests.map((t) => t.name)).toEqual(['v2 API', 'old shop redirects', 'the canary takes 5% of v1', 'an unknown gRPC method', 'the database port']);
  });

  test('every command is shown', () => {
    for (const cmd of ['route', 'table', 'status', 'graph', 'test', 'validate', 'lint', 'conformance', 'diff', 'compat']) expect(section).toContain(`npx cdk8s-gateway ${cmd} `);
  });
});
