import * as fs from 'fs';
import * as path from 'path';
import { ConformanceReport, runConformance, stepId } from '../../src/testing/conformance-runner';
import { describeWithShared } from '../support/shared';

const RATCHET = path.join(__dirname, 'conformance-ratchet.json');

describeWithShared('conformance ratchet', (shared) => {
  let report: ConformanceReport;
  beforeAll(() => {
    report = runConformance(path.join(shared, 'conformance'));
  });

  test('every step listed in the ratchet still passes', () => {
    // GIVEN the committed list of passing steps (regenerate it with `npx projen conformance:ratchet`)
    const ratchet: { passing: string[] } = JSON.parse(fs.readFileSync(RATCHET, 'utf8'));
    const outcomes = new Map(report.results.map((r) => [stepId(r), r]));
    // THEN none of them regressed
    const regressed = ratchet.passing
      .filter((id) => outcomes.get(id)?.outcome !== 'passed')
      .map((id) => `${id}: ${outcomes.get(id)?.detail ?? 'step no longer exists'}`);
    expect(regressed).toEqual([]);
  });

  test('at least 95% of the steps that run pass', () => {
    expect(report.vectors).toBeGreaterThanOrEqual(131);
    expect(report.passed / (report.passed + report.failed)).toBeGreaterThanOrEqual(0.95);
  });

  test('every skipped step states a reason', () => {
    const skipped = report.results.filter((r) => r.outcome === 'skipped');
    expect(skipped.filter((r) => !r.detail || r.detail.length < 10)).toEqual([]);
  });
});
