import { ApiObject, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { addConstructValidation, collectDiagnostics, constructObject, constructProblem, formatProblem } from '../../src/private/construct-validation';

describe('construct validations', () => {
  test('cdk8s prints each problem as `field: message [code]` (it adds the path)', () => {
    const chart = Testing.chart();
    const c = new Construct(chart, 'Thing');
    addConstructValidation(c, () => [constructProblem('missing', 'give at least one rule', 'rules'), { code: 'xref/x', message: 'no field here' }]);
    expect(c.node.validate()).toEqual(['rules: give at least one rule [construct/missing]', 'no field here [xref/x]']);
    expect(() => Testing.synth(chart)).toThrow(/\[test\/Thing\] rules: give at least one rule \[construct\/missing\]/);
  });

  test('collectDiagnostics returns them structured, with the path and object, and restores normal validation', () => {
    const chart = Testing.chart();
    const c = new Construct(chart, 'Thing');
    new ApiObject(c, 'Resource', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'ns' } });
    addConstructValidation(c, () => [constructProblem('missing', 'give at least one rule', 'rules')]);
    expect(collectDiagnostics(chart)).toEqual([{
      code: 'construct/missing', severity: 'error', message: 'give at least one rule', field: 'rules', source: 'test/Thing', object: { kind: 'ConfigMap', namespace: 'ns', name: 'cm' },
    }]);
    expect(c.node.validate()).toEqual(['rules: give at least one rule [construct/missing]']);
  });

  test('other validations become construct/validation; a throwing one construct/validation-failed', () => {
    const chart = Testing.chart();
    new Construct(chart, 'A').node.addValidation({ validate: () => ['not good'] });
    new Construct(chart, 'B').node.addValidation({ validate: () => { throw new Error('broken'); } });
    expect(collectDiagnostics(chart)).toEqual([
      { code: 'construct/validation', severity: 'error', message: 'not good', source: 'test/A' },
      { code: 'construct/validation-failed', severity: 'error', message: 'a validation threw: broken', source: 'test/B' },
    ]);
  });

  test('constructObject reads kind, namespace and name; undefined without an ApiObject', () => {
    const chart = Testing.chart();
    expect(constructObject(new Construct(chart, 'Plain'))).toBeUndefined();
    const o = new ApiObject(chart, 'Obj', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } });
    expect(constructObject(o)).toEqual({ kind: 'Service', name: 's' });
  });

  test('the checks of one construct run in the order they were added, from one cdk8s validation', () => {
    // GIVEN three checks on one construct, the middle one clean, and one on another construct
    const chart = Testing.chart();
    const c = new Construct(chart, 'Thing');
    const other = new Construct(chart, 'Other');
    const added = [jest.spyOn(c.node, 'addValidation'), jest.spyOn(other.node, 'addValidation')];
    addConstructValidation(c, () => [constructProblem('missing', 'first', 'a')]);
    addConstructValidation(c, () => []);
    addConstructValidation(other, () => [constructProblem('missing', 'elsewhere', 'x')]);
    addConstructValidation(c, () => [constructProblem('invalid-value', 'third', 'b'), constructProblem('invalid-value', 'fourth', 'c')]);
    // WHEN / THEN
    expect(added.map((spy) => spy.mock.calls.length)).toEqual([1, 1]);
    expect(c.node.validate()).toEqual(['a: first [construct/missing]', 'b: third [construct/invalid-value]', 'c: fourth [construct/invalid-value]']);
    expect(other.node.validate()).toEqual(['x: elsewhere [construct/missing]']);
    expect(collectDiagnostics(chart).map((d) => [d.source, d.message])).toEqual([
      ['test/Thing', 'first'], ['test/Thing', 'third'], ['test/Thing', 'fourth'], ['test/Other', 'elsewhere'],
    ]);
  });

  test('a check added after the first validation ran is run by the next one', () => {
    const chart = Testing.chart();
    const c = new Construct(chart, 'Thing');
    addConstructValidation(c, () => []);
    expect(c.node.validate()).toEqual([]);
    addConstructValidation(c, () => [constructProblem('missing', 'late', 'z')]);
    expect(c.node.validate()).toEqual(['z: late [construct/missing]']);
  });

  test('formatProblem leaves the field out when there is none', () => {
    expect(formatProblem({ code: 'c/x', message: 'm' })).toBe('m [c/x]');
    expect(formatProblem({ code: 'c/x', message: 'm', field: 'f' })).toBe('f: m [c/x]');
  });
});

describe('absent parts are left out, not set to undefined', () => {
  test('a problem, an object and a diagnostic without a field or namespace carry no such key', () => {
    const chart = Testing.chart();
    const c = new Construct(chart, 'Thing');
    new ApiObject(c, 'Resource', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });
    const problem = constructProblem('missing', 'give a name');
    expect(problem).toStrictEqual({ code: 'construct/missing', message: 'give a name' });
    addConstructValidation(c, () => [problem]);
    const [d] = collectDiagnostics(chart);
    expect(d).toStrictEqual({ code: 'construct/missing', severity: 'error', message: 'give a name', object: { kind: 'ConfigMap', name: 'cm' }, source: 'test/Thing' });
    expect(Object.keys(d.object!)).toEqual(['kind', 'name']);
  });

  test('a validation that throws something other than an Error is reported, not rethrown', () => {
    const chart = Testing.chart();
    new Construct(chart, 'N').node.addValidation({ validate: () => { throw null; } });
    new Construct(chart, 'S').node.addValidation({ validate: () => { throw 'plain text'; } });
    expect(collectDiagnostics(chart).map((d) => [d.source, d.message])).toEqual([
      ['test/N', 'a validation threw: null'],
      ['test/S', 'a validation threw: plain text'],
    ]);
  });
});
