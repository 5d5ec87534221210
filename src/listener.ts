import * as l1 from '../generated';
import { Certificate } from './certificate';
import { LabelSelector, LabelSelectorOperator } from './label-selector';
import { GATEWAY_API_GROUP, routeKindsForProtocol } from './model';
import { IParentRef, ParentReferenceConfig } from './parent';
import { constructError, ConstructScope, Where } from './private/error-scope';
import { checkDnsLabel, checkGroup, checkLabelSelector, checkHostname, checkKind, checkLabelKey, checkLength, checkMaxItems, checkPort, checkSectionName } from './private/field-checks';
import { ReferenceGrantPolicy } from './reference-grant';
import { IResource } from './resource';

/** The label Kubernetes sets on every namespace to its own name. */
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * The protocol a listener accepts: one of the five the Gateway API defines,
 * or an implementation-specific one.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#protocoltype
 */
export class ListenerProtocol {
  /** Plain-text HTTP; routes: HTTPRoute, GRPCRoute. `tls` must not be set. */
  public static readonly HTTP = new ListenerProtocol('HTTP');
  /** HTTP over TLS terminated at the Gateway; routes: HTTPRoute, GRPCRoute. Needs `ListenerTls.terminate(...)`. */
  public static readonly HTTPS = new ListenerProtocol('HTTPS');
  /** TLS, terminated or passed through by SNI; routes: TLSRoute. Needs `tls`. */
  public static readonly TLS = new ListenerProtocol('TLS');
  /** Raw TCP; routes: TCPRoute. No `tls`, no `hostname`. */
  public static readonly TCP = new ListenerProtocol('TCP');
  /** Raw UDP; routes: UDPRoute. No `tls`, no `hostname`. */
  public static readonly UDP = new ListenerProtocol('UDP');

  /**
   * An implementation-specific protocol; its name must be domain-prefixed.
   *
   * @example ListenerProtocol.custom('example.com/quic')
   */
  public static custom(protocol: string): ListenerProtocol {
    const where = 'ListenerProtocol.custom()';
    checkLength(protocol, 1, 255, where, 'protocol');
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9]+$/.test(protocol)) {
      throw constructError(where, 'invalid-value', `protocol ${JSON.stringify(protocol)} is invalid; implementation-specific protocols are domain-prefixed, such as 'example.com/quic' (letters and digits after the '/')`, 'protocol');
    }
    return new ListenerProtocol(protocol);
  }

  private constructor(
    /** The value written in `protocol`. */
    public readonly value: string,
  ) {}

  /** @internal whether this is one of the five protocols the Gateway API defines */
  public get _builtIn(): boolean {
    return ['HTTP', 'HTTPS', 'TLS', 'TCP', 'UDP'].includes(this.value);
  }
}

/**
 * A kind of route a listener accepts.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#routegroupkind
 */
export class RouteKind {
  /** HTTPRoute. */
  public static readonly HTTP_ROUTE = new RouteKind(GATEWAY_API_GROUP, 'HTTPRoute');
  /** GRPCRoute. */
  public static readonly GRPC_ROUTE = new RouteKind(GATEWAY_API_GROUP, 'GRPCRoute');
  /** TLSRoute. */
  public static readonly TLS_ROUTE = new RouteKind(GATEWAY_API_GROUP, 'TLSRoute');
  /** TCPRoute. */
  public static readonly TCP_ROUTE = new RouteKind(GATEWAY_API_GROUP, 'TCPRoute');
  /** UDPRoute. */
  public static readonly UDP_ROUTE = new RouteKind(GATEWAY_API_GROUP, 'UDPRoute');

  /**
   * An implementation-specific route kind.
   *
   * @example RouteKind.custom('example.com', 'KafkaRoute')
   */
  public static custom(group: string, kind: string): RouteKind {
    checkGroup(group, 'RouteKind.custom()', 'group');
    checkKind(kind, 'RouteKind.custom()', 'kind');
    return new RouteKind(group, kind);
  }

  private constructor(
    /** API group of the route kind. */
    public readonly group: string,
    /** The route kind. */
    public readonly kind: string,
  ) {}

