/**
 * CEL expressions parsed at build time: `npx projen gen` stores the AST of
 * each CRD rule and messageExpression (what `@bufbuild/cel`'s `parse` gives)
 * in generated/ in the compact form written here, and the engine plans from
 * it instead of parsing the text. Parsing is the costly half of compiling a
 * program in a fresh process; reading this form back is about fifty times
 * cheaper (a JSON.parse and one object per node), and cheaper than protobuf's
 * binary or JSON forms of the same tree (bench/README.md, cold starts, fix 15).
 *
 * The form is JSON text, one array per expression node, `[id, tag, ...]`:
 *
 * | tag | node | rest |
 * |---|---|---|
 * | 0 | null constant | |
 * | 1 | bool constant | `1` or `0` |
 * | 2 | int constant | decimal text |
 * | 3 | uint constant | decimal text |
 * | 4 | double constant | number, or `"NaN"`, `"Infinity"`, `"-Infinity"` |
 * | 5 | string constant | the string |
 * | 6 | bytes constant | base64 |
 * | 7 | identifier | name |
 * | 8 | field selection | operand, field, `1` for a `has()` test else `0` |
 * | 9 | call | function, target or `0`, args... |
 * | 10 | list | elements (array), optional indices (array) |
 * | 11 | struct or map | message name, entries: `[id, 0, field, value, optional]` or `[id, 1, key, value, optional]` |
 * | 12 | comprehension | iterVar, iterVar2, iterRange, accuVar, accuInit, loopCondition, loopStep, result |
 *
 * Decoding gives the objects `parse` builds (same ids, fields and
 * `$typeName`s), without its source positions, which planning does not read.
 */
import type { parse } from '@bufbuild/cel';

/** A parsed CEL expression (`cel.expr.Expr`), as `plan` takes it. */
export type CelExpr = ReturnType<typeof parse>['expr'];
type ExprKind = CelExpr['exprKind'];
type KindValue<C extends string> = Extract<ExprKind, { case: C }>['value'];
type Constant = KindValue<'constExpr'>;
type ConstantKind = Constant['constantKind'];
type StructEntry = KindValue<'structExpr'>['entries'][number];

/** One node of the compact form. */
type Node = readonly unknown[];

const enum Tag {
  Null = 0,
  Bool = 1,
  Int = 2,
  Uint = 3,
  Double = 4,
  String = 5,
  Bytes = 6,
  Ident = 7,
  Select = 8,
  Call = 9,
  List = 10,
  Struct = 11,
  Comprehension = 12,
}

/**
 * The compact form (JSON text) of a parsed expression. Throws for a node the
 * CEL parser does not produce (a duration or timestamp constant, an empty node).
 */
export function encodeCelAst(expr: CelExpr): string {
  return JSON.stringify(encodeNode(expr));
}

function encodeNode(expr: CelExpr | undefined): Node {
  if (!expr) throw new Error('cannot encode a CEL AST: a node is missing');
  const id = Number(expr.id);
  const kind = expr.exprKind;
  switch (kind.case) {
    case 'constExpr':
      return encodeConstant(id, kind.value.constantKind);
    case 'identExpr':
      return [id, Tag.Ident, kind.value.name];
    case 'selectExpr':
      return [id, Tag.Select, encodeNode(kind.value.operand), kind.value.field, kind.value.testOnly ? 1 : 0];
    case 'callExpr':
      return [id, Tag.Call, kind.value.function, kind.value.target ? encodeNode(kind.value.target) : 0, ...kind.value.args.map(encodeNode)];
    case 'listExpr':
      return [id, Tag.List, kind.value.elements.map(encodeNode), [...kind.value.optionalIndices]];
    case 'structExpr':
      return [id, Tag.Struct, kind.value.messageName, kind.value.entries.map(encodeEntry)];
    case 'comprehensionExpr': {
      const c = kind.value;
      return [id, Tag.Comprehension, c.iterVar, c.iterVar2, encodeNode(c.iterRange), c.accuVar,
        encodeNode(c.accuInit), encodeNode(c.loopCondition), encodeNode(c.loopStep), encodeNode(c.result)];
    }
    default:
      throw new Error(`cannot encode a CEL AST: node ${id} has no expression`);
  }
}

function encodeConstant(id: number, c: ConstantKind): Node {
  switch (c.case) {
    case 'nullValue':
      return [id, Tag.Null];
    case 'boolValue':
      return [id, Tag.Bool, c.value ? 1 : 0];
    case 'int64Value':
      return [id, Tag.Int, c.value.toString()];
    case 'uint64Value':
      return [id, Tag.Uint, c.value.toString()];
    case 'doubleValue':
      return [id, Tag.Double, Number.isFinite(c.value) ? c.value : String(c.value)];
    case 'stringValue':
      return [id, Tag.String, c.value];
    case 'bytesValue':
      return [id, Tag.Bytes, Buffer.from(c.value).toString('base64')];
    default:
      throw new Error(`cannot encode a CEL AST: constant ${id} is a ${c.case ?? 'missing value'}, which the parser does not produce`);
  }
}

