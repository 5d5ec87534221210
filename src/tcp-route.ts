import { Construct } from 'constructs';
import * as l1 from '../generated';
import { addConstructValidation, constructProblem } from './private/construct-validation';
import { BackendRuleOptions, ImportedRoute, IRoute, RouteBase, RouteBaseProps, RouteImportOptions } from './route-base';
import { SynthValidation } from './synth-validation';

/** A TCPRoute, defined in this app or imported by name. */
export interface ITcpRoute extends IRoute {}

/** The rule of a TCPRoute: its backends (1 to 16, no filters) and an optional name. */
export interface TcpRouteRuleOptions extends BackendRuleOptions {}

/** Properties of a {@link TcpRoute}. */
export interface TcpRouteProps extends RouteBaseProps {
  /**
   * The route's rule; a TCPRoute has exactly one (pass it here or with `addRule()`).
   *
   * @default - none; call `addRule()` before synthesis
   */
  readonly rules?: TcpRouteRuleOptions[];
}

/**
 * A TCPRoute: forwards TCP connections arriving at its parents' TCP listeners to
 * backends (split by weight).
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#tcproute
 * @example
 * new TcpRoute(chart, 'Route', { parents: [gateway.listener('postgres')], rules: [{ backends: [Backend.fromServiceName('postgres', { port: 5432 })] }] });
 */
export class TcpRoute extends RouteBase implements ITcpRoute {
  /**
   * Refers to a TCPRoute defined outside this app.
   *
   * @example TcpRoute.fromTcpRouteName(chart, 'Existing', 'tcp-route', { namespace: 'apps' })
   */
  public static fromTcpRouteName(scope: Construct, id: string, name: string, options: RouteImportOptions = {}): ITcpRoute {
    return new ImportedRoute(scope, id, 'TcpRoute.fromTcpRouteName', 'TCPRoute', name, options.namespace);
  }

  private readonly rules: BackendRuleOptions[] = [];

  public constructor(scope: Construct, id: string, props: TcpRouteProps = {}) {
    super(scope, id, props, l1.TCPRoute);
    for (const rule of props.rules ?? []) this.addRule(rule);
    SynthValidation.of(this).reportsEmptyLists(this, 'spec.rules');
    addConstructValidation(this, () => this.rules.length === 0 ? [constructProblem('missing', 'a TCPRoute needs its rule; call addRule({ backends: [...] })', 'rules')] : []);
  }

  /**
   * Sets the route's one rule. Throws if it already has one, if the rule has
   * no backends or more than 16, or if a backend has filters. A backend in
   * another namespace gets its ReferenceGrant (see `referenceGrants`).
   */
  public addRule(rule: TcpRouteRuleOptions): void {
    this.addBackendOnlyRule(this.rules, rule);
  }

  /** @internal */
  protected _renderSpec(): l1.TCPRouteSpec {
    const parentRefs = this.renderParentRefs();
    return {
      ...(parentRefs ? { parentRefs } : {}),
      rules: this.renderBackendOnlyRules(this.rules),
    };
  }
}