  /** @internal the group is left out when it is the Gateway API's (the schema default) */
  public _render(): l1.RouteGroupKind {
    return this.group === GATEWAY_API_GROUP ? { kind: this.kind } : { group: this.group, kind: this.kind };
  }
}

/** Options shared by the {@link AllowedRoutes} factories. */
export interface AllowedRoutesOptions {
  /**
   * Route kinds the listener accepts (at most 8).
   *
   * @default - every kind the listener's protocol supports
   */
  readonly kinds?: RouteKind[];
}

interface AllowedRoutesState {
  readonly from?: 'All' | 'Same' | 'Selector';
  readonly selector?: l1.LabelSelector;
  /** namespaces added by `allowRoutesFrom()`, as a `kubernetes.io/metadata.name In (...)` selector @default - none (only the namespaces the allowedRoutes policy names) */
  readonly namespaceNames?: readonly string[];
  readonly kinds: readonly RouteKind[];
}

/**
 * Which routes may attach to a listener: from which namespaces, and of
 * which kinds.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#allowedroutes
 */
export class AllowedRoutes {
  /**
   * Routes in the Gateway's own namespace only (what an unset
   * `allowedRoutes` means too; this writes it out).
   *
   * @example AllowedRoutes.same()
   */
  public static same(options: AllowedRoutesOptions = {}): AllowedRoutes {
    return new AllowedRoutes({ from: 'Same', kinds: checkKinds(options.kinds) });
  }

  /**
   * Routes from every namespace.
   *
   * @example AllowedRoutes.all({ kinds: [RouteKind.HTTP_ROUTE] })
   */
  public static all(options: AllowedRoutesOptions = {}): AllowedRoutes {
    return new AllowedRoutes({ from: 'All', kinds: checkKinds(options.kinds) });
  }

  /**
   * Routes from namespaces that carry all these labels.
   *
   * @example AllowedRoutes.fromNamespacesWithLabels({ 'gateway-access': 'true' })
   */
  public static fromNamespacesWithLabels(labels: { [key: string]: string }, options: AllowedRoutesOptions = {}): AllowedRoutes {
    return AllowedRoutes.fromNamespaces({ matchLabels: labels }, options);
  }

  /**
   * Routes from namespaces a label selector picks (labels and set-based
   * expressions).
   *
   * @example AllowedRoutes.fromNamespaces({ matchExpressions: [{ key: 'env', operator: LabelSelectorOperator.IN, values: ['prod', 'staging'] }] })
   */
  public static fromNamespaces(selector: LabelSelector, options: AllowedRoutesOptions = {}): AllowedRoutes {
    return new AllowedRoutes({ from: 'Selector', selector: checkLabelSelector(selector, 'AllowedRoutes.fromNamespaces()'), kinds: checkKinds(options.kinds) });
  }

  /**
   * Only these route kinds; namespaces stay at the default (the Gateway's own).
   *
   * @example AllowedRoutes.kinds(RouteKind.GRPC_ROUTE)
   */
  public static kinds(...kinds: RouteKind[]): AllowedRoutes {
    if (kinds.length === 0) throw constructError('AllowedRoutes.kinds()', 'missing', 'give at least one route kind', 'kinds');
    return new AllowedRoutes({ kinds: checkKinds(kinds) });
  }

  private constructor(private readonly state: AllowedRoutesState) {}

  /** The route kinds the listener is limited to; empty when it accepts every kind its protocol supports. */
  public get routeKinds(): RouteKind[] {
    return [...this.state.kinds];
  }

  /**
   * @internal a copy that also admits routes from `namespace` (see Listener.allowRoutesFrom)
   */
  public _widen(namespace: string, gatewayNamespace: string | undefined, where: Where, listener: string): AllowedRoutes {
    const from = this.state.from ?? 'Same';
    if (from === 'All') return this;
    if (from === 'Same') {
      if (namespace === gatewayNamespace) return this;
      if (gatewayNamespace === undefined) {
        throw constructError(where, 'missing', `${listener}: cannot allow routes from namespace '${namespace}' next to the Gateway's own, because the Gateway has no namespace; set metadata.namespace or the chart's namespace`);
      }
      return new AllowedRoutes({ from: 'Selector', namespaceNames: [gatewayNamespace, namespace], kinds: this.state.kinds });
    }
    if (this.state.namespaceNames) {
      if (this.state.namespaceNames.includes(namespace)) return this;
      return new AllowedRoutes({ ...this.state, namespaceNames: [...this.state.namespaceNames, namespace] });
    }
    throw constructError(where, 'conflict', `${listener}: cannot allow routes from namespace '${namespace}': the listener selects namespaces by labels `
      + `(${JSON.stringify(this.state.selector)}), and a selector cannot also name one namespace; label namespace '${namespace}' to match, `
      + 'or use AllowedRoutes.all()');
  }

