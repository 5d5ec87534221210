import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import type * as l1 from '../generated';
import type { Filter } from './filter';
import { constructError, Where } from './private/error-scope';
import { checkDnsLabel, checkGroup, checkKind, checkMaxItems, checkObjectName, checkPort } from './private/field-checks';
import { listOf } from './private/lists';
import { bindReference, IReferrer } from './private/reference-binding';
import { checkInteger } from './private/route-checks';
import { SynthValidation } from './synth-validation';

/** Settings every backend takes. */
export interface BackendOptions {
  /**
   * Relative share of the rule's traffic, 0 to 1,000,000; 0 sends this backend
   * nothing. Shares are proportional to the sum of the rule's weights.
   *
   * @default - not written; the API server applies 1
   */
  readonly weight?: number;
  /**
   * Filters applied only to requests sent to this backend (HTTPRoute and
   * GRPCRoute only). At most 16.
   *
   * @default - none
   */
  readonly filters?: Filter[];
}

/** A port and the common backend settings, for a Service backend. */
export interface ServiceBackendOptions extends BackendOptions {
  /** The Service port to send traffic to (the Service's `port`, not its `targetPort`). */
  readonly port: number;
}

/** A Service known by name, for {@link Backend.fromServiceName}. */
export interface ServiceNameBackendOptions extends ServiceBackendOptions {
  /**
   * Namespace of the Service. A Service in another namespace than the route
   * needs a ReferenceGrant there, which the route creates unless told not to.
   *
   * @default - the route's namespace
   */
  readonly namespace?: string;
}

/** Any backend resource, for {@link Backend.custom}. */
export interface CustomBackendOptions extends BackendOptions {
  /** API group of the backend (`''` for the core group). */
  readonly group: string;
  /** Kind of the backend, e.g. `InferencePool`. */
  readonly kind: string;
  /** Name of the backend. */
  readonly name: string;
  /**
   * Namespace of the backend; another namespace than the route's needs a ReferenceGrant.
   *
   * @default - the route's namespace
   */
  readonly namespace?: string;
  /**
   * Port on the backend, when the kind has ports (required for a core `Service`).
   *
   * @default - none
   */
  readonly port?: number;
}

/** @deprecated use {@link CustomBackendOptions} */
export type CustomBackendProps = CustomBackendOptions;

/** What a backend points at, with its namespace as the user gave it. */
export interface BackendTarget {
  /** API group (`''` for the core group). */
  readonly group: string;
  /** Kind. */
  readonly kind: string;
  /** Name. */
  readonly name: string;
  /** Namespace; undefined means the referring route's namespace. @default - the referring route's namespace */
  readonly namespace?: string;
}

interface BackendState {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** Omit `namespace` on the wire when it equals the route's (true for objects from the app). */
  readonly omitSameNamespace: boolean;
  readonly port?: number;
  readonly weight?: number;
  readonly filters: readonly Filter[];
  /** The Service object, when the backend was made from a construct of this app. @default - the backend was given by name (no construct to check against) */
  readonly serviceObject?: ApiObject;
  /** Construct path of the Service construct the user passed. @default - the backend was given by name */
  readonly servicePath?: string;
}

/**
 * Where a route rule sends traffic: a Service (from the app or by name) or
 * any other backend kind, with an optional weight and backend-level filters.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httpbackendref
 */
export class Backend {
  /**
   * A Service defined in this app: any construct whose `ApiObject.of()` is a
   * core `v1` Service, such as a cdk8s-plus `Service` (any major version) or a
   * `KubeService`. Its name and namespace are read from the object.
   *
   * @example Backend.fromService(apiService, { port: 80, weight: 90 })
   */
  public static fromService(service: IConstruct, options: ServiceBackendOptions): Backend {
    const where = 'Backend.fromService';
    let obj: ApiObject;
    try {
      obj = ApiObject.of(service);
    } catch {
      throw constructError(where, 'wrong-type', `'${service.node.path}' is not a Kubernetes object (no ApiObject found); pass a Service construct or use Backend.fromServiceName('name', { port })`);
    }
    if (obj.kind !== 'Service' || obj.apiVersion !== 'v1') {
      throw constructError(where, 'wrong-type', `'${service.node.path}' is a ${obj.apiVersion} ${obj.kind}, not a v1 Service; use Backend.custom({ group, kind, name }) for other kinds`);
    }
    checkPort(options.port, where, 'port');
    return Backend.create(where, {
      group: '',
      kind: 'Service',
      name: obj.name,
      namespace: obj.metadata.namespace,
      omitSameNamespace: true,
      port: options.port,
      weight: options.weight,
      filters: listOf(options.filters),
      serviceObject: obj,
      servicePath: service.node.path,
    });
  }

