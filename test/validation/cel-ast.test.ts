import { parse, plan } from '@bufbuild/cel';
import { EXPERIMENTAL_CRDS, STANDARD_CRDS, type CelRuleData, type CrdValidationData } from '../../generated';
import { decodeCelAst, encodeCelAst, type CelExpr } from '../../src/validation/cel-ast';
import { kubernetesCelEnv } from '../../src/validation/cel-environment';
import { toCelValue } from '../../src/validation/cel-values';

/** Every rule list of the built-in data: each kind's, and each older version's, of both channels. */
function everyRuleList(): Array<{ where: string; rules: readonly CelRuleData[] }> {
  const out: Array<{ where: string; rules: readonly CelRuleData[] }> = [];
  const add = (channel: string, crd: CrdValidationData) => {
    out.push({ where: `${channel} ${crd.kind} ${crd.version}`, rules: crd.rules });
    for (const [version, older] of Object.entries(crd.olderVersions ?? {})) out.push({ where: `${channel} ${crd.kind} ${version}`, rules: older.rules });
  };
  for (const crd of Object.values(STANDARD_CRDS)) add('standard', crd);
  for (const crd of Object.values(EXPERIMENTAL_CRDS)) add('experimental', crd);
  return out;
}

/** The program of a parsed expression with `self` bound, as the engine runs it. */
function program(expr: CelExpr): (self: unknown) => unknown {
  const run = plan(kubernetesCelEnv(), expr);
  return (self) => run({ self } as Parameters<typeof run>[0]);
}

