import type {
  BackendRef, BackendTLSPolicySpec, GatewayClassSpec, GatewaySpec, GRPCRouteFilter, GRPCRouteSpec, HTTPRouteFilter,
  HTTPRouteRetry, HTTPRouteSpec, HTTPRouteTimeouts, ListenerSetSpec, SessionPersistence, ParentReference, ReferenceGrantSpec, TCPRouteSpec, TLSRouteSpec, UDPRouteSpec,
} from '../../generated/experimental';
import type { RouteKindName } from '../model';

/**
 * The shapes of the objects the data plane holds. A Gateway API object in the
 * store has passed the CRD schema and CEL checks (admission), so its spec has
 * the generated L1 type of the experimental channel (a superset of standard).
 * The core kinds are read for a few fields only, which the plane checks at
 * run time, so their types list those fields as optional.
 */

/** The metadata fields the plane reads. */
export interface StoredMetadata {
  /** Object name (required by the plane). */
  readonly name: string;
  /** Namespace as written. @default - the plane files the object under `default` (cluster-scoped kinds under `''`) */
  readonly namespace?: string;
  /** metadata.generation. @default - conditions carry no observedGeneration */
  readonly generation?: number;
  /** Labels. @default - no labels */
  readonly labels?: Record<string, string>;
  /** creationTimestamp (RFC 3339). @default - the object counts as created after every object with one, in load order */
  readonly creationTimestamp?: string;
  /** Every other metadata field, as written. */
  readonly [key: string]: unknown;
}

/** A Kubernetes object of kind `K` whose `spec` has type `S`. */
interface SpecDocument<K extends string, S> {
  /** apiVersion as written. */
  readonly apiVersion: string;
  /** Object kind. */
  readonly kind: K;
  /** Object metadata. */
  readonly metadata: StoredMetadata;
  /** The spec, with CRD defaults applied. */
  readonly spec: S;
}

/** One port of a Service. */
interface StoredServicePort {
  /** Port name. @default - unnamed (a BackendTLSPolicy sectionName cannot select it) */
  readonly name?: string;
  /** Port number. */
  readonly port: number;
  /** appProtocol. @default - the plane speaks HTTP/1.1 to the backend */
  readonly appProtocol?: string;
}

/** The Service fields the plane reads. */
interface StoredServiceSpec {
  /** Ports. @default - no ports (any backendRef port is accepted) */
  readonly ports?: readonly StoredServicePort[];
  /** Pod selector. @default - no selector (the serving certificate is unknown) */
  readonly selector?: Record<string, string>;
}

/** The workload (Deployment, StatefulSet, DaemonSet) fields the plane reads: the Secret volumes of its pods. */
interface StoredWorkloadSpec {
  /** The pod template. @default - no pods (the workload serves no certificate) */
  readonly template?: {
    readonly metadata?: { readonly labels?: Record<string, string> };
    readonly spec?: { readonly volumes?: readonly { readonly secret?: { readonly secretName?: string } }[] };
  };
}

/** A Secret or ConfigMap: the plane reads its data. */
interface DataDocument<K extends 'Secret' | 'ConfigMap'> {
  /** apiVersion as written. */
  readonly apiVersion: string;
  /** Object kind. */
  readonly kind: K;
  /** Object metadata. */
  readonly metadata: StoredMetadata;
  /** `data` (base64 for a Secret, plain for a ConfigMap). @default - no data */
  readonly data?: Record<string, string>;
  /** `stringData` (Secrets). @default - no stringData */
  readonly stringData?: Record<string, string>;
}