  /** @internal */
  public _render(): l1.AllowedRoutes {
    let namespaces: l1.RouteNamespaces | undefined;
    if (this.state.namespaceNames) {
      namespaces = {
        from: 'Selector',
        selector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: LabelSelectorOperator.IN, values: [...this.state.namespaceNames] }] },
      };
    } else if (this.state.from !== undefined) {
      namespaces = { from: this.state.from, ...(this.state.selector ? { selector: this.state.selector } : {}) };
    }
    return {
      ...(this.state.kinds.length > 0 ? { kinds: this.state.kinds.map(k => k._render()) } : {}),
      ...(namespaces ? { namespaces } : {}),
    };
  }
}

function checkKinds(kinds: RouteKind[] = []): RouteKind[] {
  checkMaxItems(kinds.length, 8, 'AllowedRoutes', 'kinds');
  kinds.forEach((k, i) => {
    if (kinds.findIndex(o => o.group === k.group && o.kind === k.kind) !== i) {
      throw constructError('AllowedRoutes', 'duplicate', `kinds lists ${k.kind} (${k.group}) twice`, `kinds[${i}]`);
    }
  });
  return [...kinds];
}

/** The TLS mode of a listener. */
export enum ListenerTlsMode {
  /** The Gateway terminates TLS with its own certificate. */
  TERMINATE = 'Terminate',
  /** The Gateway routes the still-encrypted stream by SNI; the backend terminates TLS. */
  PASSTHROUGH = 'Passthrough',
}

/** Options of the {@link ListenerTls} factories. */
export interface ListenerTlsOptions {
  /**
   * Implementation-specific TLS settings (at most 16; keys in the form of
   * annotation keys, such as `example.com/min-version`).
   *
   * @default - none
   */
  readonly options?: { [key: string]: string };
}

/**
 * How a listener handles TLS.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#listenertlsconfig
 */
export class ListenerTls {
  /**
   * Terminate TLS at the Gateway with these certificates (at most 64; the
   * first one that matches the client's SNI is served). With no
   * certificate, `options` must configure one in an implementation-specific
   * way.
   *
   * @example ListenerTls.terminate([Certificate.fromSecretName('wildcard-tls')])
   */
  public static terminate(certificates: Certificate[], options: ListenerTlsOptions = {}): ListenerTls {
    const where = 'ListenerTls.terminate()';
    checkMaxItems(certificates.length, 64, where, 'certificates');
    const opts = checkTlsOptions(options.options, where);
    if (certificates.length === 0 && Object.keys(opts).length === 0) {
      throw constructError(where, 'missing', 'give at least one certificate (or implementation-specific options that provide one); TLS termination needs a certificate');
    }
    return new ListenerTls(ListenerTlsMode.TERMINATE, [...certificates], opts);
  }

  /**
   * Pass TLS through to the backend, routing by SNI (TLS listeners only).
   *
   * @example ListenerTls.passthrough()
   */
  public static passthrough(options: ListenerTlsOptions = {}): ListenerTls {
    return new ListenerTls(ListenerTlsMode.PASSTHROUGH, [], checkTlsOptions(options.options, 'ListenerTls.passthrough()'));
  }

  private constructor(
    /** Terminate or Passthrough. */
    public readonly mode: ListenerTlsMode,
    private readonly certs: Certificate[],
    private readonly options: { [key: string]: string },
  ) {}

  /** The certificates, in order. */
  public get certificates(): Certificate[] {
    return [...this.certs];
  }

