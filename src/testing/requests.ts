/** A reference to a Gateway: `'namespace/name'`, a bare name (namespace `default`), or an object. */
export type GatewaySelector = string | { readonly namespace?: string; readonly name: string };

/** One HTTP request sent to the plane. */
export interface HttpRequest {
  /** Gateway to send to. @default - the only Gateway with a listener on the port (ambiguity is an error) */
  readonly gateway?: GatewaySelector;
  /** @default 'http' */
  readonly scheme?: 'http' | 'https';
  /** Listener port. @default 80 for http, 443 for https */
  readonly port?: number;
  /** Host header. @default - none (matches no listener or route hostname) */
  readonly host?: string;
  /** TLS server name (https only). @default - the host */
  readonly sni?: string;
  /** @default 'GET' */
  readonly method?: string;
  /** Path with optional query, e.g. `/api?x=1`. @default '/' */
  readonly path?: string;
  /** Request headers; a value with commas stands for several values. @default - no headers */
  readonly headers?: { readonly [name: string]: string | readonly string[] };
  /** Headers the backend puts on its own response, before response filters run. @default - none (the response carries only what the filters add) */
  readonly backendResponseHeaders?: { readonly [name: string]: string };
  /** Pick among weighted backends with this seed instead of the plane's sequence. @default - the next number of the plane's sequence (`DataPlaneOptions.seed`) */
  readonly seed?: number;
  /** Simulated time the backend takes per attempt (ms or a duration such as `2s`), checked against the rule's timeouts. @default 0 */
  readonly backendLatency?: string | number;
  /** Simulated statuses the backend answers on successive attempts (the last repeats), for the rule's retry policy. @default [200] */
  readonly backendStatuses?: readonly number[];
}

/** One gRPC call sent to the plane. */
export interface GrpcRequest {
  /** Gateway to send to. @default - the only Gateway with a listener on the port */
  readonly gateway?: GatewaySelector;
  /** @default 'http' (h2c); 'https' uses TLS with `sni` */
  readonly scheme?: 'http' | 'https';
  /** @default 80 for http, 443 for https */
  readonly port?: number;
  /** Host (`:authority`). @default - none */
  readonly host?: string;
  /** TLS server name (https only). @default - the host */
  readonly sni?: string;
  /** Fully qualified service, e.g. `pkg.Service`. */
  readonly service: string;
  /** Method name within the service, e.g. `Echo`. */
  readonly method: string;
  /** Request metadata; a value with commas stands for several values. @default - no metadata */
  readonly headers?: { readonly [name: string]: string | readonly string[] };
  /** Pick among weighted backends with this seed instead of the plane's sequence. @default - the next number of the plane's sequence (`DataPlaneOptions.seed`) */
  readonly seed?: number;
}

/** A TLS connection (TLSRoute). */
export interface TlsRequest {
  /** Gateway to connect to. @default - the only Gateway with a TLS listener on the port */
  readonly gateway?: GatewaySelector;
  /** @default 443 */
  readonly port?: number;
  /** SNI server name. @default - none (only a listener without a hostname, or a TLSRoute without hostnames, can take the connection) */
  readonly sni?: string;
  /** Pick among weighted backends with this seed instead of the plane's sequence. @default - the next number of the plane's sequence (`DataPlaneOptions.seed`) */
  readonly seed?: number;
}

/** A TCP connection or UDP datagram to a listener port. */
export interface StreamRequest {
  /** Gateway to connect to. @default - the only Gateway with a listener of the protocol on the port */
  readonly gateway?: GatewaySelector;
  /** Listener port. */
  readonly port: number;
  /** Pick among weighted backends with this seed instead of the plane's sequence. @default - the next number of the plane's sequence (`DataPlaneOptions.seed`) */
  readonly seed?: number;
}

/** A backend a request reached. */
export interface BackendTarget {
  /** Namespace of the Service. */
  readonly namespace: string;
  /** Name of the Service. */
  readonly name: string;
  /** Service port the request is sent to. @default - absent when the backendRef names no port */
  readonly port?: number;
  /** The group/kind when not a core Service. @default - absent for a core Service */
  readonly kind?: string;
}

/** What a request reached: forwarded to a backend, redirected, answered directly, no route, or refused. */
export type Outcome = 'forwarded' | 'redirect' | 'direct-response' | 'no-route' | 'refused';

/** The route, rule and match that decided a request. */
export interface RouteDecision {
  /** Route kind, e.g. `HTTPRoute`. */
  readonly kind: string;
  /** Namespace of the route. */
  readonly namespace: string;
  /** Name of the route. */
  readonly name: string;
  /** Index in `spec.rules`. */
  readonly rule: number;
  /** The rule's `name`, if any. @default - absent when the rule has no name */
  readonly ruleName?: string;
  /** Index in the rule's `matches` (undefined for rules without matches / L4 routes). @default - absent for a rule without matches and for TLS, TCP and UDP routes */
  readonly match?: number;
}

