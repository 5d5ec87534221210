import { formatDiagnostic, hasErrors } from '../../src/validation';
import { formatFieldPath, parseFieldPath, segmentsFromJsonPointer } from '../../src/validation/field-path';

describe('diagnostics', () => {
  test('format as one line with source, severity, object, field, message and code', () => {
    expect(formatDiagnostic({
      code: 'xref/section-not-found',
      severity: 'error',
      message: 'no such listener',
      object: { kind: 'HTTPRoute', namespace: 'apps', name: 'web' },
      field: 'spec.parentRefs[0].sectionName',
      source: 'routes.yaml#2',
    })).toBe('routes.yaml#2: error HTTPRoute apps/web spec.parentRefs[0].sectionName: no such listener [xref/section-not-found]');
    expect(formatDiagnostic({ code: 'input/unreadable', severity: 'error', message: 'cannot read x' })).toBe('error: cannot read x [input/unreadable]');
    expect(formatDiagnostic({ code: 'metadata/namespace-on-cluster-scoped', severity: 'warning', message: 'm', object: { kind: 'GatewayClass', name: 'c' } }))
      .toBe('warning GatewayClass c: m [metadata/namespace-on-cluster-scoped]');
  });

  test('hasErrors ignores warnings', () => {
    expect(hasErrors([{ code: 'a/b', severity: 'warning', message: '' }])).toBe(false);
    expect(hasErrors([{ code: 'a/b', severity: 'error', message: '' }])).toBe(true);
  });

  test('field paths quote keys that are not identifiers, and JSON pointers decode by walking the data', () => {
    expect(formatFieldPath(['metadata', 'labels', 'app.kubernetes.io/name'])).toBe("metadata.labels['app.kubernetes.io/name']");
    expect(formatFieldPath(['spec', 'rules', 1, 'matches', 0])).toBe('spec.rules[1].matches[0]');
    expect(segmentsFromJsonPointer('/spec/labels/0/a~1b', { spec: { labels: { 0: { 'a/b': 1 } } } })).toEqual(['spec', 'labels', '0', 'a/b']);
    expect(segmentsFromJsonPointer('/spec/rules/0', { spec: { rules: [{}] } })).toEqual(['spec', 'rules', 0]);
  });

  test('parseFieldPath reads back what formatFieldPath writes, and stops at what it cannot read (an enclosing field, never a guess)', () => {
    for (const segments of [[], ['spec', 'rules', 1, 'matches', 0, 'path', 'value'], ['metadata', 'labels', "it's a\\b.c"], ['spec', 'labels', '0'], [0, 'a-b', '$x']]) {
      expect(parseFieldPath(formatFieldPath(segments))).toEqual(segments);
    }
    expect(parseFieldPath('spec.rules[x].matches')).toEqual(['spec', 'rules']);
    expect(parseFieldPath("metadata.labels['open")).toEqual(['metadata', 'labels']);
    expect(parseFieldPath('spec.rules[01]')).toEqual(['spec', 'rules']);
  });
});
