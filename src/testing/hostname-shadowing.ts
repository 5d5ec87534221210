/**
 * Rules shadowed on some hosts by routes with more specific hostnames: a
 * request is matched against the routes of the most specific route hostname
 * that covers its host first, so an HTTPRoute rule served under
 * `*.example.com` never wins for `api.example.com` when a route for
 * `api.example.com` has a rule that matches every request it matches (a
 * catch-all `PathPrefix /`, typically). The rule still wins on other hosts,
 * which is why findShadowedRules (one hostname bucket at a time) does not
 * report it.
 */
import { hostnameMatches, isWildcardHostname } from '../model';
import type { ListenerState } from './controller';
import type { HttpEntry } from './http-engine';
import { describeHttpMatch } from './http-match';
import { type LoadedRoutes, type ShadowedRule, httpMatchCovers, ruleRef } from './shadowing';

/** Whether every host of `inner` is also a host of the wildcard or absent `outer`, and `inner` is more specific. */
function narrower(outer: string | undefined, inner: string | undefined): boolean {
  if (inner === undefined || outer === inner) return false;
  if (outer === undefined) return true;
  if (!isWildcardHostname(outer)) return false;
  return hostnameMatches(outer, isWildcardHostname(inner) ? inner.slice(2) : inner) && (!isWildcardHostname(inner) || inner.length > outer.length);
}

/**
 * HTTPRoute matches that never win on a more specific route hostname of the
 * same listener, because a rule served there matches every request they
 * match. One finding per listener, host and shadowed match
 * (`ruleNeverWins` false: the rule still serves other hosts).
 */
export function findHostnameShadowedRules(loaded: LoadedRoutes): ShadowedRule[] {
  const out: ShadowedRule[] = [];
  const gateways = [...loaded.controller.gateways.values()].sort((a, b) => `${a.obj.namespace}/${a.obj.name}`.localeCompare(`${b.obj.namespace}/${b.obj.name}`));
  for (const gw of gateways) {
    for (const l of gw.serving) {
      if (!l.conditions.isTrue('Accepted') || (l.protocol !== 'HTTP' && l.protocol !== 'HTTPS')) continue;
      out.push(...listenerFindings(loaded, l));
    }
  }
  return out;
}

function listenerFindings(loaded: LoadedRoutes, l: ListenerState): ShadowedRule[] {
  const out: ShadowedRule[] = [];
  const buckets = loaded.httpTable(l).all();
  for (const outer of buckets) {
    for (const inner of buckets) {
      if (!narrower(outer.hostname, inner.hostname)) continue;
      for (const e of outer.entries) {
        if (inner.entries.includes(e)) continue;
        const w: HttpEntry | undefined = inner.entries.find((x) => httpMatchCovers(x.compiled, e.compiled));
        if (!w) continue;
        out.push({
          gateway: `${l.gateway.obj.namespace}/${l.gateway.obj.name}`,
          listener: l.name,
          hostname: inner.hostname!,
          shadowed: ruleRef(e.route, e.rule, e.match, describeHttpMatch(e.compiled)),
          shadowedBy: { rule: ruleRef(w.route, w.rule, w.match, describeHttpMatch(w.compiled)) },
          reason: `requests for ${inner.hostname} go first to the routes of that more specific hostname (this one is served as ${outer.hostname ?? 'every host'}), and that rule matches every request this one matches`,
          dependsOnDocumentOrder: false,
          ruleNeverWins: false,
        });
      }
    }
  }
  return out;
}
