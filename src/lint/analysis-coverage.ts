/**
 * `lint/gateway-not-analyzed`: a Gateway whose routing the other checks
 * cannot analyse, because a controller would not accept it (its class is
 * not accepted, its listeners are invalid, ...). Said, so that "no findings"
 * never hides that nothing was looked at.
 */
import type { ControllerState } from '../testing/controller';
import type { Diagnostic } from '../validation';
import { storedSource } from './hostname-coverage';

/** One warning per Gateway the controller does not reconcile or does not accept. */
export function checkUnanalyzedGateways(ctl: ControllerState): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const g of ctl.store.list('Gateway')) {
    const state = ctl.gateways.get(`${g.namespace}/${g.name}`);
    const accepted = state?.conditions.get('Accepted');
    if (accepted?.status === 'True') continue;
    const why = accepted ? `it is not accepted (${accepted.reason}: ${accepted.message})` : `its GatewayClass '${g.obj.spec.gatewayClassName}' is not reconciled`;
    out.push({
      code: 'lint/gateway-not-analyzed',
      severity: 'warning',
      message: `the routing of this Gateway and its routes is not analysed: ${why}; fix that first (see \`cdk8s-gateway status\`)`,
      fix: 'make the Gateway accepted first (`cdk8s-gateway status` says why it is not)',
      object: { kind: 'Gateway', namespace: g.namespace, name: g.name },
      source: storedSource(g),
    });
  }
  return out;
}