function encodeEntry(entry: StructEntry): Node {
  const optional = entry.optionalEntry ? 1 : 0;
  const id = Number(entry.id);
  switch (entry.keyKind.case) {
    case 'fieldKey':
      return [id, 0, entry.keyKind.value, encodeNode(entry.value), optional];
    case 'mapKey':
      return [id, 1, encodeNode(entry.keyKind.value), encodeNode(entry.value), optional];
    default:
      throw new Error(`cannot encode a CEL AST: struct entry ${id} has no key`);
  }
}

/**
 * The parsed expression of a compact form written by {@link encodeCelAst}.
 * Throws (naming the node) for text that is not one.
 */
export function decodeCelAst(text: string): CelExpr {
  return decodeNode(JSON.parse(text));
}

function decodeNode(node: unknown): CelExpr {
  if (!Array.isArray(node) || typeof node[0] !== 'number') throw new Error(`not a CEL AST node: ${String(JSON.stringify(node)).slice(0, 80)}`);
  return { $typeName: 'cel.expr.Expr', id: BigInt(node[0]), exprKind: decodeKind(node) };
}

function decodeKind(node: Node): ExprKind {
  const text = (i: number) => node[i] as string;
  switch (node[1]) {
    case Tag.Null: return constant({ case: 'nullValue', value: 0 });
    case Tag.Bool: return constant({ case: 'boolValue', value: node[2] === 1 });
    case Tag.Int: return constant({ case: 'int64Value', value: BigInt(text(2)) });
    case Tag.Uint: return constant({ case: 'uint64Value', value: BigInt(text(2)) });
    case Tag.Double: return constant({ case: 'doubleValue', value: Number(node[2]) });
    case Tag.String: return constant({ case: 'stringValue', value: text(2) });
    case Tag.Bytes: return constant({ case: 'bytesValue', value: new Uint8Array(Buffer.from(text(2), 'base64')) });
    case Tag.Ident: return { case: 'identExpr', value: { $typeName: 'cel.expr.Expr.Ident', name: text(2) } };
    case Tag.Select:
      return { case: 'selectExpr', value: { $typeName: 'cel.expr.Expr.Select', operand: decodeNode(node[2]), field: text(3), testOnly: node[4] === 1 } };
    case Tag.Call: {
      const args: CelExpr[] = [];
      for (let i = 4; i < node.length; i++) args.push(decodeNode(node[i]));
      // As the parser builds them: a global call has no target field at all.
      const value: KindValue<'callExpr'> = node[3] === 0
        ? { $typeName: 'cel.expr.Expr.Call', function: text(2), args }
        : { $typeName: 'cel.expr.Expr.Call', function: text(2), target: decodeNode(node[3]), args };
      return { case: 'callExpr', value };
    }
    case Tag.List:
      return { case: 'listExpr', value: { $typeName: 'cel.expr.Expr.CreateList', elements: (node[2] as Node).map(decodeNode), optionalIndices: node[3] as number[] } };
    case Tag.Struct:
      return { case: 'structExpr', value: { $typeName: 'cel.expr.Expr.CreateStruct', entries: (node[3] as Node[]).map(decodeEntry), messageName: text(2) } };
    case Tag.Comprehension:
      return {
        case: 'comprehensionExpr',
        value: {
          $typeName: 'cel.expr.Expr.Comprehension',
          accuVar: text(5),
          accuInit: decodeNode(node[6]),
          iterVar: text(2),
          iterVar2: text(3),
          iterRange: decodeNode(node[4]),
          loopStep: decodeNode(node[8]),
          loopCondition: decodeNode(node[7]),
          result: decodeNode(node[9]),
        },
      };
    default:
      throw new Error(`not a CEL AST node (tag ${JSON.stringify(node[1])}): ${JSON.stringify(node).slice(0, 80)}`);
  }
}

function constant(constantKind: ConstantKind): ExprKind {
  return { case: 'constExpr', value: { $typeName: 'cel.expr.Constant', constantKind } };
}

function decodeEntry(entry: Node): StructEntry {
  return {
    $typeName: 'cel.expr.Expr.CreateStruct.Entry',
    id: BigInt(entry[0] as number),
    keyKind: entry[1] === 0 ? { case: 'fieldKey', value: entry[2] as string } : { case: 'mapKey', value: decodeNode(entry[2]) },
    value: decodeNode(entry[3]),
    optionalEntry: entry[4] === 1,
  };
}
