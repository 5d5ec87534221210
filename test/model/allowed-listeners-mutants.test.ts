import { listenerSetRefusal, namespaceLabels } from '../../src/model';

describe('listenerSetRefusal: Selector without a selector, and an unknown from', () => {
  const FIX = 'set spec.allowedListeners.namespaces.from on the Gateway (Same, All or Selector)';

  test('Selector with no selector refuses every ListenerSet, even when the namespace labels are unknown', () => {
    const expected = { from: 'Selector', detail: 'accepts no ListenerSets (spec.allowedListeners.namespaces.from is Selector, but no selector is set)', fix: FIX };
    // labels unknown: still a refusal, not 'unknown' (nothing could be selected)
    expect(listenerSetRefusal({ namespaces: { from: 'Selector' } }, 'infra', { namespace: 'apps' })).toStrictEqual(expected);
    // labels known, same namespace as the Gateway: still refused
    expect(listenerSetRefusal({ namespaces: { from: 'Selector' } }, 'infra', { namespace: 'infra', namespaceLabels: namespaceLabels('infra') })).toStrictEqual(expected);
  });

  test('an unknown from value refuses every ListenerSet and names the valid values', () => {
    const refusal = listenerSetRefusal({ namespaces: { from: 'Everywhere' as never } }, 'infra', { namespace: 'infra', namespaceLabels: namespaceLabels('infra') });
    expect(refusal).toStrictEqual({
      from: 'Everywhere',
      detail: "accepts no ListenerSets (spec.allowedListeners.namespaces.from is 'Everywhere', which is not None, Same, All or Selector)",
      fix: FIX,
    });
    // the valid values next to it still behave as documented
    expect(listenerSetRefusal({ namespaces: { from: 'All' } }, 'infra', { namespace: 'apps' })).toBeUndefined();
  });
});
