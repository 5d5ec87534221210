import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { seedObjects } from '../support/seed';
import { describeWithShared } from '../support/shared';

const examplesDir = path.resolve(__dirname, '../../examples');

/** Every object every example app synthesizes (each exported Chart class, instantiated in its own app). */
function allExampleObjects(): { example: string; object: any }[] {
  const out: { example: string; object: any }[] = [];
  for (const file of fs.readdirSync(examplesDir).filter(f => f.endsWith('.ts')).sort()) {
    const mod = require(path.join(examplesDir, file));
    for (const exported of Object.values(mod)) {
      // Example apps export their Chart subclasses (the module may see its own copy of cdk8s, so no instanceof).
      if (typeof exported !== 'function' || !/Chart$/.test(exported.name)) continue;
      const chart = new (exported as any)(Testing.app(), path.basename(file, '.ts'));
      expect(Chart.isChart(chart)).toBe(true);
      for (const object of Testing.synth(chart)) out.push({ example: file, object });
    }
  }
  return out;
}

const key = (o: any) => `${o.kind} ${o.metadata?.namespace ?? '-'}/${o.metadata?.name}`;

describeWithShared('the examples cover every object of the seed guide', (shared) => {
  const seed = seedObjects(shared);
  const produced = allExampleObjects();

  test('the seed guide shows 19 Gateway API objects', () => {
    expect(produced.length).toBeGreaterThan(19);
    expect(seed.map(s => key(s.original))).toHaveLength(19);
  });

  test.each(seed.map(s => [key(s.original), s] as const))('%s is produced, as v1, with the same spec', (_, s) => {
    const matches = produced.filter(p => key(p.object) === key(s.upgraded));
    expect(matches.length).toBeGreaterThanOrEqual(1);
    // Same apiVersion (v1), kind, metadata and spec as the guide wrote it (upgraded to the v1.6.1 schema).
    expect(matches.map(m => m.object)).toContainEqual(s.upgraded);
  });
});
