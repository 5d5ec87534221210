import { isIP } from 'net';
import { ApiObject, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { SynthValidation } from './synth-validation';
import * as l1 from '../generated';
import { CaCertificate, Certificate } from './certificate';
import { IGatewayClass } from './gateway-class';
import { LabelSelector } from './label-selector';
import { Listener, ListenerOptions, ListenerOwner, ListenerProps } from './listener';
import { GATEWAY_API_GROUP } from './model';
import { IParentRef, ParentReferenceConfig } from './parent';
import { addConstructValidation, constructProblem } from './private/construct-validation';
import { constructError, ConstructScope } from './private/error-scope';
import {
  checkDnsLabel, checkDomainPrefixed, checkHostname, checkLabelKey, checkLabelValue, checkLength, checkMaxItems,
  checkLabelSelector, checkObjectName, checkParametersRef, checkPort,
} from './private/field-checks';
import { isGrantPolicy } from './private/grant-policy';
import { ImportedSection, ListenerList } from './private/listener-list';
import { ReferenceGrantPolicy } from './reference-grant';
import { IResource, Resource, ResourceProps } from './resource';


/**
 * A Gateway, defined in this app or imported by name. Routes attach to it
 * as a whole, or to one of its listeners through `listener(name)`.
 */
export interface IGateway extends IResource, IParentRef {
  /**
   * The listener with this name, as a route parent (`sectionName` set to
   * the name).
   */
  listener(name: string): IParentRef;
}

/** Options of {@link Gateway.fromGatewayName}. */
export interface GatewayImportOptions {
  /**
   * Namespace of the Gateway.
   *
   * @default - the namespace of each route that attaches to it
   */
  readonly namespace?: string;
}

/**
 * An address a Gateway asks for (the implementation reports the addresses
 * it actually got in the Gateway's status). `type` is always written.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#gatewayspecaddress
 */
export class GatewayAddress {
  /**
   * An IPv4 or IPv6 address.
   *
   * @param value the address; omit it to let the implementation assign one
   * @example GatewayAddress.ipAddress('203.0.113.10')
   */
  public static ipAddress(value?: string): GatewayAddress {
    if (value !== undefined && isIP(value) === 0) {
      throw constructError('GatewayAddress.ipAddress()', 'invalid-value', `value ${JSON.stringify(value)} is invalid; expected an IPv4 or IPv6 address such as '203.0.113.10'`);
    }
    return new GatewayAddress('IPAddress', value);
  }

  /**
   * A DNS host name (a leading `*.` wildcard is allowed).
   *
   * @param value the host name; omit it to let the implementation assign one
   * @example GatewayAddress.hostname('lb.example.com')
   */
  public static hostname(value?: string): GatewayAddress {
    if (value !== undefined) checkHostname(value, 'GatewayAddress.hostname()', 'value');
    return new GatewayAddress('Hostname', value);
  }

  /**
   * An address the implementation knows by name (such as a reserved load
   * balancer).
   *
   * @param value the name; omit it to let the implementation choose
   * @example GatewayAddress.namedAddress('prod-lb')
   */
  public static namedAddress(value?: string): GatewayAddress {
    if (value !== undefined) checkLength(value, 0, 253, 'GatewayAddress.namedAddress()', 'value');
    return new GatewayAddress('NamedAddress', value);
  }

  /**
   * An implementation-specific address type (domain-prefixed).
   *
   * @example GatewayAddress.custom('example.com/vip', 'edge-1')
   */
  public static custom(type: string, value?: string): GatewayAddress {
    checkDomainPrefixed(type, 'GatewayAddress.custom()', 'type');
    if (value !== undefined) checkLength(value, 0, 253, 'GatewayAddress.custom()', 'value');
    return new GatewayAddress(type, value);
  }

  private constructor(
    /** The address type. */
    public readonly type: string,
    /** The address, when a specific one is requested. */
    public readonly value?: string,
  ) {}

  /** @internal */
  public _render(): l1.GatewaySpecAddress {
    return { type: this.type, ...(this.value !== undefined ? { value: this.value } : {}) };
  }
}

interface AllowedListenersState {
  readonly from: 'All' | 'Selector' | 'Same' | 'None';
  readonly selector?: l1.LabelSelector;
}

/**
 * Which namespaces' ListenerSets may add listeners to a Gateway. A Gateway
 * that does not say accepts none.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#allowedlisteners
 */
export class AllowedListeners {
  /** ListenerSets of no namespace (the default, written out). @example AllowedListeners.none() */
  public static none(): AllowedListeners {
    return new AllowedListeners({ from: 'None' });
  }

  /** ListenerSets in the Gateway's own namespace. @example AllowedListeners.same() */
  public static same(): AllowedListeners {
    return new AllowedListeners({ from: 'Same' });
  }

  /** ListenerSets of every namespace. @example AllowedListeners.all() */
  public static all(): AllowedListeners {
    return new AllowedListeners({ from: 'All' });
  }

  /**
   * ListenerSets in namespaces that carry all these labels.
   *
   * @example AllowedListeners.fromNamespacesWithLabels({ 'listeners-for': 'edge' })
   */
  public static fromNamespacesWithLabels(labels: { [key: string]: string }): AllowedListeners {
    return AllowedListeners.fromNamespaces({ matchLabels: labels });
  }

  /**
   * ListenerSets in namespaces a label selector picks.
   *
   * @example AllowedListeners.fromNamespaces({ matchExpressions: [{ key: 'team', operator: LabelSelectorOperator.EXISTS }] })
   */
  public static fromNamespaces(selector: LabelSelector): AllowedListeners {
    return new AllowedListeners({ from: 'Selector', selector: checkLabelSelector(selector, 'AllowedListeners.fromNamespaces()') });
  }

  private constructor(private readonly state: AllowedListenersState) {}

  /** @internal */
  public _render(): l1.AllowedListeners {
    return { namespaces: { from: this.state.from, ...(this.state.selector ? { selector: this.state.selector } : {}) } };
  }
}

/**
 * A reference to an implementation-specific object, in the Gateway's
 * namespace, that configures the Gateway's infrastructure.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#localparametersreference
 */
export interface LocalParametersReference {
  /** API group of the object (`''` for the core group). */
  readonly group: string;
  /** Kind of the object. */
  readonly kind: string;
  /** Name of the object. */
  readonly name: string;
}

/**
 * What the implementation puts on the infrastructure (Deployments,
 * Services, load balancers) it creates for a Gateway.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#gatewayinfrastructure
 */
export interface GatewayInfrastructure {
  /**
   * Labels for the generated resources (at most 8).
   *
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations for the generated resources (at most 16).
   *
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Implementation-specific configuration, in the Gateway's namespace.
   *
   * @default - none
   */
  readonly parametersRef?: LocalParametersReference;
}

/** What a Gateway does with clients whose certificate does not validate. */
export enum FrontendValidationMode {
  /** Only clients with a valid certificate are served (the API default). */
  ALLOW_VALID_ONLY = 'AllowValidOnly',
  /** Clients with no or an invalid certificate are served too (the implementation may flag them). */
  ALLOW_INSECURE_FALLBACK = 'AllowInsecureFallback',
}

/**
 * Client-certificate validation (mutual TLS) on a Gateway's TLS listeners.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#frontendtlsvalidation
 */
export interface FrontendTlsValidation {
  /** CA bundles client certificates must chain to (1-16). A bundle in another namespace needs a ReferenceGrant. */
  readonly caCertificates: CaCertificate[];
  /**
   * What to do with clients whose certificate does not validate.
   *
   * @default FrontendValidationMode.ALLOW_VALID_ONLY (the API default; not written)
   */
  readonly mode?: FrontendValidationMode;
}

/**
 * Client-certificate validation for the listeners on one port, replacing
 * the Gateway-wide setting there.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#tlsportconfig
 */
export interface FrontendTlsPortConfig {
  /** The port (1-65535). */
  readonly port: number;
  /**
   * The validation for this port.
   *
   * @default - none: clients on this port are not asked for certificates, whatever the Gateway-wide setting
   */
  readonly validation?: FrontendTlsValidation;
}

/**
 * Gateway-wide TLS settings.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#gatewaytlsconfig
 */
export interface GatewayTlsOptions {
  /**
   * Client-certificate validation on every TLS listener (`frontend.default.validation`).
   *
   * @default - clients are not asked for certificates
   */
  readonly frontendValidation?: FrontendTlsValidation;
  /**
   * Per-port replacements for `frontendValidation` (`frontend.perPort`);
   * more can be added with `addFrontendTlsPortConfig()`.
   *
   * @default - none
   */
  readonly frontendPerPort?: FrontendTlsPortConfig[];
  /**
   * The client certificate the Gateway presents to backends that ask for
   * one (`backend.clientCertificateRef`).
   *
   * @default - none
   */
  readonly backendClientCertificate?: Certificate;
}

/** Which routes a default Gateway claims (experimental channel). */
export enum DefaultGatewayScope {
  /** Routes in every namespace that ask for a default Gateway. */
  ALL = 'All',
  /** None: the Gateway is not a default Gateway (what leaving it unset means too). */
  NONE = 'None',
}

/**
 * Gateway fields that only the experimental-channel Gateway CRD accepts.
 * Setting any of them makes the Gateway invalid on a cluster with the
 * standard-channel CRDs.
 */
export interface GatewayExperimentalOptions {
  /**
   * Makes this a default Gateway: routes that ask for a default Gateway
   * attach to it implicitly.
   *
   * @default - not a default Gateway
   */
  readonly defaultScope?: DefaultGatewayScope;
}

/**
 * Properties of a {@link Gateway}.
 */
export interface GatewayProps extends ResourceProps {
  /** The GatewayClass (and so the implementation) of this Gateway. */
  readonly gatewayClass: IGatewayClass;
  /**
   * Listeners; more can be added with `addListener()`. The API server
   * requires at least one.
   *
   * @default - none yet; add at least one before synthesis
   */
  readonly listeners?: ListenerProps[];
  /**
   * Addresses the Gateway asks for (at most 16); more with `addAddresses()`.
   *
   * @default - the implementation assigns addresses
   */
  readonly addresses?: GatewayAddress[];
  /**
   * Labels, annotations and parameters for the infrastructure the
   * implementation creates.
   *
   * @default - none
   */
  readonly infrastructure?: GatewayInfrastructure;
  /**
   * Which namespaces' ListenerSets may add listeners to this Gateway.
   *
   * @default - none may (the API default; not written)
   */
  readonly allowedListeners?: AllowedListeners;
  /**
   * Gateway-wide TLS: client-certificate validation and the client
   * certificate presented to backends.
   *
   * @default - none
   */
  readonly tls?: GatewayTlsOptions;
  /**
   * What to do when a certificate or CA bundle lives in another namespace.
   *
   * @default ReferenceGrantPolicy.AUTO
   */
  readonly referenceGrants?: ReferenceGrantPolicy;
  /**
   * Experimental-channel fields (an explicit opt-in: they need the
   * experimental CRDs).
   *
   * @default - none: a standard-channel Gateway
   */
  readonly experimental?: GatewayExperimentalOptions;
}

/**
 * A Gateway: listeners on addresses, implemented by the controller of its
 * GatewayClass. Routes attach to the whole Gateway, or to one listener
 * through `listener(name)`.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#gateway
 * @example
 * const gw = new Gateway(chart, 'Main', { metadata: { name: 'main', namespace: 'infra' }, gatewayClass });
 * gw.addListener('https', {
 *   port: 443, protocol: ListenerProtocol.HTTPS, hostname: '*.example.com',
 *   tls: ListenerTls.terminate([Certificate.fromSecretName('wildcard-tls')]),
 *   allowedRoutes: AllowedRoutes.all(),
 * });
 */
export class Gateway extends Resource implements IGateway, ListenerOwner {
  /**
   * A Gateway that exists outside this app, by name. Routes can attach to
   * it and to its listeners (`listener(name)`), which are not checked.
   *
   * @example Gateway.fromGatewayName(chart, 'Shared', 'main', { namespace: 'infra' })
   */
  public static fromGatewayName(scope: Construct, id: string, name: string, options: GatewayImportOptions = {}): IGateway {
    const where = new ConstructScope('Gateway', `${scope.node.path}/${id}`);
    checkObjectName(name, where, 'name');
    if (options.namespace !== undefined) checkDnsLabel(options.namespace, where, 'namespace');
    return new ImportedGateway(scope, id, name, options.namespace);
  }

  protected readonly apiObject: ApiObject;
  /** The GatewayClass of this Gateway. */
  public readonly gatewayClass: IGatewayClass;
  /** What this construct does about certificates and CA bundles in other namespaces. */
  public readonly referenceGrants: ReferenceGrantPolicy;
  private readonly listenerList: ListenerList;
  private readonly addressList: GatewayAddress[] = [];
  private readonly infrastructure?: l1.GatewayInfrastructure;
  private readonly allowed?: AllowedListeners;
  private readonly frontendValidation?: FrontendTlsValidation;
  private readonly perPort: FrontendTlsPortConfig[] = [];
  private readonly backendClientCertificate?: Certificate;
  private readonly defaultScope?: DefaultGatewayScope;

  public constructor(scope: Construct, id: string, props: GatewayProps) {
    super(scope, id);
    this.apiObject = new l1.Gateway(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    this.gatewayClass = props.gatewayClass;
    this.referenceGrants = props.referenceGrants ?? ReferenceGrantPolicy.AUTO;
    if (!isGrantPolicy(this.referenceGrants)) {
      throw constructError(this.where, 'invalid-value', `referenceGrants ${JSON.stringify(this.referenceGrants)} is invalid; expected ReferenceGrantPolicy.AUTO or ReferenceGrantPolicy.NONE`, 'referenceGrants');
    }
    this.listenerList = new ListenerList(this);
    this.allowed = props.allowedListeners;
    const defaultScope = props.experimental?.defaultScope;
    if (defaultScope !== undefined && !Object.values(DefaultGatewayScope).includes(defaultScope)) {
      throw constructError(this.where, 'invalid-value', `experimental.defaultScope ${JSON.stringify(defaultScope)} is invalid; expected DefaultGatewayScope.ALL or DefaultGatewayScope.NONE`, 'experimental.defaultScope');
    }
    this.defaultScope = defaultScope;
    if (defaultScope !== undefined) SynthValidation.of(this).useExperimentalChannel();
    for (const l of props.listeners ?? []) {
      const { name, ...options } = l;
      this.addListener(name, options);
    }
    if (props.infrastructure) this.infrastructure = this.checkInfrastructure(props.infrastructure);
    if (props.tls?.frontendValidation) {
      this.checkValidation(props.tls.frontendValidation, 'tls.frontendValidation');
      this.bindValidation(props.tls.frontendValidation, 'tls.frontendValidation');
      this.frontendValidation = props.tls.frontendValidation;
    }
    if (props.tls?.backendClientCertificate) {
      const cert = props.tls.backendClientCertificate;
      cert._bind(this, `tls.backendClientCertificate (${cert.kind} '${cert.name}')`);
      this.backendClientCertificate = cert;
    }
    this.addFrontendTlsPortConfig(...props.tls?.frontendPerPort ?? []);
    this.addAddresses(...props.addresses ?? []);
    addConstructValidation(this, () => this.listenerList.all().length === 0
      ? [constructProblem('missing', 'the Gateway has no listeners; add at least one with addListener() or the listeners prop', 'listeners')]
      : []);
    SynthValidation.of(this).reportsEmptyLists(this, 'spec.listeners');
  }


  /** The reference a route attached to the whole Gateway holds (in `parentRefs` it omits the default group and kind, see {@link IParentRef.parentRef}). */
  public get parentRef(): ParentReferenceConfig {
    return { group: this.apiGroup, kind: this.kind, name: this.name, ...(this.namespace !== undefined ? { namespace: this.namespace } : {}) };
  }

  /** The Gateway itself. */
  public get parentResource(): IResource {
    return this;
  }

  /** The listeners, in the order they were added. */
  public get listeners(): Listener[] {
    return this.listenerList.all();
  }

  /** The addresses requested, in order. */
  public get addresses(): GatewayAddress[] {
    return [...this.addressList];
  }

  /** Which ListenerSets may attach, as configured (undefined: none, the default). */
  public get allowedListeners(): AllowedListeners | undefined {
    return this.allowed;
  }

  /**
   * Adds a listener and returns it (a route parent in its own right).
   * Throws if the name is taken, if another listener already accepts the
   * same protocol on the same port for the same host name, and on options
   * the API server would reject (TLS on HTTP, no TLS on HTTPS, a host name
   * on TCP or UDP, ...).
   *
   * @example gw.addListener('http', { port: 80, protocol: ListenerProtocol.HTTP, allowedRoutes: AllowedRoutes.all() })
   */
  public addListener(name: string, options: ListenerOptions): Listener {
    return this.listenerList.add(name, options);
  }

  /**
   * The listener with this name. Throws, listing the listeners there are,
   * when there is none (add listeners before referring to them).
   */
  public listener(name: string): Listener {
    return this.listenerList.get(name);
  }

  /**
   * Adds requested addresses. Throws beyond 16 addresses and on an IP
   * address or host name requested twice.
   */
  public addAddresses(...addresses: GatewayAddress[]): void {
    for (const a of addresses) {
      if (a.value !== undefined && (a.type === 'IPAddress' || a.type === 'Hostname')
        && this.addressList.some(o => o.type === a.type && o.value === a.value)) {
        throw constructError(this.where, 'duplicate', `address ${a.type} '${a.value}' is already requested; ${a.type} values must be unique`);
      }
      checkMaxItems(this.addressList.length + 1, 16, this.where, 'addresses');
      this.addressList.push(a);
    }
  }

  /**
   * Adds per-port client-certificate validation (`tls.frontend.perPort`).
   * Throws if a port is configured twice.
   *
   * @example gw.addFrontendTlsPortConfig({ port: 8443, validation: { caCertificates: [CaCertificate.fromConfigMapName('partners-ca')] } })
   */
  public addFrontendTlsPortConfig(...configs: FrontendTlsPortConfig[]): void {
    for (const c of configs) {
      const field = `tls.frontendPerPort port ${c.port}`;
      checkPort(c.port, this.where, 'tls.frontendPerPort port');
      if (this.perPort.some(p => p.port === c.port)) {
        throw constructError(this.where, 'duplicate', `${field} is configured twice; each port takes one frontend TLS configuration`, field);
      }
      if (c.validation) this.checkValidation(c.validation, field);
      checkMaxItems(this.perPort.length + 1, 64, this.where, 'tls.frontendPerPort');
      // accepted: only now are its CA bundles bound (ReferenceGrants, synthesis checks)
      if (c.validation) this.bindValidation(c.validation, field);
      this.perPort.push({ port: c.port, ...(c.validation ? { validation: c.validation } : {}) });
    }
  }

  private checkValidation(v: FrontendTlsValidation, field: string): void {
    if (v.caCertificates.length === 0) {
      throw constructError(this.where, 'missing', `${field}.caCertificates is empty; give 1-16 CA bundles (CaCertificate.fromConfigMapName(...))`, `${field}.caCertificates`);
    }
    checkMaxItems(v.caCertificates.length, 16, this.where, `${field}.caCertificates`);
  }

  private bindValidation(v: FrontendTlsValidation, field: string): void {
    v.caCertificates.forEach((ca, i) => ca._bind(this, `${field}.caCertificates[${i}] (${ca.kind} '${ca.name}')`));
  }

  private checkInfrastructure(infra: GatewayInfrastructure): l1.GatewayInfrastructure {
    const labels = infra.labels ?? {};
    const annotations = infra.annotations ?? {};
    if (Object.keys(labels).length > 8) throw constructError(this.where, 'too-many', `infrastructure.labels has ${Object.keys(labels).length} entries; the Gateway API allows at most 8`, 'infrastructure.labels');
    if (Object.keys(annotations).length > 16) throw constructError(this.where, 'too-many', `infrastructure.annotations has ${Object.keys(annotations).length} entries; the Gateway API allows at most 16`, 'infrastructure.annotations');
    for (const [k, v] of Object.entries(labels)) {
      checkLabelKey(k, this.where, 'infrastructure.labels key');
      checkLabelValue(v, this.where, `infrastructure.labels['${k}']`);
    }
    for (const [k, v] of Object.entries(annotations)) {
      checkLabelKey(k, this.where, 'infrastructure.annotations key');
      checkLength(v, 0, 4096, this.where, `infrastructure.annotations['${k}']`);
    }
    const p = infra.parametersRef;
    if (p) checkParametersRef(p, this.where, 'infrastructure.parametersRef');
    return {
      ...(Object.keys(labels).length > 0 ? { labels: { ...labels } } : {}),
      ...(Object.keys(annotations).length > 0 ? { annotations: { ...annotations } } : {}),
      ...(p ? { parametersRef: { group: p.group, kind: p.kind, name: p.name } } : {}),
    };
  }

  private renderValidation(v: FrontendTlsValidation): l1.FrontendTLSValidation {
    return {
      caCertificateRefs: v.caCertificates.map(c => c._render(this.namespace)),
      ...(v.mode !== undefined ? { mode: v.mode } : {}),
    };
  }

  private renderTls(): l1.GatewayTLSConfig | undefined {
    const frontend: l1.FrontendTLSConfig | undefined = this.frontendValidation || this.perPort.length > 0 ? {
      default: this.frontendValidation ? { validation: this.renderValidation(this.frontendValidation) } : {},
      ...(this.perPort.length > 0 ? {
        perPort: this.perPort.map(p => ({ port: p.port, tls: p.validation ? { validation: this.renderValidation(p.validation) } : {} })),
      } : {}),
    } : undefined;
    const backend = this.backendClientCertificate ? { clientCertificateRef: this.backendClientCertificate._render(this.namespace) } : undefined;
    if (!frontend && !backend) return undefined;
    return { ...(backend ? { backend } : {}), ...(frontend ? { frontend } : {}) };
  }

  private renderSpec(): l1.experimental.GatewaySpec {
    const tls = this.renderTls();
    const infrastructure = this.infrastructure && Object.keys(this.infrastructure).length > 0 ? this.infrastructure : undefined;
    return {
      ...(this.defaultScope !== undefined ? { defaultScope: this.defaultScope } : {}),
      gatewayClassName: this.gatewayClass.name,
      listeners: this.listenerList.render(),
      ...(this.addressList.length > 0 ? { addresses: this.addressList.map(a => a._render()) } : {}),
      ...(infrastructure ? { infrastructure } : {}),
      ...(this.allowed ? { allowedListeners: this.allowed._render() } : {}),
      ...(tls ? { tls } : {}),
    };
  }
}

class ImportedGateway extends Construct implements IGateway {
  public readonly apiGroup = GATEWAY_API_GROUP;
  public readonly kind = 'Gateway';
  public readonly parentResource = undefined;

  public constructor(scope: Construct, id: string, public readonly name: string, public readonly namespace: string | undefined) {
    super(scope, id);
    // It lives outside the app: routes attached to it are not judged against the app's own Gateways.
    SynthValidation.of(this).addExternalObject({ group: GATEWAY_API_GROUP, kind: 'Gateway', name, ...(namespace !== undefined ? { namespace } : {}) });
  }

  public get parentRef(): ParentReferenceConfig {
    return { group: this.apiGroup, kind: this.kind, name: this.name, ...(this.namespace !== undefined ? { namespace: this.namespace } : {}) };
  }

  public listener(name: string): IParentRef {
    return new ImportedSection(this.parentRef, name, `Gateway '${this.node.path}'`);
  }
}