  /**
   * A Service known only by name (not defined in this app). Validation takes
   * it to be deployed elsewhere: it is not reported missing from the app,
   * unless the app defines a Service of that name in another namespace only,
   * or one a typo away in the same namespace (docs/validation.md).
   *
   * @example Backend.fromServiceName('api-v1', { port: 80 })
   */
  public static fromServiceName(name: string, options: ServiceNameBackendOptions): Backend {
    const where = 'Backend.fromServiceName';
    checkPort(options.port, where, 'port');
    return Backend.create(where, {
      group: '',
      kind: 'Service',
      name,
      namespace: options.namespace,
      omitSameNamespace: false,
      port: options.port,
      weight: options.weight,
      filters: listOf(options.filters),
    });
  }

  /**
   * A backend of any group and kind, written as given (the API writes
   * `group` and `kind` only when they differ from the core Service default).
   *
   * @example Backend.custom({ group: 'inference.networking.k8s.io', kind: 'InferencePool', name: 'llm' })
   */
  public static custom(props: CustomBackendOptions): Backend {
    const where = 'Backend.custom';
    checkGroup(props.group, where, 'group');
    checkKind(props.kind, where, 'kind');
    if (props.port !== undefined) checkPort(props.port, where, 'port');
    if (props.group === '' && props.kind === 'Service' && props.port === undefined) {
      throw constructError(where, 'missing', `a core Service backend needs a port; use Backend.fromServiceName('${props.name}', { port })`);
    }
    return Backend.create(where, {
      group: props.group,
      kind: props.kind,
      name: props.name,
      namespace: props.namespace,
      omitSameNamespace: false,
      port: props.port,
      weight: props.weight,
      filters: listOf(props.filters),
    });
  }

  /** @deprecated use {@link Backend.fromService} */
  public static service(service: IConstruct, options: ServiceBackendOptions): Backend {
    return Backend.fromService(service, options);
  }

  /** @deprecated use {@link Backend.fromServiceName} */
  public static serviceName(name: string, options: ServiceNameBackendOptions): Backend {
    return Backend.fromServiceName(name, options);
  }

  private static create(where: Where, state: BackendState): Backend {
    checkObjectName(state.name, where, 'name');
    if (state.namespace !== undefined) checkDnsLabel(state.namespace, where, 'namespace');
    if (state.weight !== undefined) checkInteger(state.weight, 0, 1_000_000, where, 'weight');
    checkMaxItems(state.filters.length, 16, where, 'filters');
    return new Backend(state);
  }

  private constructor(private readonly state: BackendState) {}

  /** API group of the backend (`''` for the core group). */
  public get group(): string { return this.state.group; }
  /** Kind of the backend. */
  public get kind(): string { return this.state.kind; }
  /** Name of the backend. */
  public get name(): string { return this.state.name; }
  /** Namespace of the backend; undefined means the route's namespace. */
  public get namespace(): string | undefined { return this.state.namespace; }
  /** Port of the backend, when it has one. */
  public get port(): number | undefined { return this.state.port; }
  /** Weight, when one was given. */
  public get weight(): number | undefined { return this.state.weight; }
  /** Backend-level filters. */
  public get filters(): readonly Filter[] { return this.state.filters; }

  /** What this backend points at (for ReferenceGrant checks). */
  public get target(): BackendTarget {
    return { group: this.group, kind: this.kind, name: this.name, namespace: this.namespace };
  }

  /**
   * A copy of this backend with another weight (0 to 1,000,000).
   *
   * @example stable.withWeight(90)
   */
  public withWeight(weight: number): Backend {
    checkInteger(weight, 0, 1_000_000, 'Backend.withWeight', 'weight');
    return new Backend({ ...this.state, weight });
  }

  /**
   * A copy of this backend with these filters after its own (backend-level
   * filters apply only to requests sent to this backend).
   *
   * @example canary.withFilters(Filter.responseHeaders({ add: { 'Set-Cookie': 'canary=1; Path=/' } }))
   */
  public withFilters(...filters: Filter[]): Backend {
    const all = [...this.state.filters, ...filters];
    checkMaxItems(all.length, 16, 'Backend.withFilters', 'filters');
    return new Backend({ ...this.state, filters: all });
  }

  /**
   * A copy of this backend without weight and filters: the reference
   * alone, as a mirror target takes it.
   *
   * @example Filter.requestMirror(canary.withoutWeightAndFilters(), { percent: 5 })
   */
  public withoutWeightAndFilters(): Backend {
    return new Backend({ ...this.state, weight: undefined, filters: listOf<Filter>(undefined) });
  }

