import { namespaceLabels } from '../../src/model';

describe('namespaceLabels with Namespace objects lacking metadata', () => {
  test('an entry without metadata is skipped, not an error', () => {
    expect(namespaceLabels('apps', [{}, { metadata: { name: 'apps', labels: { team: 'a' } } }]))
      .toStrictEqual({ 'team': 'a', 'kubernetes.io/metadata.name': 'apps' });
    expect(namespaceLabels('apps', [{}])).toStrictEqual({ 'kubernetes.io/metadata.name': 'apps' });
  });
});
