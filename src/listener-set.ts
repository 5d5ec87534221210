import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import * as l1 from '../generated';
import { IGateway } from './gateway';
import { Listener, ListenerOptions, ListenerOwner, ListenerProps } from './listener';
import { GATEWAY_API_GROUP } from './model';
import { IParentRef, ParentReferenceConfig } from './parent';
import { addConstructValidation, ConstructProblem, constructProblem } from './private/construct-validation';
import { constructError, ConstructScope } from './private/error-scope';
import { checkDnsLabel, checkObjectName } from './private/field-checks';
import { isGrantPolicy } from './private/grant-policy';
import { ImportedSection, ListenerList } from './private/listener-list';
import { ReferenceGrantPolicy } from './reference-grant';
import { IResource, Resource, ResourceProps } from './resource';
import { SynthValidation } from './synth-validation';


/**
 * A ListenerSet, defined in this app or imported by name. Routes attach to
 * it as a whole, or to one of its listeners through `listener(name)`.
 */
export interface IListenerSet extends IResource, IParentRef {
  /** The listener with this name, as a route parent (`sectionName` set to the name). */
  listener(name: string): IParentRef;
}

/** Options of {@link ListenerSet.fromListenerSetName}. */
export interface ListenerSetImportOptions {
  /**
   * Namespace of the ListenerSet.
   *
   * @default - the namespace of each route that attaches to it
   */
  readonly namespace?: string;
}

/**
 * Properties of a {@link ListenerSet}.
 */
export interface ListenerSetProps extends ResourceProps {
  /**
   * The Gateway the listeners are added to. It must accept ListenerSets
   * from this namespace (its `allowedListeners`; by default it accepts none).
   */
  readonly gateway: IGateway;
  /**
   * Listeners; more can be added with `addListener()`. The API server
   * requires at least one.
   *
   * @default - none yet; add at least one before synthesis
   */
  readonly listeners?: ListenerProps[];
  /**
   * What to do when a listener certificate lives in another namespace.
   *
   * @default ReferenceGrantPolicy.AUTO
   */
  readonly referenceGrants?: ReferenceGrantPolicy;
}

/**
 * A ListenerSet: listeners that a team adds to a shared Gateway from its own
 * namespace, without editing the Gateway. Routes attach to it (or to one of
 * its listeners) as they would to a Gateway.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#listenerset
 * @example
 * const set = new ListenerSet(chart, 'Team', { metadata: { namespace: 'team-a' }, gateway });
 * set.addListener('shop', { port: 443, protocol: ListenerProtocol.HTTPS, hostname: 'shop.example.com',
 *   tls: ListenerTls.terminate([Certificate.fromSecretName('shop-tls')]) });
 */
export class ListenerSet extends Resource implements IListenerSet, ListenerOwner {
  /**
   * A ListenerSet that exists outside this app, by name. Routes can attach
   * to it and to its listeners (`listener(name)`), which are not checked.
   *
   * @example ListenerSet.fromListenerSetName(chart, 'TeamSet', 'team-a-listeners', { namespace: 'team-a' })
   */
  public static fromListenerSetName(scope: Construct, id: string, name: string, options: ListenerSetImportOptions = {}): IListenerSet {
    const where = new ConstructScope('ListenerSet', `${scope.node.path}/${id}`);
    checkObjectName(name, where, 'name');
    if (options.namespace !== undefined) checkDnsLabel(options.namespace, where, 'namespace');
    return new ImportedListenerSet(scope, id, name, options.namespace);
  }

  protected readonly apiObject: ApiObject;
  /** The Gateway the listeners are added to. */
  public readonly gateway: IGateway;
  /** What this construct does about certificates and CA bundles in other namespaces. */
  public readonly referenceGrants: ReferenceGrantPolicy;
  private readonly listenerList: ListenerList;

  public constructor(scope: Construct, id: string, props: ListenerSetProps) {
    super(scope, id);
    this.apiObject = new l1.ListenerSet(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    if (props.gateway === undefined || props.gateway === null || typeof props.gateway.parentRef !== 'object') {
      throw constructError(this.where, 'missing', 'gateway is required: the Gateway this ListenerSet adds listeners to (a Gateway of this app, or Gateway.fromGatewayName(...))', 'gateway');
    }
    this.gateway = props.gateway;
    SynthValidation.of(this).reportsEmptyLists(this, 'spec.listeners');
    this.referenceGrants = props.referenceGrants ?? ReferenceGrantPolicy.AUTO;
    if (!isGrantPolicy(this.referenceGrants)) {
      throw constructError(this.where, 'invalid-value', `referenceGrants ${JSON.stringify(this.referenceGrants)} is invalid; expected ReferenceGrantPolicy.AUTO or ReferenceGrantPolicy.NONE`, 'referenceGrants');
    }
    this.listenerList = new ListenerList(this);
    for (const l of props.listeners ?? []) {
      const { name, ...options } = l;
      this.addListener(name, options);
    }
    addConstructValidation(this, () => this.validate());
  }


  /** The reference a route attached to the whole ListenerSet holds (in `parentRefs` it omits the default group, see {@link IParentRef.parentRef}). */
  public get parentRef(): ParentReferenceConfig {
    return { group: this.apiGroup, kind: this.kind, name: this.name, ...(this.namespace !== undefined ? { namespace: this.namespace } : {}) };
  }

  /** The ListenerSet itself. */
  public get parentResource(): IResource {
    return this;
  }

  /** The listeners, in the order they were added. */
  public get listeners(): Listener[] {
    return this.listenerList.all();
  }

  /**
   * Adds a listener and returns it. Throws on the same conditions as
   * `Gateway.addListener()`.
   */
  public addListener(name: string, options: ListenerOptions): Listener {
    return this.listenerList.add(name, options);
  }

  /** The listener with this name; throws, listing the listeners there are, when there is none. */
  public listener(name: string): Listener {
    return this.listenerList.get(name);
  }

  private validate(): ConstructProblem[] {
    const errors: ConstructProblem[] = [];
    if (this.listenerList.all().length === 0) {
      errors.push(constructProblem('missing', 'the ListenerSet has no listeners; add at least one with addListener() or the listeners prop', 'listeners'));
    }
    // Whether the Gateway accepts this ListenerSet is decided once, by the app-wide validation
    // (xref/listener-set-not-allowed, reported on this construct), from src/model's listenerSetRefusal.
    return errors;
  }

  private renderSpec(): l1.ListenerSetSpec {
    const gw = this.gateway.parentRef;
    return {
      parentRef: {
        ...(gw.group !== GATEWAY_API_GROUP ? { group: gw.group } : {}),
        ...(gw.kind !== 'Gateway' ? { kind: gw.kind } : {}),
        name: gw.name,
        ...(gw.namespace !== undefined && gw.namespace !== this.namespace ? { namespace: gw.namespace } : {}),
      },
      listeners: this.listenerList.render(),
    };
  }
}

class ImportedListenerSet extends Construct implements IListenerSet {
  public readonly apiGroup = GATEWAY_API_GROUP;
  public readonly kind = 'ListenerSet';
  public readonly parentResource = undefined;

  public constructor(scope: Construct, id: string, public readonly name: string, public readonly namespace: string | undefined) {
    super(scope, id);
  }

  public get parentRef(): ParentReferenceConfig {
    return { group: this.apiGroup, kind: this.kind, name: this.name, ...(this.namespace !== undefined ? { namespace: this.namespace } : {}) };
  }

  public listener(name: string): IParentRef {
    return new ImportedSection(this.parentRef, name, `ListenerSet '${this.node.path}'`);
  }
}
