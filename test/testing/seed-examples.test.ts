import { DataPlane } from '../../src/testing';
import { seedObjects } from '../support/seed';
import { describeWithShared } from '../support/shared';

describeWithShared('seed guide objects in the data plane', (shared) => {
  test('every Gateway API object of the guide, upgraded to v1, loads without a diagnostic', () => {
    const objects = seedObjects(shared);
    expect(objects.length).toBeGreaterThan(10);
    for (const o of objects) {
      const plane = DataPlane.fromManifests([o.upgraded]);
      expect({ file: o.file, kind: o.upgraded.kind, diagnostics: plane.diagnostics }).toEqual({ file: o.file, kind: o.upgraded.kind, diagnostics: [] });
    }
  });

  test('the guide as written (v1alpha2 BackendTLSPolicy) is reported, not dropped silently', () => {
    const old = seedObjects(shared).filter((o) => o.original.kind === 'BackendTLSPolicy');
    expect(old.length).toBeGreaterThan(0);
    for (const o of old) {
      const plane = DataPlane.fromManifests([o.original]);
      expect(plane.diagnostics.length).toBeGreaterThan(0);
      expect(plane.diagnostics[0]).toMatchObject({ object: { kind: 'BackendTLSPolicy' }, source: 'manifests#0', field: 'apiVersion', message: expect.stringMatching(/gateway.networking.k8s.io\/v1alpha2 is not served by Gateway API v1.6.1.*use gateway.networking.k8s.io\/v1/) });
    }
  });
});
