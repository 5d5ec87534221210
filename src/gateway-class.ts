import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as l1 from '../generated';
import { GATEWAY_API_GROUP } from './model';
import { constructError, ConstructScope } from './private/error-scope';
import { checkDomainPrefixed, checkLength, checkObjectName, checkParametersRef } from './private/field-checks';
import { IResource, Resource, ResourceProps } from './resource';


/**
 * A GatewayClass, defined in this app or imported by name.
 */
export interface IGatewayClass extends IResource {}

/**
 * A reference to an implementation-specific object that configures a
 * GatewayClass (for example an Envoy Gateway `EnvoyProxy`).
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#parametersreference
 */
export interface ParametersReference {
  /** API group of the object (`''` for the core group, e.g. a ConfigMap). */
  readonly group: string;
  /** Kind of the object. */
  readonly kind: string;
  /** Name of the object. */
  readonly name: string;
  /**
   * Namespace of the object, for namespaced kinds.
   *
   * @default - none: a cluster-scoped object
   */
  readonly namespace?: string;
}

/**
 * Properties of a {@link GatewayClass}.
 */
export interface GatewayClassProps extends ResourceProps {
  /**
   * The controller that manages Gateways of this class: a domain-prefixed
   * path such as `gateway.envoyproxy.io/gatewayclass-controller`.
   * The API server does not let it change after creation.
   */
  readonly controllerName: string;
  /**
   * A human-readable description (at most 64 characters).
   *
   * @default - none
   */
  readonly description?: string;
  /**
   * Implementation-specific configuration of the class.
   *
   * @default - none
   */
  readonly parametersRef?: ParametersReference;
}

/**
 * A GatewayClass: a kind of Gateway, implemented by one controller.
 * Cluster-scoped, so it never takes a namespace (not even the chart's).
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#gatewayclass
 * @example
 * new GatewayClass(chart, 'Envoy', {
 *   metadata: { name: 'envoy-gateway' },
 *   controllerName: 'gateway.envoyproxy.io/gatewayclass-controller',
 * });
 */
export class GatewayClass extends Resource implements IGatewayClass {
  /**
   * A GatewayClass that exists outside this app, by name.
   *
   * @example GatewayClass.fromGatewayClassName(chart, 'Class', 'envoy-gateway')
   */
  public static fromGatewayClassName(scope: Construct, id: string, name: string): IGatewayClass {
    checkObjectName(name, `GatewayClass.fromGatewayClassName() at '${scope.node.path}/${id}'`, 'name');
    return new ImportedGatewayClass(scope, id, name);
  }

  protected readonly apiObject: ApiObject;
  /** The controller that manages Gateways of this class. */
  public readonly controllerName: string;
  private readonly description?: string;
  private readonly parametersRef?: ParametersReference;

  public constructor(scope: Construct, id: string, props: GatewayClassProps) {
    super(scope, id);
    if (props.metadata?.namespace !== undefined) {
      throw constructError(new ConstructScope('GatewayClass', this.node.path), 'invalid-value', `metadata.namespace '${props.metadata.namespace}' is invalid; GatewayClass is cluster-scoped, remove the namespace`);
    }
    this.apiObject = new l1.GatewayClass(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    // cluster-scoped: drop the namespace cdk8s copies from the chart
    (this.apiObject.metadata as { namespace?: string }).namespace = undefined;

    checkDomainPrefixed(props.controllerName, this.where, 'controllerName');
    if (props.description !== undefined) checkLength(props.description, 0, 64, this.where, 'description');
    if (props.parametersRef) checkParametersRef(props.parametersRef, this.where, 'parametersRef');
    this.controllerName = props.controllerName;
    this.description = props.description;
    this.parametersRef = props.parametersRef;
  }

  private renderSpec(): l1.GatewayClassSpec {
    const p = this.parametersRef;
    return {
      controllerName: this.controllerName,
      ...(this.description !== undefined ? { description: this.description } : {}),
      ...(p ? { parametersRef: { group: p.group, kind: p.kind, name: p.name, ...(p.namespace !== undefined ? { namespace: p.namespace } : {}) } } : {}),
    };
  }
}

class ImportedGatewayClass extends Construct implements IGatewayClass {
  public readonly apiGroup = GATEWAY_API_GROUP;
  public readonly kind = 'GatewayClass';
  public readonly namespace = undefined;
  public constructor(scope: Construct, id: string, public readonly name: string) {
    super(scope, id);
  }
}
