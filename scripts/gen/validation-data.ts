import { parse } from '@bufbuild/cel';
import { encodeCelAst } from '../../src/validation/cel-ast';
import { LoadedCrd, SchemaNode } from './crd';
import { childPath, SchemaPath } from './schema-walk';

/** Keys dropped from the structural schema we ship: prose, and the CEL rules (shipped as a flat list instead). */
const DROP = new Set(['description', 'x-kubernetes-validations']);

export interface CelRuleData {
  path: SchemaPath;
  rule: string;
  message?: string;
  messageExpression?: string;
  reason?: string;
  fieldPath?: string;
  optionalOldSelf?: boolean;
  ruleAst?: string;
  messageExpressionAst?: string;
}

/**
 * The expression parsed now, in the compact form the engine plans from
 * (src/validation/cel-ast.ts); undefined when it does not parse, so that the
 * engine parses the text and reports the error as it would without it.
 */
function parsedAst(expr: string): string | undefined {
  if (!astCache.has(expr)) {
    let parsed;
    try {
      parsed = parse(expr);
    } catch {
      parsed = undefined;
    }
    // An AST the compact form cannot hold fails the generation (encodeCelAst throws).
    astCache.set(expr, parsed && encodeCelAst(parsed.expr));
  }
  return astCache.get(expr);
}

/** ASTs by expression text: the channels and the route kinds share most rules. */
const astCache = new Map<string, string | undefined>();

/** Splits a CRD's v1 schema into the structural schema (no prose, no CEL) and the list of CEL rules with their paths. */
export function validationData(crd: LoadedCrd): { schema: SchemaNode; rules: CelRuleData[] } {
  return schemaValidationData(crd.schema);
}

/** Splits one openAPIV3Schema into the structural schema (no prose, no CEL) and the list of CEL rules with their paths. */
export function schemaValidationData(crdSchema: SchemaNode): { schema: SchemaNode; rules: CelRuleData[] } {
  const rules: CelRuleData[] = [];
  const strip = (node: any, path: SchemaPath): any => {
    if (Array.isArray(node)) return node.map(n => strip(n, path));
    if (node === null || typeof node !== 'object') return node;
    for (const v of node['x-kubernetes-validations'] ?? []) {
      const rule: CelRuleData = { path, rule: v.rule };
      for (const k of ['message', 'messageExpression', 'reason', 'fieldPath', 'optionalOldSelf'] as const) {
        if (v[k] !== undefined) (rule as any)[k] = v[k];
      }
      const ruleAst = parsedAst(v.rule);
      if (ruleAst !== undefined) rule.ruleAst = ruleAst;
      const messageAst = v.messageExpression !== undefined ? parsedAst(v.messageExpression) : undefined;
      if (messageAst !== undefined) rule.messageExpressionAst = messageAst;
      rules.push(rule);
    }
    const out: any = {};
    for (const [key, value] of Object.entries(node)) {
      if (DROP.has(key)) continue;
      if (key === 'properties') {
        out.properties = Object.fromEntries(
          Object.entries(value as object).map(([p, s]) => [p, strip(s, childPath(path, p))]),
        );
      } else if (key === 'items') {
        out.items = strip(value, `${path}[]`);
      } else if (key === 'additionalProperties' && typeof value === 'object') {
        out.additionalProperties = strip(value, `${path}{}`);
      } else {
        out[key] = value;
      }
    }
    return out;
  };
  const schema = strip(crdSchema, '');
  return { schema, rules };
}