describe('the ASTs stored in generated/', () => {
  test('every rule and messageExpression of every kind, version and channel carries one, and it is what parse gives for its text', () => {
    // GIVEN every rule of the built-in data
    let expressions = 0;
    const missing: string[] = [];
    const wrong: string[] = [];
    for (const { where, rules } of everyRuleList()) {
      for (const r of rules) {
        const pairs: Array<[string, string | undefined]> = [[r.rule, r.ruleAst]];
        if (r.messageExpression !== undefined) pairs.push([r.messageExpression, r.messageExpressionAst]);
        for (const [text, ast] of pairs) {
          expressions++;
          // THEN it has an AST, which decodes to exactly the tree parse builds from the text (ids included)
          if (ast === undefined) {
            missing.push(`${where}: ${text}`);
            continue;
          }
          try {
            expect(decodeCelAst(ast)).toStrictEqual(parse(text).expr);
          } catch {
            wrong.push(`${where}: ${text}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
    expect(wrong).toEqual([]);
    expect(expressions).toBeGreaterThan(165 + 185);
  });

  test('a stored AST of another text does not pass for this one', () => {
    // GIVEN two rules that differ only in a constant, and the stored AST of one of them
    const a = 'self.size() <= 16';
    const b = 'self.size() <= 17';
    // THEN the decoded AST equals the parse of its own text, not the other's
    expect(decodeCelAst(encodeCelAst(parse(a).expr))).toStrictEqual(parse(a).expr);
    expect(decodeCelAst(encodeCelAst(parse(a).expr))).not.toStrictEqual(parse(b).expr);
  });
});

describe('encodeCelAst / decodeCelAst', () => {
  // Every node kind the parser builds: constants of each type, identifiers, selections and has(), global and
  // member calls, indexing, lists, maps, messages, and the comprehensions of the macros.
  const CASES: Array<[string, unknown, unknown]> = [
    ['[null, true, false, -3, 7u, 2.5, 1e300, "héllo \\u2603", b"\\xff\\x00", [], [1, [2]]]', {}, undefined],
    ['has(self.a) ? self.a.b == "x" : false', { a: { b: 'x' } }, { c: 1 }],
    ['self.items.exists(i, i.name == "x") && self.items.all(i, i.port > 0)', { items: [{ name: 'x', port: 1 }] }, { items: [{ name: 'y', port: 0 }] }],
    ['self.items.map(i, i.port).filter(p, p > 1).size() == 1 && self.items.exists_one(i, i.name == "x")', { items: [{ name: 'x', port: 2 }] }, { items: [{ name: 'x', port: 0 }, { name: 'x', port: 1 }] }],
    ['self.items.map(i, i.port > 1, i.name)[0] == "x"', { items: [{ name: 'x', port: 2 }] }, { items: [{ name: 'y', port: 2 }] }],
    ['{"a": 1, "b": self.n}["b"] == 2 && self.s.startsWith("ab") && size(self.s) >= 2', { n: 2, s: 'abc' }, { n: 3, s: 'x' }],
    ['self.s.matches("^[a-z]+$") || !(self.s in ["A", "B"]) || self.s + "!" == "z!"', { s: 'abc' }, { s: 'A' }],
    ['google.protobuf.Int64Value{value: 1} == 1', {}, undefined],
  ];

  test.each(CASES)('%s: decodes to what parse gives, and plans to a program giving the same results', (text, yes, no) => {
    // GIVEN the parsed text
    const parsed = parse(text as string).expr;
    // WHEN encoded and decoded
    const decoded = decodeCelAst(encodeCelAst(parsed));
    // THEN the same tree, and the same results from both programs (true on the first input, false on the second)
    expect(decoded).toStrictEqual(parsed);
    for (const self of [yes, no]) {
      if (self === undefined) continue;
      const input = toCelValue(self, undefined);
      expect(program(decoded)(input)).toEqual(program(parsed)(input));
    }
    if (no !== undefined) {
      expect(program(decoded)(toCelValue(yes, undefined))).toBe(true);
      expect(program(decoded)(toCelValue(no, undefined))).toBe(false);
    }
  });

  test('the compact form is JSON, much smaller than the source positions parse also records', () => {
    const parsed = parse('self.items.all(i, i.port > 0)');
    const text = encodeCelAst(parsed.expr);
    expect(JSON.parse(text)[1]).toBe(12); // a comprehension at the root
    expect(text.length).toBeLessThan(JSON.stringify(parsed.sourceInfo, (_, v) => (typeof v === 'bigint' ? String(v) : v)).length * 2);
  });

  test('text that is not the compact form is refused, naming the node', () => {
    expect(() => decodeCelAst('{}')).toThrow(/^not a CEL AST node: \{\}/);
    expect(() => decodeCelAst('[1, 99]')).toThrow(/^not a CEL AST node \(tag 99\): \[1,99\]/);
    expect(() => decodeCelAst('[1, 8, "self", "a", 0]')).toThrow(/^not a CEL AST node: "self"/);
    expect(() => decodeCelAst('not json')).toThrow(SyntaxError);
  });

  test('a node the parser does not produce is refused when encoding', () => {
    // GIVEN a duration constant (only a checked or hand-built tree has one) and a node without an expression
    const duration = {
      $typeName: 'cel.expr.Expr',
      id: 1n,
      exprKind: { case: 'constExpr', value: { $typeName: 'cel.expr.Constant', constantKind: { case: 'durationValue', value: {} } } },
    } as unknown as CelExpr;
    const empty = { $typeName: 'cel.expr.Expr', id: 2n, exprKind: { case: undefined } } as unknown as CelExpr;
    // THEN each is refused with the node's id
    expect(() => encodeCelAst(duration)).toThrow(/constant 1 is a durationValue, which the parser does not produce/);
    expect(() => encodeCelAst(empty)).toThrow(/node 2 has no expression/);
  });

  test('a tree with a missing operand, a constant without a value or a struct entry without a key is refused when encoding, naming it', () => {
    // GIVEN three hand-built trees, each with one part the parser always fills left empty
    const parsed = parse('self.a').expr;
    const noOperand = { ...parsed, exprKind: { case: 'selectExpr', value: { ...(parsed.exprKind.value as object), operand: undefined } } } as unknown as CelExpr;
    const noValue = { $typeName: 'cel.expr.Expr', id: 3n, exprKind: { case: 'constExpr', value: { $typeName: 'cel.expr.Constant', constantKind: { case: undefined } } } } as unknown as CelExpr;
    const struct = parse('{"a": 1}').expr;
    const entry = (struct.exprKind.value as { entries: Array<{ id: bigint }> }).entries[0];
    const noKey = { ...struct, exprKind: { case: 'structExpr', value: { ...(struct.exprKind.value as object), entries: [{ ...entry, keyKind: { case: undefined } }] } } } as unknown as CelExpr;
    // THEN each is refused, saying what is missing
    expect(() => encodeCelAst(noOperand)).toThrow(/^cannot encode a CEL AST: a node is missing$/);
    expect(() => encodeCelAst(noValue)).toThrow(/^cannot encode a CEL AST: constant 3 is a missing value, which the parser does not produce$/);
    expect(() => encodeCelAst(noKey)).toThrow(new RegExp(`^cannot encode a CEL AST: struct entry ${entry.id} has no key$`));
  });

  test('optional list elements and optional struct entries (built by hand: the parser has no such syntax) survive the round trip', () => {
    // GIVEN a list whose element 1 is optional and a map whose entry is optional
    const list = parse('[self.a, self.b]').expr;
    (list.exprKind.value as { optionalIndices: number[] }).optionalIndices = [1];
    const map = parse('{"a": self.b}').expr;
    (map.exprKind.value as { entries: Array<{ optionalEntry: boolean }> }).entries[0].optionalEntry = true;
    // THEN encoding then decoding gives them back as they were, and not as their non-optional forms
    for (const tree of [list, map]) {
      const decoded = decodeCelAst(encodeCelAst(tree));
      expect(decoded).toStrictEqual(tree);
    }
    expect(decodeCelAst(encodeCelAst(list))).not.toStrictEqual(parse('[self.a, self.b]').expr);
    expect(decodeCelAst(encodeCelAst(map))).not.toStrictEqual(parse('{"a": self.b}').expr);
  });

  test('a node whose id is not a number is refused; the message shows at most 80 characters of the node', () => {
    expect(() => decodeCelAst('["a", 7, "x"]')).toThrow(/^not a CEL AST node: \["a",7,"x"\]$/);
    const long = `{"text": "${'x'.repeat(200)}"}`;
    expect(() => decodeCelAst(long)).toThrow(new Error(`not a CEL AST node: ${long.replace(' ', '').slice(0, 80)}`));
    const longTag = `[1, 99, "${'y'.repeat(200)}"]`;
    expect(() => decodeCelAst(longTag)).toThrow(new Error(`not a CEL AST node (tag 99): ${JSON.stringify(JSON.parse(longTag)).slice(0, 80)}`));
  });
});
