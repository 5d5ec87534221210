import { Construct } from 'constructs';
import * as l1 from '../generated';
import { addConstructValidation, constructProblem } from './private/construct-validation';
import { BackendRuleOptions, ImportedRoute, IRoute, RouteBase, RouteBaseProps, RouteImportOptions } from './route-base';
import { SynthValidation } from './synth-validation';

/** A UDPRoute, defined in this app or imported by name. */
export interface IUdpRoute extends IRoute {}

/** The rule of a UDPRoute: its backends (1 to 16, no filters) and an optional name. */
export interface UdpRouteRuleOptions extends BackendRuleOptions {}

/** Properties of a {@link UdpRoute}. */
export interface UdpRouteProps extends RouteBaseProps {
  /**
   * The route's rule; a UDPRoute has exactly one (pass it here or with `addRule()`).
   *
   * @default - none; call `addRule()` before synthesis
   */
  readonly rules?: UdpRouteRuleOptions[];
}

/**
 * A UDPRoute: forwards UDP datagrams arriving at its parents' UDP listeners to
 * backends (split by weight).
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#udproute
 * @example
 * new UdpRoute(chart, 'Route', { parents: [gateway.listener('dns')], rules: [{ backends: [Backend.fromServiceName('coredns', { port: 53 })] }] });
 */
export class UdpRoute extends RouteBase implements IUdpRoute {
  /**
   * Refers to a UDPRoute defined outside this app.
   *
   * @example UdpRoute.fromUdpRouteName(chart, 'Existing', 'udp-route', { namespace: 'apps' })
   */
  public static fromUdpRouteName(scope: Construct, id: string, name: string, options: RouteImportOptions = {}): IUdpRoute {
    return new ImportedRoute(scope, id, 'UdpRoute.fromUdpRouteName', 'UDPRoute', name, options.namespace);
  }

  private readonly rules: BackendRuleOptions[] = [];

  public constructor(scope: Construct, id: string, props: UdpRouteProps = {}) {
    super(scope, id, props, l1.UDPRoute);
    for (const rule of props.rules ?? []) this.addRule(rule);
    SynthValidation.of(this).reportsEmptyLists(this, 'spec.rules');
    addConstructValidation(this, () => this.rules.length === 0 ? [constructProblem('missing', 'a UDPRoute needs its rule; call addRule({ backends: [...] })', 'rules')] : []);
  }

  /**
   * Sets the route's one rule. Throws if it already has one, if the rule has
   * no backends or more than 16, or if a backend has filters. A backend in
   * another namespace gets its ReferenceGrant (see `referenceGrants`).
   */
  public addRule(rule: UdpRouteRuleOptions): void {
    this.addBackendOnlyRule(this.rules, rule);
  }

  /** @internal */
  protected _renderSpec(): l1.UDPRouteSpec {
    const parentRefs = this.renderParentRefs();
    return {
      ...(parentRefs ? { parentRefs } : {}),
      rules: this.renderBackendOnlyRules(this.rules),
    };
  }
}
