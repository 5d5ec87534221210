/**
 * `lint/rule-shadowed`: route rules (matches) that never win, from the data
 * plane's shadowing analyses: a rule ahead of it in precedence matches every
 * request it matches (testing/shadowing.ts), or a route with a more specific
 * hostname does for some of its hosts (testing/hostname-shadowing.ts).
 * Findings whose cause is a more specific listener are left to
 * `lint/hostname-captured`, which also says why the route is not attached there.
 */
import { findHostnameShadowedRules } from '../testing/hostname-shadowing';
import { findShadowedRules, formatRuleRef, type LoadedRoutes, type ShadowedRule } from '../testing/shadowing';
import type { Diagnostic } from '../validation';
import { storedSource } from './hostname-coverage';

/** One diagnostic per shadowed match, host and cause (the listeners it holds on are listed together). */
export function checkShadowedRules(loaded: LoadedRoutes): Diagnostic[] {
  const ctl = loaded.controller;
  const findings = [...findShadowedRules(loaded).filter((f) => f.shadowedBy.rule), ...findHostnameShadowedRules(loaded)];
  const groups = new Map<string, ShadowedRule[]>();
  for (const f of findings) {
    const key = JSON.stringify([f.shadowed, f.hostname, f.shadowedBy.rule, f.gateway]);
    const list = groups.get(key);
    if (list) list.push(f); else groups.set(key, [f]);
  }
  const out: Diagnostic[] = [];
  for (const group of groups.values()) {
    const f = group[0];
    const s = f.shadowed;
    const route = ctl.store.get(s.kind, s.namespace, s.name);
    const listeners = [...new Set(group.map((g) => g.listener))].join(', ');
    const where = f.hostname === '*' ? 'for every host' : `for ${f.hostname}`;
    const what = `rule ${s.rule}${s.ruleName ? ` (${s.ruleName})` : ''}${s.match !== undefined ? ` match ${s.match}` : ''} [${s.matches}]`;
    out.push({
      code: 'lint/rule-shadowed',
      severity: 'warning',
      message: `${what} never wins ${where} on listener${group.length > 1 ? 's' : ''} ${listeners} of Gateway ${f.gateway}${group.some((g) => g.ruleNeverWins) ? ' (nor anywhere else: the rule is dead)' : ''}: ` +
        `${formatRuleRef(f.shadowedBy.rule!)} takes its traffic; ${f.reason}${f.dependsOnDocumentOrder ? ' (decided by document order: give the routes creationTimestamps or make one more specific)' : ''}; ` +
        'make this match more specific than that one, or remove it',
      fix: `make this match more specific than ${formatRuleRef(f.shadowedBy.rule!)}, or remove it`,
      object: { kind: s.kind, namespace: s.namespace, name: s.name },
      field: s.match !== undefined ? `spec.rules[${s.rule}].matches[${s.match}]` : `spec.rules[${s.rule}]`,
      ...(route ? { source: storedSource(route) } : {}),
    });
  }
  return out;
}
