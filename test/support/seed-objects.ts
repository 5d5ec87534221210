import { Chart, Testing } from 'cdk8s';
import { seedObjects } from './seed';
import { describeWithShared } from './shared';

/** `Kind namespace/name` of each object, the way the example tests list them. */
export function describeObjects(objects: any[]): string[] {
  return objects.map(o => `${o.kind} ${o.metadata.namespace ?? '-'}/${o.metadata.name}`);
}

/**
 * Tests that an example emits the listed seed objects exactly: same kind,
 * metadata and spec, with the seed's outdated Gateway API versions upgraded
 * to `gateway.networking.k8s.io/v1`.
 */
export function describeSeedObjects(title: string, synth: () => Chart, ids: string[]): void {
  describeWithShared(`${title} against the seed guide`, shared => {
    const seed = seedObjects(shared);
    const objects = Testing.synth(synth());
    test.each(ids)('emits the seed\'s %s', id => {
      const [kind, ref] = id.split(' ');
      const [namespace, name] = ref.split('/');
      const wanted = seed.map(s => s.upgraded).filter(o => o.kind === kind && o.metadata.name === name && (o.metadata.namespace ?? '-') === namespace);
      expect(wanted).toHaveLength(1);
      const expected = wanted[0];
      const actual = objects.filter(o => o.kind === kind && o.metadata.name === name && (o.metadata.namespace ?? '-') === namespace);
      expect(actual).toEqual([expected]);
    });
  });
}
