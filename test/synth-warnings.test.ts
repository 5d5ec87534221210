import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { FAIL_ON_WARNINGS_CONTEXT, failsOnWarnings, WARNING_METADATA_TYPE } from '../src/synth-warnings';

describe('failsOnWarnings', () => {
  test('off unless the context key is true (or "true") at or above the construct', () => {
    const app = Testing.app();
    const plain = new Construct(new Chart(app, 'plain'), 'X');
    const strictChart = new Chart(app, 'strict');
    strictChart.node.setContext(FAIL_ON_WARNINGS_CONTEXT, true);
    const strict = new Construct(strictChart, 'X');
    const offChart = new Chart(app, 'off');
    offChart.node.setContext(FAIL_ON_WARNINGS_CONTEXT, false);
    const off = new Construct(offChart, 'X');
    expect([failsOnWarnings(plain), failsOnWarnings(strict), failsOnWarnings(off)]).toEqual([false, true, false]);
    const stringApp = Testing.app();
    stringApp.node.setContext(FAIL_ON_WARNINGS_CONTEXT, 'true');
    expect(failsOnWarnings(new Construct(new Chart(stringApp, 'c'), 'X'))).toBe(true);
  });

  test('the names are stable (documented in docs/validation.md)', () => {
    expect(FAIL_ON_WARNINGS_CONTEXT).toBe('gateway-api:failOnWarnings');
    expect(WARNING_METADATA_TYPE).toBe('gateway-api:warning');
  });
});
