import { Chart, Testing } from 'cdk8s';
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { describeWithShared } from './shared';

/** Every YAML object the seed guide shows, in order (read from the shared folder). */
export function seedObjects(shared: string): any[] {
  const seed = fs.readFileSync(path.join(shared, 'seed/000_90665368728c9213.txt'), 'utf8');
  const blocks = [...seed.matchAll(/```yaml\n([\s\S]*?)```/g)].map(m => m[1]);
  return blocks.flatMap(b => parseAllDocuments(b).map(d => d.toJSON())).filter(Boolean);
}

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
      const wanted = seed.filter(o => o.kind === kind && o.metadata.name === name && (o.metadata.namespace ?? '-') === namespace);
      expect(wanted).toHaveLength(1);
      const expected = { ...wanted[0], apiVersion: wanted[0].apiVersion.replace(/^gateway\.networking\.k8s\.io\/v1(alpha2|alpha3|beta1)$/, 'gateway.networking.k8s.io/v1') };
      const actual = objects.filter(o => o.kind === kind && o.metadata.name === name && (o.metadata.namespace ?? '-') === namespace);
      expect(actual).toEqual([expected]);
    });
  });
}
