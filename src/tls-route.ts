import { Construct } from 'constructs';
import * as l1 from '../generated';
import { addConstructValidation, constructProblem } from './private/construct-validation';
import { BackendRuleOptions, ImportedRoute, IRoute, RouteBase, RouteBaseProps, RouteImportOptions } from './route-base';
import { SynthValidation } from './synth-validation';

/** A TLSRoute, defined in this app or imported by name. */
export interface ITlsRoute extends IRoute {}

/** The rule of a TLSRoute: its backends (1 to 16, no filters) and an optional name. */
export interface TlsRouteRuleOptions extends BackendRuleOptions {}

/** Properties of a {@link TlsRoute}. */
export interface TlsRouteProps extends RouteBaseProps {
  /**
   * The SNI hostnames this route serves (at least one, at most 1024);
   * wildcards as the first label (`*.example.com`).
   *
   * @default - none; call `addHostnames()` before synthesis
   */
  readonly hostnames?: string[];
  /**
   * The route's rule; a TLSRoute has exactly one (pass it here or with `addRule()`).
   *
   * @default - none; call `addRule()` before synthesis
   */
  readonly rules?: TlsRouteRuleOptions[];
}

/**
 * A TLSRoute: forwards TLS connections by SNI hostname, typically from a
 * Passthrough listener, so the backend terminates TLS.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#tlsroute
 * @example
 * new TlsRoute(chart, 'Route', {
 *   parents: [gateway.listener('tls-passthrough')], hostnames: ['secure.example.com'],
 *   rules: [{ backends: [Backend.fromServiceName('tls-backend', { port: 443 })] }],
 * });
 */
export class TlsRoute extends RouteBase implements ITlsRoute {
  /**
   * Refers to a TLSRoute defined outside this app.
   *
   * @example TlsRoute.fromTlsRouteName(chart, 'Existing', 'tls-passthrough', { namespace: 'apps' })
   */
  public static fromTlsRouteName(scope: Construct, id: string, name: string, options: RouteImportOptions = {}): ITlsRoute {
    return new ImportedRoute(scope, id, 'TlsRoute.fromTlsRouteName', 'TLSRoute', name, options.namespace);
  }

  private readonly rules: BackendRuleOptions[] = [];

  public constructor(scope: Construct, id: string, props: TlsRouteProps = {}) {
    super(scope, id, props, l1.TLSRoute);
    this.addHostnames(...props.hostnames ?? []);
    for (const rule of props.rules ?? []) this.addRule(rule);
    SynthValidation.of(this).reportsEmptyLists(this, 'spec.rules', 'spec.hostnames');
    addConstructValidation(this, () => [
      ...this.hostnameEntries.length === 0 ? [constructProblem('missing', 'a TLSRoute needs at least one hostname (SNI); pass `hostnames` or call addHostnames()', 'hostnames')] : [],
      ...this.rules.length === 0 ? [constructProblem('missing', 'a TLSRoute needs its rule; call addRule({ backends: [...] })', 'rules')] : [],
    ]);
  }

  /** The SNI hostnames this route serves, in order. */
  public get hostnames(): string[] {
    return this.hostnameEntries;
  }

  /** Adds SNI hostnames. Throws on a duplicate, an invalid name, or more than 1024 in all. */
  public addHostnames(...hostnames: string[]): void {
    this.addHostnameEntries(hostnames, 1024);
  }

  /**
   * Sets the route's one rule. Throws if it already has one, if the rule has
   * no backends or more than 16, or if a backend has filters. A backend in
   * another namespace gets its ReferenceGrant (see `referenceGrants`).
   */
  public addRule(rule: TlsRouteRuleOptions): void {
    this.addBackendOnlyRule(this.rules, rule);
  }

  /** @internal */
  protected _renderSpec(): l1.TLSRouteSpec {
    const parentRefs = this.renderParentRefs();
    return {
      ...(parentRefs ? { parentRefs } : {}),
      hostnames: this.hostnameEntries,
      rules: this.renderBackendOnlyRules(this.rules),
    };
  }
}
