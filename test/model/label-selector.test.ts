import { describeLabels, describeLabelSelector, matchesLabelSelector, namespaceLabels, NAMESPACE_NAME_LABEL } from '../../src/model';

describe('matchesLabelSelector', () => {
  const labels = { env: 'prod', team: 'web' };
  test('matchLabels must all be equal', () => {
    expect(matchesLabelSelector({ matchLabels: { env: 'prod' } }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchLabels: { env: 'prod', team: 'api' } }, labels)).toBe(false);
  });
  test('an empty selector selects everything', () => {
    expect(matchesLabelSelector({}, {})).toBe(true);
  });
  test('In / NotIn / Exists / DoesNotExist', () => {
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'stage'] }] }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'env', operator: 'In', values: ['dev'] }] }, labels)).toBe(false);
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'missing', operator: 'NotIn', values: ['dev'] }] }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, labels)).toBe(false);
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'team', operator: 'Exists' }] }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'x', operator: 'Exists' }] }, labels)).toBe(false);
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'x', operator: 'DoesNotExist' }] }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }, labels)).toBe(false);
  });
  test('fails if an operator is unknown or its values are malformed', () => {
    expect(() => matchesLabelSelector({ matchExpressions: [{ key: 'env', operator: 'Equals', values: ['x'] }] }, labels)).toThrow(/unknown operator 'Equals'/);
    expect(() => matchesLabelSelector({ matchExpressions: [{ key: 'env', operator: 'In' }] }, labels)).toThrow(/needs at least one value/);
    expect(() => matchesLabelSelector({ matchExpressions: [{ key: 'env', operator: 'Exists', values: ['x'] }] }, labels)).toThrow(/takes no values/);
  });
});

describe('namespaceLabels', () => {
  test('adds the metadata.name label, also for namespaces without an object', () => {
    expect(namespaceLabels('apps', [{ metadata: { name: 'apps', labels: { a: 'b' } } }])).toEqual({ a: 'b', [NAMESPACE_NAME_LABEL]: 'apps' });
    expect(namespaceLabels('other', [])).toEqual({ [NAMESPACE_NAME_LABEL]: 'other' });
  });
});

describe('describeLabels / describeLabelSelector', () => {
  test('show labels and selectors as messages write them', () => {
    expect(describeLabels({ a: '1', b: '2' })).toBe('{a=1, b=2}');
    expect(describeLabels({})).toBe('{}');
    expect(describeLabelSelector({ matchLabels: { team: 'a' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['x', 'y'] }, { key: 'k', operator: 'Exists' }] }))
      .toBe('team=a, env In (x, y), k Exists');
    expect(describeLabelSelector({})).toBe('everything');
    expect(describeLabelSelector(undefined)).toBe('everything');
  });
});