/** The object type of each kind the plane holds. */
export interface StoredKinds {
  /** GatewayClass. */
  readonly GatewayClass: SpecDocument<'GatewayClass', GatewayClassSpec>;
  /** Gateway. */
  readonly Gateway: SpecDocument<'Gateway', GatewaySpec>;
  /** ListenerSet. */
  readonly ListenerSet: SpecDocument<'ListenerSet', ListenerSetSpec>;
  /** HTTPRoute. */
  readonly HTTPRoute: SpecDocument<'HTTPRoute', HTTPRouteSpec>;
  /** GRPCRoute. */
  readonly GRPCRoute: SpecDocument<'GRPCRoute', GRPCRouteSpec>;
  /** TLSRoute. */
  readonly TLSRoute: SpecDocument<'TLSRoute', TLSRouteSpec>;
  /** TCPRoute. */
  readonly TCPRoute: SpecDocument<'TCPRoute', TCPRouteSpec>;
  /** UDPRoute. */
  readonly UDPRoute: SpecDocument<'UDPRoute', UDPRouteSpec>;
  /** ReferenceGrant. */
  readonly ReferenceGrant: SpecDocument<'ReferenceGrant', ReferenceGrantSpec>;
  /** BackendTLSPolicy. */
  readonly BackendTLSPolicy: SpecDocument<'BackendTLSPolicy', BackendTLSPolicySpec>;
  /** Service. */
  readonly Service: SpecDocument<'Service', StoredServiceSpec | undefined>;
  /** Secret. */
  readonly Secret: DataDocument<'Secret'>;
  /** ConfigMap. */
  readonly ConfigMap: DataDocument<'ConfigMap'>;
  /** Namespace. */
  readonly Namespace: SpecDocument<'Namespace', unknown>;
  /** Deployment. */
  readonly Deployment: SpecDocument<'Deployment', StoredWorkloadSpec | undefined>;
  /** StatefulSet. */
  readonly StatefulSet: SpecDocument<'StatefulSet', StoredWorkloadSpec | undefined>;
  /** DaemonSet. */
  readonly DaemonSet: SpecDocument<'DaemonSet', StoredWorkloadSpec | undefined>;
}

/** Any object the plane holds. */
export type StoredDocument = StoredKinds[keyof StoredKinds];

/** A route object of any kind. */
export type RouteDocument = StoredKinds[RouteKindName];

/** A filter of an HTTPRoute or GRPCRoute. */
export type AnyRouteFilter = HTTPRouteFilter | GRPCRouteFilter;

/** A backendRef of any route kind (HTTPBackendRef, GRPCBackendRef and BackendRef are assignable to it). */
export interface AnyBackendRef extends BackendRef {
  /** Per-backend filters (HTTPRoute, GRPCRoute). @default - none */
  readonly filters?: readonly AnyRouteFilter[];
}

/** The fields every route rule may carry, whatever its kind (each kind's rule type is assignable to it). */
export interface AnyRouteRule {
  /** Rule name. @default - unnamed */
  readonly name?: string;
  /** Backends. @default - none */
  readonly backendRefs?: readonly AnyBackendRef[];
  /** Filters (HTTPRoute, GRPCRoute). @default - none */
  readonly filters?: readonly AnyRouteFilter[];
  /** Matches (HTTPRoute, GRPCRoute). @default - none (the rule matches every request) */
  readonly matches?: readonly unknown[];
  /** Timeouts (HTTPRoute). @default - none */
  readonly timeouts?: HTTPRouteTimeouts;
  /** Retry (HTTPRoute). @default - none */
  readonly retry?: HTTPRouteRetry;
  /** Session persistence (HTTPRoute, GRPCRoute). @default - none */
  readonly sessionPersistence?: SessionPersistence;
}

/** The fields every route spec may carry, whatever its kind. */
export interface AnyRouteSpec {
  /** Hostnames (not TCPRoute, UDPRoute). @default - every hostname the listener allows */
  readonly hostnames?: readonly string[];
  /** Parents. @default - none */
  readonly parentRefs?: readonly ParentReference[];
  /** Rules. @default - none */
  readonly rules?: readonly AnyRouteRule[];
}

/** The spec of a route of any kind, as the fields every kind shares. */
export function routeSpec(route: RouteDocument): AnyRouteSpec {
  return route.spec;
}

/** The spec of a route the HTTP engine serves (the caller has checked its kind is HTTPRoute). */
export function httpRouteSpec(route: RouteDocument): HTTPRouteSpec {
  return route.spec as HTTPRouteSpec;
}

/** The spec of a route the gRPC engine serves (the caller has checked its kind is GRPCRoute). */
export function grpcRouteSpec(route: RouteDocument): GRPCRouteSpec {
  return route.spec as GRPCRouteSpec;
}
