import type { GrpcRequest, HttpRequest, StreamRequest, TlsRequest } from './requests';

/**
 * The JSON format of a conformance vector (see FORMAT.md of the vectors
 * folder), as the runner reads it. Every field a step type does not use is
 * absent; the runner reports an unknown step type as a failure.
 */

/** An object named by namespace and name (no namespace: cluster scope, or the route's namespace for a backend). */
interface VectorRef {
  /** Namespace. @default - cluster scope, or the route's namespace for a backend */
  readonly namespace?: string;
  /** Name. */
  readonly name: string;
}

/** An object named by kind, namespace and name. */
export interface VectorObjectRef extends VectorRef {
  /** Kind. */
  readonly kind: string;
}

/** A parentRef (or ancestorRef) to look for in status; a field left out matches any value. */
export interface VectorParentRef {
  /** API group. @default - any group */
  readonly group?: string;
  /** Kind. @default - any kind */
  readonly kind?: string;
  /** Namespace. @default - any namespace */
  readonly namespace?: string;
  /** Name. @default - any name */
  readonly name?: string;
  /** sectionName. @default - any sectionName */
  readonly sectionName?: string;
  /** Port. @default - any port */
  readonly port?: number;
}

/** Headers to check (only the keys given are checked). */
export interface VectorHeaders {
  /** Headers that must have these values. @default - none checked */
  readonly headers?: Readonly<Record<string, string>>;
  /** Headers that must have one of these values. @default - none checked */
  readonly headersOneOf?: Readonly<Record<string, readonly string[]>>;
  /** Headers that must be absent. @default - none checked */
  readonly absentHeaders?: readonly string[];
  /** Remove whitespace from actual and expected values before comparing. @default false */
  readonly ignoreWhitespace?: boolean;
}

/** What a backend must receive (only the keys given are checked). */
export interface VectorForwarded extends VectorHeaders {
  /** Host. @default - not checked */
  readonly host?: string;
  /** Path and query. @default - not checked */
  readonly path?: string;
  /** Method. @default - not checked */
  readonly method?: string;
  /** TLS server name on the Gateway-to-backend connection. @default - not checked */
  readonly sni?: string;
}

/** The parts of a redirect Location to check. */
export interface VectorRedirect {
  /** Scheme. @default - not checked */
  readonly scheme?: string;
  /** Host. @default - not checked */
  readonly host?: string;
  /** Path. @default - not checked */
  readonly path?: string;
  /** Port; `null`: none; `'default'`: none or the scheme's well-known port. @default - not checked */
  readonly port?: number | null | 'default';
}

/** The `expect` block of a step (each step type reads its own fields). */
interface VectorExpect {
  /** No response at all. @default false */
  readonly refused?: boolean;
  /** Acceptable HTTP statuses. @default [200] when `backend` is set, else not checked */
  readonly statusCodes?: readonly number[];
  /** Unacceptable HTTP statuses. @default - not checked */
  readonly notStatusCodes?: readonly number[];
  /** The backend that must answer. @default - not checked */
  readonly backend?: VectorRef;
  /** What the backend must receive. @default - not checked */
  readonly request?: VectorForwarded;
  /** What the client must get back. @default - not checked */
  readonly response?: VectorHeaders;
  /** The redirect Location. @default - not checked */
  readonly redirect?: VectorRedirect;
  /** Backends that must get a mirrored copy. @default - not checked */
  readonly mirroredTo?: readonly VectorRef[];
  /** gRPC status code. @default 0 when `backend` is set, else not checked */
  readonly code?: number;
  /** Whether the backend receives the client's TLS stream. @default - not checked */
  readonly backendTLS?: boolean;
  /** The server name the backend sees. @default - not checked */
  readonly backendSNI?: string;
  /** Fractions per backend (`namespace/name`). @default - every backend must get 0 */
  readonly distribution?: Readonly<Record<string, number>>;
  /** Absolute tolerance of `distribution`. @default 0 */
  readonly tolerance?: number;
  /** Mirrored fractions per backend. @default - not checked */
  readonly mirrored?: Readonly<Record<string, number>>;
  /** Absolute tolerance of `mirrored`. @default 0 */
  readonly mirrorTolerance?: number;
  /** What each backend must receive (HTTP weights). @default - not checked */
  readonly requestByBackend?: Readonly<Record<string, VectorForwarded>>;
}

/** One step of a vector. */
export interface VectorStep {
  /** Step type (`apply`, `delete`, `http`, `grpc`, `tls`, `tcp`, `udp`, `weights`, `condition`, ...). */
  readonly type: string;
  /** Step name. @default - the type */
  readonly name?: string;
  /** Manifest files to apply (relative to the vectors folder). @default - none */
  readonly manifests?: readonly string[];
  /** `apply`: documents to apply; `delete`: {@link VectorObjectRef}s. @default - none */
  readonly objects?: readonly unknown[];
  /** The object whose status is checked. @default - none (steps that check status need it) */
  readonly object?: VectorObjectRef;
  /** The parent (or ancestor) whose status entry is checked. @default - any parent */
  readonly parent?: VectorParentRef;
  /** The listener whose status is checked. @default - none */
  readonly listener?: string;
  /** Expected number of entries. @default - not checked */
  readonly count?: number;
  /** Maximum number of parent entries. @default - not checked */
  readonly max?: number;
  /** Expected supported kinds. @default - none */
  readonly kinds?: readonly { readonly kind: string; readonly group?: string }[];
  /** Expected listener names. @default - none */
  readonly names?: readonly string[];
  /** Expected condition. @default - none */
  readonly condition?: { readonly type: string; readonly status?: string; readonly reason?: string };
  /** The Gateway the request goes through. @default - the plane picks it as for a request without one */
  readonly gateway?: VectorRef;
  /** `weights`: the protocol of `request`. @default 'http' */
  readonly protocol?: 'http' | 'grpc' | 'tls' | 'tcp' | 'udp';
  /** The request, as the matching plane method takes it (without `gateway`). @default - an empty request */
  readonly request?: Partial<HttpRequest & GrpcRequest & TlsRequest & StreamRequest>;
  /** What must happen. @default - nothing beyond the step type's defaults */
  readonly expect?: VectorExpect;
}

/** One vector file. */
export interface ConformanceVector {
  /** Vector name. */
  readonly name: string;
  /** Feature names the vector needs. @default - none */
  readonly features?: readonly string[];
  /** Run only where the runner claims none of these. @default - none */
  readonly skipIfClaimed?: readonly string[];
  /** Run only where the runner claims all of these. @default - none */
  readonly skipUnlessClaimed?: readonly string[];
  /** GatewayClass controllerName the runner stands for. @default - every GatewayClass */
  readonly controllerName?: string;
  /** Manifest files (relative to the vectors folder), applied in order. @default - none */
  readonly manifests?: readonly string[];
  /** Steps, in order. @default - none */
  readonly steps?: readonly VectorStep[];
}