  /** @internal */
  public _render(referrerNamespace: string | undefined): l1.ListenerTLSConfig {
    return {
      mode: this.mode,
      ...(this.certs.length > 0 ? { certificateRefs: this.certs.map(c => c._render(referrerNamespace)) } : {}),
      ...(Object.keys(this.options).length > 0 ? { options: { ...this.options } } : {}),
    };
  }
}

function checkTlsOptions(options: { [key: string]: string } | undefined, where: Where): { [key: string]: string } {
  const opts = options ?? {};
  const keys = Object.keys(opts);
  if (keys.length > 16) throw constructError(where, 'too-many', `options has ${keys.length} entries; the Gateway API allows at most 16`, 'options');
  for (const key of keys) {
    checkLabelKey(key, where, 'options key');
    checkLength(opts[key], 0, 4096, where, `options['${key}']`);
  }
  return { ...opts };
}

/**
 * How a listener is configured (everything except its name, which
 * `addListener(name, options)` takes separately).
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#listener
 */
export interface ListenerOptions {
  /** The port the listener accepts connections on (1-65535). */
  readonly port: number;
  /** The protocol it accepts. */
  readonly protocol: ListenerProtocol;
  /**
   * The host name (or `*.` wildcard) requests must be for: matched against
   * SNI (TLS) and the Host header (HTTP). Not allowed for TCP and UDP.
   *
   * @default - every host name
   */
  readonly hostname?: string;
  /**
   * TLS handling: required for HTTPS (terminate) and TLS, not allowed for
   * HTTP, TCP and UDP.
   *
   * @default - no TLS
   */
  readonly tls?: ListenerTls;
  /**
   * Which routes may attach.
   *
   * @default - routes of every kind the protocol supports, from the Gateway's own namespace
   */
  readonly allowedRoutes?: AllowedRoutes;
}

/** A listener with its name, as the `listeners` props take it. */
export interface ListenerProps extends ListenerOptions {
  /** The listener's name, unique within its Gateway or ListenerSet; routes use it as `sectionName`. */
  readonly name: string;
}

/**
 * The Gateway or ListenerSet that owns a listener (internal contract between
 * Listener and its owners).
 */
export interface ListenerOwner extends IResource {
  /** What the owner does about cross-namespace certificate references. */
  readonly referenceGrants: ReferenceGrantPolicy;
  /** @internal how error messages name the owner */
  readonly _where: ConstructScope;
}

/**
 * One listener of a Gateway or ListenerSet, as `addListener()` returns it.
 * It is a route parent of its own: attaching a route to it writes the
 * listener's name as `sectionName`.
 */
export class Listener implements IParentRef {
  /** The listener's name. */
  public readonly name: string;
  /** The listener's port. */
  public readonly port: number;
  /** The listener's protocol. */
  public readonly protocol: ListenerProtocol;
  /** The listener's host name, if it has one. */
  public readonly hostname?: string;
  /** The listener's TLS handling, if any. */
  public readonly tls?: ListenerTls;
  /** The Gateway or ListenerSet this listener belongs to. */
  public readonly parentResource: IResource;
  private allowed?: AllowedRoutes;

