import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import type { CelRuleData, CrdValidationData } from '../../generated';

/** Every document of a fixture file under test/validation/fixtures. */
export function loadFixture(file: string): any[] {
  const text = fs.readFileSync(path.join(__dirname, 'fixtures', file), 'utf8');
  return parseAllDocuments(text).map((d) => d.toJS()).filter((o) => o);
}

/** A fresh copy of the kitchen-sink object of `kind` (standard fixture, or the experimental one where it has that kind). */
export function sink(kind: string, channel: 'standard' | 'experimental' = 'standard'): any {
  const file = channel === 'experimental' ? 'experimental-kitchen-sink.yaml' : 'standard-kitchen-sink.yaml';
  const found = loadFixture(file).find((o) => o.kind === kind);
  if (!found) throw new Error(`no ${kind} in ${file}`);
  return found;
}

/** A copy of a kind's data whose CEL rules carry no build-time AST, as CRD data made elsewhere than by `npx projen gen`. */
export function withoutCelAsts(crd: CrdValidationData): CrdValidationData {
  const strip = (rules: readonly CelRuleData[]) => rules.map(({ ruleAst: _rule, messageExpressionAst: _message, ...rest }) => rest);
  return { ...crd, rules: strip(crd.rules) };
}