/** The request as the backend receives it after filters. */
export interface ForwardedRequest {
  /** Host header after URLRewrite (as sent when not rewritten). @default - absent when the request carried no Host and no filter set one */
  readonly host?: string;
  /** Path and query after URLRewrite. */
  readonly path: string;
  /** HTTP method. */
  readonly method: string;
  /** Headers after RequestHeaderModifier filters (lower-case names, several values joined with `,`). */
  readonly headers: Record<string, string>;
  /** TLS server name on the Gateway-to-backend connection (BackendTLSPolicy), when TLS is used. @default - absent when the plane speaks plaintext to the backend */
  readonly sni?: string;
  /** Protocol towards the backend: `http`, `https` (BackendTLSPolicy), `h2c` or `websocket` (from the Service port's appProtocol). @default - absent for gRPC calls */
  readonly protocol?: string;
}

/** A mirror destination of a request. */
export interface MirrorTarget extends BackendTarget {
  /** Fraction of requests mirrored (1 = all). */
  readonly fraction: number;
}

/** The decision for one HTTP request. */
export interface HttpResult {
  /** What happened to the request. */
  readonly outcome: Outcome;
  /** HTTP status code the client gets (undefined when refused). @default - absent when the connection is refused */
  readonly status?: number;
  /** The backend chosen (set when forwarded, and for a 504 from a timeout). @default - absent when no backend was chosen (no route, redirect, direct response, refused) */
  readonly backend?: BackendTarget;
  /** The request as the backend receives it. @default - absent when the request reached no backend */
  readonly request?: ForwardedRequest;
  /** Response headers the client gets (lower-case names). */
  readonly responseHeaders: Record<string, string>;
  /** The Location of a redirect. @default - absent unless the outcome is `redirect` */
  readonly location?: string;
  /** Backends the request is mirrored to, with the fraction of requests mirrored. */
  readonly mirrors: MirrorTarget[];
  /** The route, rule and match that won. @default - absent when no route took the request */
  readonly route?: RouteDecision;
  /** The listener that took the request. @default - absent when no listener took the request (refused) */
  readonly listener?: { readonly gateway: string; readonly name: string };
  /** True when a tie between routes was broken by document order (no creationTimestamp on either). */
  readonly dependsOnDocumentOrder: boolean;
  /** Attempts made to the backend (more than 1 when the rule retried). @default - absent when the request reached no backend */
  readonly attempts?: number;
  /** Why, step by step. */
  readonly explanation: string[];
}

/** The decision for one gRPC call. */
export interface GrpcResult {
  /** What happened to the call. */
  readonly outcome: Outcome;
  /** gRPC status code: 0 OK, 12 UNIMPLEMENTED (no route), 14 UNAVAILABLE (invalid backend). Undefined when refused. @default - absent when the connection is refused */
  readonly code?: number;
  /** The backend chosen. @default - absent when no backend was chosen */
  readonly backend?: BackendTarget;
  /** The call as the backend receives it (path `/service/method`, metadata after filters). @default - absent when the call reached no backend */
  readonly request?: ForwardedRequest;
  /** Response metadata after ResponseHeaderModifier filters. */
  readonly responseHeaders: Record<string, string>;
  /** Backends the call is mirrored to. */
  readonly mirrors: MirrorTarget[];
  /** The route, rule and match that won. @default - absent when no route took the call */
  readonly route?: RouteDecision;
  /** The listener that took the call. @default - absent when no listener took the call (refused) */
  readonly listener?: { readonly gateway: string; readonly name: string };
  /** True when a tie between routes was broken by document order. */
  readonly dependsOnDocumentOrder: boolean;
  /** Why, step by step. */
  readonly explanation: string[];
}

/** The decision for a TLS / TCP / UDP connection. */
export interface StreamResult {
  /** Whether the connection reached a backend. */
  readonly outcome: 'forwarded' | 'refused';
  /** The backend chosen. @default - absent when refused */
  readonly backend?: BackendTarget;
  /** The route that took the connection. @default - absent when no route took the connection */
  readonly route?: RouteDecision;
  /** The listener that took the connection. @default - absent when no listener took the connection */
  readonly listener?: { readonly gateway: string; readonly name: string };
  /** TLS only: true when the backend receives the client's TLS stream (Passthrough), false when the Gateway terminated it. @default - absent for TCP and UDP, and when refused */
  readonly backendTLS?: boolean;
  /** TLS only: the server name the backend sees. @default - absent for TCP and UDP, and when the backend sees no server name */
  readonly backendSNI?: string;
  /** True when the choice between routes fell back to document order. */
  readonly dependsOnDocumentOrder: boolean;
  /** Why, step by step. */
  readonly explanation: string[];
}

/** Exact distribution of requests over backends: `namespace/name` (or `(error 500)` etc.) to fraction. */
export interface Distribution {
  /** Fraction of requests per backend (`namespace/name`) or outcome (`(500)`, `(404)`, `(redirect)`, `(refused)`). */
  readonly backends: { readonly [target: string]: number };
  /** `namespace/name` of mirror backends to the fraction of requests mirrored there. */
  readonly mirrored: { readonly [target: string]: number };
}