  /** @internal use `Gateway.addListener()` or `ListenerSet.addListener()` */
  public constructor(private readonly owner: ListenerOwner, name: string, options: ListenerOptions) {
    const where = owner._where;
    checkSectionName(name, where, 'listener name');
    const field = `listener '${name}'`;
    checkPort(options.port, where, `${field} port`);
    if (!(options.protocol instanceof ListenerProtocol)) {
      throw constructError(where, 'wrong-type', `${field} protocol must be a ListenerProtocol (ListenerProtocol.HTTPS, ListenerProtocol.custom('example.com/x'), ...), got ${JSON.stringify(options.protocol)}`, field);
    }
    const protocol = options.protocol.value;
    if (options.hostname !== undefined) checkHostname(options.hostname, where, `${field} hostname`);
    if (['HTTP', 'TCP', 'UDP'].includes(protocol) && options.tls) {
      throw constructError(where, 'conflict', `${field} has protocol ${protocol} and tls; only HTTPS and TLS listeners take tls (use ListenerProtocol.HTTPS to terminate TLS)`, field);
    }
    if (protocol === 'HTTPS' && !options.tls) {
      throw constructError(where, 'missing', `${field} has protocol HTTPS without tls; pass tls: ListenerTls.terminate([Certificate.fromSecretName('...')])`, field);
    }
    if (protocol === 'HTTPS' && options.tls?.mode !== ListenerTlsMode.TERMINATE) {
      throw constructError(where, 'conflict', `${field} has protocol HTTPS with TLS mode ${options.tls?.mode}; HTTPS listeners terminate TLS (use ListenerProtocol.TLS for passthrough)`, field);
    }
    if (protocol === 'TLS' && !options.tls) {
      throw constructError(where, 'missing', `${field} has protocol TLS without tls; pass ListenerTls.passthrough() or ListenerTls.terminate([...])`, field);
    }
    if ((protocol === 'TCP' || protocol === 'UDP') && options.hostname !== undefined) {
      throw constructError(where, 'conflict', `${field} has protocol ${protocol} and hostname '${options.hostname}'; ${protocol} listeners match no host names, remove hostname`, field);
    }
    // the kinds each core protocol serves (model/allowed-routes.ts); an implementation-specific protocol serves
    // kinds this library cannot know, so its list is not checked
    const supported = routeKindsForProtocol(protocol);
    for (const kind of options.allowedRoutes?.routeKinds ?? []) {
      if (supported.length > 0 && kind.group === GATEWAY_API_GROUP && !supported.includes(kind.kind)) {
        throw constructError(where, 'unsupported', `${field} allows route kind ${kind.kind}, which a ${protocol} listener cannot serve; ${protocol} listeners take ${supported.join(', ')}`, field);
      }
    }
    this.name = name;
    this.port = options.port;
    this.protocol = options.protocol;
    this.hostname = options.hostname;
    this.tls = options.tls;
    this.allowed = options.allowedRoutes;
    this.parentResource = owner;
  }

  /**
   * @internal binds the listener's references to its owner (ReferenceGrants, synthesis checks);
   * called by the owner once it has accepted the listener, so a refused listener leaves nothing behind
   */
  public _bind(): void {
    (this.tls?.certificates ?? []).forEach((cert, i) => {
      cert._bind(this.owner, `listener '${this.name}' tls certificate ${i} (${cert.kind} '${cert.name}')`);
    });
  }

  /** Which routes may attach, as configured (undefined: the defaults). */
  public get allowedRoutes(): AllowedRoutes | undefined {
    return this.allowed;
  }

  /** The reference a route attached to this listener holds (in `parentRefs` it omits the default group and kind, see {@link IParentRef.parentRef}). */
  public get parentRef(): ParentReferenceConfig {
    return {
      group: this.owner.apiGroup,
      kind: this.owner.kind,
      name: this.owner.name,
      ...(this.owner.namespace !== undefined ? { namespace: this.owner.namespace } : {}),
      sectionName: this.name,
    };
  }

  /**
   * Lets routes from these namespaces attach, on top of those already
   * allowed. A listener limited to its own namespace (the default) gets a
   * selector on the `kubernetes.io/metadata.name` label listing its own
   * namespace and these; a listener open to all namespaces is left as it
   * is. Throws for a listener that selects namespaces by other labels (a
   * selector cannot be widened by name).
   *
   * @example gateway.listener('https').allowRoutesFrom('production', 'staging')
   */
  public allowRoutesFrom(...namespaces: string[]): void {
    for (const ns of namespaces) {
      checkDnsLabel(ns, this.owner._where, `listener '${this.name}' allowRoutesFrom() namespace`);
      const current = this.allowed ?? AllowedRoutes.same();
      const widened = current._widen(ns, this.owner.namespace, this.owner._where, `listener '${this.name}'`);
      if (widened !== current) this.allowed = widened;
    }
  }

  /** @internal */
  public _render(): l1.Listener {
    const allowedRoutes = this.allowed?._render();
    return {
      name: this.name,
      port: this.port,
      protocol: this.protocol.value,
      ...(this.hostname !== undefined ? { hostname: this.hostname } : {}),
      ...(this.tls ? { tls: this.tls._render(this.owner.namespace) } : {}),
      ...(allowedRoutes && Object.keys(allowedRoutes).length > 0 ? { allowedRoutes } : {}),
    };
  }
}
