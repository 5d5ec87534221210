import { describeLabels, describeLabelSelector, matchesLabelSelector, namespaceLabels, NAMESPACE_NAME_LABEL } from '../../src/model';

// Each operator on both sides of its rule, the absent key, inherited property names, and the errors the
// API server would give for values that do not fit the operator.
describe('label selector boundaries', () => {
  const labels = { team: 'x', tier: '' };
  const req = (operator: string, key: string, values?: string[]) => ({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] });

  test('In and NotIn on a present, an absent and an empty-valued key', () => {
    expect(matchesLabelSelector(req('In', 'team', ['x', 'y']), labels)).toBe(true);
    expect(matchesLabelSelector(req('In', 'team', ['y']), labels)).toBe(false);
    expect(matchesLabelSelector(req('In', 'absent', ['x']), labels)).toBe(false);
    expect(matchesLabelSelector(req('In', 'tier', ['']), labels)).toBe(true);
    expect(matchesLabelSelector(req('NotIn', 'team', ['x']), labels)).toBe(false);
    expect(matchesLabelSelector(req('NotIn', 'team', ['y']), labels)).toBe(true);
    expect(matchesLabelSelector(req('NotIn', 'absent', ['x']), labels)).toBe(true);
  });

  test('Exists and DoesNotExist: an empty value exists; inherited names such as toString do not', () => {
    expect(matchesLabelSelector(req('Exists', 'tier'), labels)).toBe(true);
    expect(matchesLabelSelector(req('Exists', 'toString'), labels)).toBe(false);
    expect(matchesLabelSelector(req('DoesNotExist', 'toString'), labels)).toBe(true);
    expect(matchesLabelSelector(req('DoesNotExist', 'team'), labels)).toBe(false);
    expect(matchesLabelSelector(req('In', 'constructor', ['x']), labels)).toBe(false);
  });

  test('matchLabels and matchExpressions must all hold; an empty selector selects everything', () => {
    expect(matchesLabelSelector({}, labels)).toBe(true);
    expect(matchesLabelSelector({ matchLabels: {} }, {})).toBe(true);
    expect(matchesLabelSelector({ matchLabels: { team: 'x' }, ...req('Exists', 'absent') }, labels)).toBe(false);
    expect(matchesLabelSelector({ matchLabels: { team: 'y' }, ...req('Exists', 'team') }, labels)).toBe(false);
    expect(matchesLabelSelector({ matchLabels: { tier: '' } }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchLabels: { tier: '' } }, {})).toBe(false);
  });

  test('values that do not fit the operator, and unknown operators, are errors naming the key', () => {
    expect(() => matchesLabelSelector(req('In', 'k', []), labels)).toThrow("label selector requirement on 'k': operator In needs at least one value");
    expect(() => matchesLabelSelector(req('NotIn', 'k'), labels)).toThrow("label selector requirement on 'k': operator NotIn needs at least one value");
    expect(() => matchesLabelSelector(req('Exists', 'k', ['v']), labels)).toThrow("label selector requirement on 'k': operator Exists takes no values");
    expect(() => matchesLabelSelector(req('DoesNotExist', 'k', ['v']), labels)).toThrow("label selector requirement on 'k': operator DoesNotExist takes no values");
    expect(() => matchesLabelSelector(req('Exists', 'k', []), labels)).not.toThrow();
    expect(() => matchesLabelSelector(req('Has', 'k'), labels)).toThrow("label selector requirement on 'k': unknown operator 'Has' (valid: In, NotIn, Exists, DoesNotExist)");
  });

  test('namespace labels always carry the name label, which a stored label cannot override', () => {
    expect(namespaceLabels('apps')).toEqual({ [NAMESPACE_NAME_LABEL]: 'apps' });
    expect(namespaceLabels('apps', [{ metadata: { name: 'other', labels: { a: '1' } } }, { metadata: { name: 'apps', labels: { team: 'x', [NAMESPACE_NAME_LABEL]: 'forged' } } }]))
      .toEqual({ team: 'x', [NAMESPACE_NAME_LABEL]: 'apps' });
  });

  test('descriptions', () => {
    expect(describeLabels({})).toBe('{}');
    expect(describeLabels({ a: '1', b: '' })).toBe('{a=1, b=}');
    expect(describeLabelSelector(undefined)).toBe('everything');
    expect(describeLabelSelector({})).toBe('everything');
    expect(describeLabelSelector({ matchLabels: { a: '1' }, matchExpressions: [{ key: 'b', operator: 'Exists' }, { key: 'c', operator: 'In', values: ['x', 'y'] }] }))
      .toBe('a=1, b Exists, c In (x, y)');
  });
});
