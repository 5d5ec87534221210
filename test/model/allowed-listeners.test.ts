import { listenerSetRefusal, namespaceLabels } from '../../src/model';

describe('listenerSetRefusal', () => {
  const at = (namespace: string, labels?: Record<string, string>) => ({ namespace, namespaceLabels: labels && namespaceLabels(namespace, [{ metadata: { name: namespace, labels } }]) });

  test('None (the default) refuses every ListenerSet', () => {
    expect(listenerSetRefusal(undefined, 'infra', at('infra', {}))).toMatchObject({ from: 'None', detail: 'accepts no ListenerSets (spec.allowedListeners.namespaces.from is None, the default)' });
    expect(listenerSetRefusal({ namespaces: { from: 'None' } }, 'infra', at('infra', {}))).toMatchObject({ detail: 'accepts no ListenerSets (spec.allowedListeners.namespaces.from is None)' });
  });

  test('Same admits the Gateway namespace only; All admits every namespace', () => {
    expect(listenerSetRefusal({ namespaces: { from: 'Same' } }, 'infra', at('infra'))).toBeUndefined();
    expect(listenerSetRefusal({ namespaces: { from: 'Same' } }, 'infra', at('team-a'))).toMatchObject({ from: 'Same', detail: 'accepts ListenerSets only from its own namespace infra, not from team-a' });
    expect(listenerSetRefusal({ namespaces: { from: 'All' } }, 'infra', at('team-a'))).toBeUndefined();
  });

  test('Selector decides on the namespace labels, and cannot decide without them', () => {
    const sel = { namespaces: { from: 'Selector' as const, selector: { matchLabels: { team: 'a' } } } };
    expect(listenerSetRefusal(sel, 'infra', at('team-a', { team: 'a' }))).toBeUndefined();
    expect(listenerSetRefusal(sel, 'infra', at('team-b', { team: 'b' }))).toMatchObject({ from: 'Selector', detail: 'accepts ListenerSets only from namespaces labelled team=a; namespace team-b has {team=b, kubernetes.io/metadata.name=team-b}' });
    expect(listenerSetRefusal(sel, 'infra', at('team-a'))).toBe('unknown');
    // no selector, or an invalid one, selects nothing
    expect(listenerSetRefusal({ namespaces: { from: 'Selector' } }, 'infra', at('team-a', {}))).toMatchObject({ from: 'Selector' });
    expect(listenerSetRefusal({ namespaces: { from: 'Selector', selector: { matchExpressions: [{ key: 'x', operator: 'In' }] } } }, 'infra', at('team-a', { x: '1' }))).toMatchObject({ from: 'Selector' });
  });

  test('every refusal says how to fix it', () => {
    expect(listenerSetRefusal(undefined, 'infra', at('x'))).toMatchObject({ fix: 'set spec.allowedListeners.namespaces.from on the Gateway (Same, All or Selector)' });
  });
});
