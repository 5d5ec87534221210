import { GatewaySelector, GrpcRequest, HttpRequest, StreamRequest, TlsRequest } from './requests';

/**
 * A request given as a URL plus what a URL cannot say. The URL's scheme
 * selects the listener protocol and its default port: `http` (80), `https`
 * (443; the host is the TLS server name), `grpc` (80, h2c) and `grpcs` (443)
 * with the path `/package.Service/Method`, `tls` (443; the host is the
 * server name), `tcp` and `udp` (the port is required).
 *
 * @example
 * plane.http({ url: 'https://shop.example.com/cart?x=1', method: 'POST', headers: { 'x-canary': 'always' } });
 */
export interface UrlRequest {
  /** The URL, e.g. `https://www.example.com:8443/cart?x=1`; it may start with a method: `POST https://…`. */
  readonly url: string;
  /** HTTP method (or put it before the URL). @default 'GET' */
  readonly method?: string;
  /** Request headers (HTTP) or metadata (gRPC). @default - no headers */
  readonly headers?: { readonly [name: string]: string | readonly string[] };
  /** Gateway to send to: `'namespace/name'`, `{ namespace, name }` or a Gateway construct. @default - the only Gateway with a listener on the port */
  readonly gateway?: GatewaySelector;
  /** Pick among weighted backends with this seed instead of the plane's sequence. @default - the next number of the plane's sequence (`DataPlaneOptions.seed`) */
  readonly seed?: number;
  /** Headers the backend puts on its own response (HTTP). @default - none */
  readonly backendResponseHeaders?: { readonly [name: string]: string };
  /** Simulated backend time per attempt (HTTP). @default 0 */
  readonly backendLatency?: string | number;
  /** Simulated backend statuses on successive attempts (HTTP). @default [200] */
  readonly backendStatuses?: readonly number[];
}

/**
 * Anything the plane takes as an HTTP request: a URL string
 * (`'https://shop.example.com/cart'`, `'POST http://api.example.com/v2'`),
 * a {@link UrlRequest}, or an {@link HttpRequest}.
 */
export type HttpRequestInput = string | UrlRequest | HttpRequest;

/** A request of any protocol, in the form the plane's engines take. */
export type ParsedRequest =
  | { readonly protocol: 'http'; readonly request: HttpRequest }
  | { readonly protocol: 'grpc'; readonly request: GrpcRequest }
  | { readonly protocol: 'tls'; readonly request: TlsRequest }
  | { readonly protocol: 'tcp' | 'udp'; readonly request: StreamRequest };

const DEFAULT_PORTS: Record<string, number | undefined> = { http: 80, https: 443, grpc: 80, grpcs: 443, tls: 443, tcp: undefined, udp: undefined };
const SCHEMES = Object.keys(DEFAULT_PORTS);
const METHOD = /^[A-Za-z]+$/;

/** Whether a value is a {@link UrlRequest} (has a string `url`). */
export function isUrlRequest(x: unknown): x is UrlRequest {
  return typeof x === 'object' && x !== null && typeof (x as { url?: unknown }).url === 'string';
}

/**
 * Parses a URL request into the request of its protocol.
 *
 * @throws Error naming the URL and what is wrong (scheme, port, gRPC path) when it does not parse
 */