  /**
   * Whether the backend is a Service construct of this app (whose ports
   * `_checkServicePort` checks).
   *
   * @internal
   */
  public get _isAppService(): boolean {
    return this.state.serviceObject !== undefined;
  }

  /**
   * Whether `_bind` keeps the `isCurrent` it is given (the referrer then has to answer it for as long as it lives):
   * for the ReferenceGrant entry a backend in another namespace needs, or the port check of a Service of the app.
   * A Service named in the referrer's own namespace leaves neither.
   *
   * @internal
   */
  public get _keepsInUseCheck(): boolean {
    return this.state.namespace !== undefined || this.state.serviceObject !== undefined;
  }

  /**
   * @internal binds the backend to the route that sends traffic to it, once the route has accepted it:
   * the ReferenceGrant it needs, and the check (at synthesis) that an app-defined Service exposes the port
   * (skipped once `isCurrent` says the route no longer uses this backend, e.g. after `replaceBackends`, whose
   * prune then also drops the automatic grant entry only this backend needed)
   */
  public _bind(referrer: IReferrer, field: string, isCurrent: () => boolean = () => true): void {
    const s = this.state;
    if (!s.serviceObject && s.group === '' && s.kind === 'Service') {
      // A Service named rather than passed lives outside the app: not reported missing because the app defines
      // other Services (only when it defines one of that name in another namespace, a likely namespace slip).
      const namespace = s.namespace ?? referrer.namespace;
      SynthValidation.of(referrer).addExternalObject({ group: '', kind: 'Service', name: s.name, ...(namespace !== undefined ? { namespace } : {}) });
    }
    // Only a Service of this app has ports to check: a backend given by name or kind gets no check to run at every synthesis.
    bindReference(referrer, this, s.serviceObject === undefined ? { field, inUse: isCurrent } : {
      field,
      inUse: isCurrent,
      check: () => {
        if (!isCurrent()) return [];
        const problem = this._checkServicePort();
        // The engine's own code: the route reports it in its words (the engine's diagnostic is dropped, see reportsItself).
        return problem ? [{ code: 'xref/service-port-not-exposed', field, message: problem }] : [];
      },
    });
  }

  /**
   * For a Service of this app: the problem when that Service does not expose
   * the backend's port (read from the synthesized object), else undefined.
   * Safe to call from a validation; never throws.
   *
   * @internal
   */
  public _checkServicePort(): string | undefined {
    const obj = this.state.serviceObject;
    if (!obj || this.state.port === undefined) return undefined;
    let ports: unknown;
    try {
      ports = (obj.toJson() as { spec?: { ports?: unknown } }).spec?.ports;
    } catch {
      return undefined; // the Service reports its own problem
    }
    if (!Array.isArray(ports)) return undefined;
    const exposed = ports.map(p => (p as { port?: unknown }).port).filter((p): p is number => typeof p === 'number');
    if (exposed.includes(this.state.port)) return undefined;
    return `Service '${this.state.servicePath}' (${this.state.name}) exposes port(s) ${exposed.length ? exposed.join(', ') : 'none'}, not ${this.state.port}; `
      + 'use one of its ports (the Service port, not the container\'s targetPort)';
  }

  /** @internal */
  public _renderObjectRef(referrerNamespace?: string): l1.BackendObjectReference {
    const s = this.state;
    const omitNs = s.namespace === undefined || (s.omitSameNamespace && s.namespace === referrerNamespace);
    // Fields assigned in the order they are written (no spread of a temporary object per optional field).
    const out = {} as { -readonly [K in keyof l1.BackendObjectReference]: l1.BackendObjectReference[K] };
    if (s.group !== '') out.group = s.group;
    if (s.kind !== 'Service' || s.group !== '') out.kind = s.kind;
    out.name = s.name;
    if (!omitNs) out.namespace = s.namespace;
    if (s.port !== undefined) out.port = s.port;
    return out;
  }

  /**
   * Renders the backend reference (with its filters) for a route in
   * `referrerNamespace`.
   *
   * @internal
   */
  public _render(referrerNamespace?: string): l1.HTTPBackendRef {
    const out: l1.HTTPBackendRef = this._renderObjectRef(referrerNamespace);
    if (this.state.weight !== undefined) out.weight = this.state.weight;
    if (this.state.filters.length) out.filters = this.state.filters.map(f => f._render(referrerNamespace));
    return out;
  }
}
