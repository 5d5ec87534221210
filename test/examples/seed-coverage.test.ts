import { allExampleObjects } from '../support/examples';
import { seedObjects } from '../support/seed';
import { describeWithShared } from '../support/shared';

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
