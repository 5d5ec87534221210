import { formatDiagnostic, newCelStats, validateManifests } from '../../src/validation';
import { allExampleObjects } from '../support/examples';

describe('the examples, validated as manifests', () => {
  const produced = allExampleObjects();

  test('every example app is checked', () => {
    expect(new Set(produced.map(p => p.example)).size).toBeGreaterThanOrEqual(14);
  });

  test('each example passes schema, CEL and cross-object validation without an error', () => {
    const stats = newCelStats();
    const errors: string[] = [];
    for (const example of new Set(produced.map(p => p.example))) {
      const objects = produced.filter(p => p.example === example).map(p => p.object);
      for (const d of validateManifests(objects, { celStats: stats })) {
        if (d.severity === 'error') errors.push(`${example}: ${formatDiagnostic(d)}`);
      }
    }
    expect(errors).toEqual([]);
    // The examples exercise a good part of the CRDs' CEL rules (the fixtures of cel-rules.test.ts reach all of them).
    expect(stats.evaluations).toBeGreaterThan(100);
    // eslint-disable-next-line no-console
    console.log(`examples: ${produced.length} objects, ${stats.rulesEvaluated.size} distinct CEL rules in ${stats.evaluations} evaluations`);
  });
});
