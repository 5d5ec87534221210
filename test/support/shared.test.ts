import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { sharedRequired } from './shared';

describe('shared-data suites when the shared folder is absent', () => {
  test('CI decides whether the folder is required', () => {
    expect(sharedRequired({ CI: 'true' })).toBe(true);
    expect(sharedRequired({ CI: '1' })).toBe(true);
    expect(sharedRequired({})).toBe(false);
    expect(sharedRequired({ CI: 'false' })).toBe(false);
    expect(sharedRequired({ CI: '0' })).toBe(false);
    expect(sharedRequired({ CI: '' })).toBe(false);
  });

  // Runs one shared-data suite in a child jest with GATEWAY_API_SHARED pointing nowhere.
  const root = path.resolve(__dirname, '../..');
  const missing = path.join(os.tmpdir(), 'no-such-shared-folder');
  function runSuite(ci: string | undefined): { status: number; results: any } {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shared-ci-')), 'r.json');
    const env: NodeJS.ProcessEnv = { ...process.env, GATEWAY_API_SHARED: missing };
    delete env.CI;
    if (ci !== undefined) env.CI = ci;
    let status = 0;
    try {
      execFileSync(process.execPath, [require.resolve('jest/bin/jest'), '--ci', '--runInBand', '--json', `--outputFile=${out}`, 'test/testing/seed-examples.test.ts'], { cwd: root, env, stdio: 'pipe' });
    } catch (e: any) {
      status = e.status;
    }
    return { status, results: JSON.parse(fs.readFileSync(out, 'utf8')) };
  }

  test('under CI=true they fail, naming the folder; without CI they are skipped', () => {
    const ci = runSuite('true');
    expect(ci.status).not.toBe(0);
    expect(ci.results.numFailedTests).toBe(1);
    expect(ci.results.testResults[0].assertionResults[0].failureMessages[0]).toContain(`${missing} is absent`);
    const local = runSuite(undefined);
    expect(local.status).toBe(0);
    expect(local.results.numFailedTests).toBe(0);
    expect(local.results.numPendingTests).toBe(1);
  });

  test('no suite skips a shared-data test by itself: they go through describeWithShared or testWithShared', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.name.endsWith('.ts') && /\?\s*(test|it|describe)\s*:\s*(test|it|describe)\.skip/.test(fs.readFileSync(full, 'utf8'))) offenders.push(path.relative(root, full));
      }
    };
    walk(path.join(root, 'test'));
    expect(offenders).toEqual([]);
  });
});