export function parseUrlRequest(input: string | UrlRequest): ParsedRequest {
  const options: Partial<UrlRequest> = typeof input === 'string' ? {} : input;
  const text = (typeof input === 'string' ? input : input.url).trim();
  let method = options.method;
  let url = text;
  const space = text.search(/\s/);
  if (space > 0 && METHOD.test(text.slice(0, space))) {
    const m = text.slice(0, space).toUpperCase();
    if (method !== undefined && method.toUpperCase() !== m) {
      throw new Error(`request '${text}': the method ${m} before the URL differs from method '${method}'; give it once`);
    }
    method = m;
    url = text.slice(space).trim();
  }
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(\[[^\]]*\]|[^/?#:]*)(?::([^/?#]*))?([^#]*)(?:#.*)?$/.exec(url);
  if (!m) {
    throw new Error(`request '${text}' is not a URL; write e.g. 'https://www.example.com/cart' or 'POST http://api.example.com:8080/v2?x=1' (schemes: ${SCHEMES.join(', ')})`);
  }
  const scheme = m[1].toLowerCase();
  if (!SCHEMES.includes(scheme)) {
    throw new Error(`request '${text}': scheme '${m[1]}' is not understood; use one of: ${SCHEMES.join(', ')}`);
  }
  const host = m[2] === '' ? undefined : m[2].toLowerCase();
  let port = DEFAULT_PORTS[scheme];
  if (m[3] !== undefined) {
    if (!/^\d+$/.test(m[3]) || Number(m[3]) < 1 || Number(m[3]) > 65535) {
      throw new Error(`request '${text}': port '${m[3]}' is not a number from 1 to 65535`);
    }
    port = Number(m[3]);
  }
  const pathAndQuery = m[4] === '' ? '/' : m[4].startsWith('?') ? `/${m[4]}` : m[4];
  const gateway = options.gateway;
  const seed = options.seed;
  const common = { ...(gateway !== undefined ? { gateway } : {}), ...(seed !== undefined ? { seed } : {}) };

  if (scheme === 'tcp' || scheme === 'udp') {
    if (port === undefined) throw new Error(`request '${text}': a ${scheme} URL needs a port, e.g. '${scheme}://${host ?? 'gateway'}:5432'`);
    return { protocol: scheme, request: { ...common, port } };
  }
  if (scheme === 'tls') {
    return { protocol: 'tls', request: { ...common, port, ...(host ? { sni: host } : {}) } };
  }
  const defaultPort = DEFAULT_PORTS[scheme];
  const hostHeader = host === undefined ? undefined : port === defaultPort ? host : `${host}:${port}`;
  const tls = scheme === 'https' || scheme === 'grpcs';
  if (scheme === 'grpc' || scheme === 'grpcs') {
    const g = /^\/([^/?]+)\/([^/?]+)$/.exec(pathAndQuery);
    if (!g) throw new Error(`request '${text}': a gRPC URL's path is /<package.Service>/<Method>, e.g. '${scheme}://${host ?? 'api.example.com'}/echo.Echo/Say'`);
    return {
      protocol: 'grpc',
      request: {
        ...common,
        scheme: tls ? 'https' : 'http',
        port,
        service: g[1],
        method: g[2],
        ...(hostHeader !== undefined ? { host: hostHeader } : {}),
        ...(options.headers ? { headers: options.headers } : {}),
      },
    };
  }
  return {
    protocol: 'http',
    request: {
      ...common,
      scheme: tls ? 'https' : 'http',
      port,
      path: pathAndQuery,
      ...(hostHeader !== undefined ? { host: hostHeader } : {}),
      ...(method !== undefined ? { method: method.toUpperCase() } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.backendResponseHeaders ? { backendResponseHeaders: options.backendResponseHeaders } : {}),
      ...(options.backendLatency !== undefined ? { backendLatency: options.backendLatency } : {}),
      ...(options.backendStatuses ? { backendStatuses: options.backendStatuses } : {}),
    },
  };
}

/**
 * Any request input as the plane's engines take it: URL strings and
 * {@link UrlRequest}s are parsed; request objects pass through (a `protocol`
 * field, as {@link DataPlane.distribution} takes, selects the engine; an
 * object with `service` is gRPC).
 */
export function toParsedRequest(input: unknown): ParsedRequest {
  if (typeof input === 'string' || isUrlRequest(input)) return parseUrlRequest(input);
  if (typeof input !== 'object' || input === null) {
    throw new Error(`a request is a URL string, { url, ... } or a request object; got ${input === null ? 'null' : typeof input}`);
  }
  const o = input as { protocol?: unknown };
  const protocol = o.protocol ?? ('service' in o ? 'grpc' : 'http');
  if (!(['http', 'grpc', 'tls', 'tcp', 'udp'] as unknown[]).includes(protocol)) {
    throw new Error(`request protocol '${protocol}' is not understood; use one of: http, grpc, tls, tcp, udp`);
  }
  // The request object is the caller's, of the protocol it names (or implies); its fields are not checked here.
  return { protocol, request: o } as ParsedRequest;
}

/** An HTTP request input as an {@link HttpRequest}. @throws Error when the input is a URL of another protocol */
export function toHttpRequest(input: HttpRequestInput): HttpRequest {
  const p = toParsedRequest(input);
  if (p.protocol !== 'http') throw new Error(`request '${describeRequest(input)}' is ${p.protocol}, not HTTP; use the plane's ${p.protocol}() or distribution()`);
  return p.request;
}

/** One line naming a request as the user wrote it, for messages. */
export function describeRequest(input: unknown): string {
  if (typeof input === 'string') return input;
  if (isUrlRequest(input)) return `${input.method ? `${input.method.toUpperCase()} ` : ''}${input.url}`;
  if (typeof input !== 'object' || input === null) return String(input);
  const o = input as { protocol?: string; port?: number; sni?: string; scheme?: string; host?: string; service?: string; method?: string; path?: string };
  const protocol = o.protocol ?? ('service' in o ? 'grpc' : 'http');
  if (protocol === 'tcp' || protocol === 'udp') return `${protocol}://:${o.port}`;
  if (protocol === 'tls') return `tls://${o.sni ?? ''}:${o.port ?? 443}`;
  const scheme = o.scheme ?? 'http';
  const port = o.port ?? (scheme === 'https' ? 443 : 80);
  const hostPort = `${o.host ?? ''}${o.host && /:\d+$/.test(o.host) ? '' : `:${port}`}`;
  if (protocol === 'grpc') return `${scheme === 'https' ? 'grpcs' : 'grpc'}://${hostPort}/${o.service}/${o.method}`;
  return `${(o.method ?? 'GET').toUpperCase()} ${scheme}://${hostPort}${o.path ?? '/'}`;
}
