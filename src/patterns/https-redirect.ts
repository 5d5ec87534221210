import { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { Backend } from '../backend';
import { Filter, RedirectScheme, RedirectStatusCode } from '../filter';
import { Gateway } from '../gateway';
import { HttpMatch } from '../http-match';
import { HttpRoute } from '../http-route';
import { Listener } from '../listener';
import { constructError, ConstructScope } from './pattern-error';
import { narrowHostnames } from '../model/hostname';

/** Redirect status codes an HTTP-to-HTTPS redirect may use. */
const REDIRECT_CODES = [
  RedirectStatusCode.MOVED_PERMANENTLY, RedirectStatusCode.FOUND,
  RedirectStatusCode.TEMPORARY_REDIRECT, RedirectStatusCode.PERMANENT_REDIRECT,
];

/** Properties of an {@link HttpsRedirect}. */
export interface HttpsRedirectProps {
  /** The Gateway whose plain-HTTP listeners redirect to its HTTPS listeners. */
  readonly gateway: Gateway;
  /**
   * Names of the HTTP listeners the redirect attaches to (by `sectionName`).
   *
   * @default - every HTTP listener of the Gateway whose hostname meets the redirected hostnames
   */
  readonly fromListeners?: string[];
  /**
   * The hostnames to redirect.
   *
   * @default - the hostnames of `routes` when given (a route without
   * hostnames counts as the hostnames of the Gateway's HTTPS listeners),
   * else those of the Gateway's HTTPS listeners (every host when one of
   * them has no hostname)
   */
  readonly hostnames?: string[];
  /**
   * The routes served over HTTPS whose hostnames the redirect covers
   * (ignored when `hostnames` is given).
   *
   * @default - none; see `hostnames`
   */
  readonly routes?: HttpRoute[];
  /**
   * The redirect's status code: 301, 302, 307 or 308 (303 is refused: it
   * turns every method into GET).
   *
   * @default RedirectStatusCode.MOVED_PERMANENTLY
   */
  readonly statusCode?: RedirectStatusCode;
  /**
   * Path prefixes that are not redirected but forwarded over HTTP to
   * `keepBackend`, such as `/.well-known/acme-challenge/` for HTTP-01
   * certificate challenges.
   *
   * @default - none; every path is redirected
   */
  readonly keepPaths?: string[];
  /**
   * Where requests under `keepPaths` go. Required with `keepPaths`. A
   * backend without a namespace is in the redirect route's namespace (the
   * Gateway's unless `metadata` says otherwise); another namespace gets its
   * ReferenceGrant.
   *
   * @default - none
   */
  readonly keepBackend?: Backend;
  /**
   * Metadata of the redirect HTTPRoute.
   *
   * @default - a generated name, in the Gateway's namespace
   */
  readonly metadata?: ApiObjectMetadata;
}

/**
 * Redirects plain HTTP to HTTPS: an HTTPRoute attached by `sectionName` to
 * the Gateway's HTTP listeners only (so HTTPS requests are never redirected
 * again), answering 301 (or the `statusCode` given) with an `https://`
 * Location that keeps the host, path and query. Paths listed in `keepPaths`
 * are forwarded over HTTP to `keepBackend` instead.
 *
 * Throws, naming this construct's path, when the Gateway has no HTTP or no
 * HTTPS listener for the redirected hostnames (listeners added afterwards
 * are not considered: add them first).
 *
 * @see https://gateway-api.sigs.k8s.io/guides/http-redirect-rewrite/
 * @example
 * new HttpsRedirect(chart, 'ToHttps', {
 *   gateway,
 *   routes: [shop],
 *   keepPaths: ['/.well-known/acme-challenge/'],
 *   keepBackend: Backend.fromServiceName('acme-solver', { port: 8089 }),
 * });
 */
export class HttpsRedirect extends Construct {
  /** The redirect route. */
  public readonly route: HttpRoute;
  /** The hostnames redirected; empty when every host is. */
  public readonly hostnames: string[];
  /** The HTTP listeners the route attaches to. */
  public readonly listeners: Listener[];

  public constructor(scope: Construct, id: string, props: HttpsRedirectProps) {
    super(scope, id);
    const where = new ConstructScope('HttpsRedirect', this.node.path);
    const gateway = props.gateway;
    const statusCode = props.statusCode ?? RedirectStatusCode.MOVED_PERMANENTLY;
    if (!REDIRECT_CODES.includes(statusCode)) {
      throw constructError(where, 'invalid-value', `statusCode ${statusCode} is not allowed; use 301, 302, 307 or 308 (RedirectStatusCode.MOVED_PERMANENTLY, FOUND, TEMPORARY_REDIRECT or PERMANENT_REDIRECT)`, 'statusCode');
    }
    const keepPaths = props.keepPaths ?? [];
    if (keepPaths.length > 0 && !props.keepBackend) {
      throw constructError(where, 'missing', `keepPaths ${JSON.stringify(keepPaths)} needs keepBackend, the backend those paths are forwarded to over HTTP`, 'keepPaths');
    }
    if (keepPaths.length === 0 && props.keepBackend) {
      throw constructError(where, 'missing', 'keepBackend is given without keepPaths; list the path prefixes to forward (e.g. \'/.well-known/acme-challenge/\')', 'keepBackend');
    }

    const all = gateway.listeners;
    const https = all.filter(l => l.protocol.value === 'HTTPS');
    let http = all.filter(l => l.protocol.value === 'HTTP');
    if (props.fromListeners !== undefined) {
      http = props.fromListeners.map(name => {
        const l = all.find(x => x.name === name);
        if (!l) throw constructError(where, 'not-found', `fromListeners names '${name}', which is not a listener of the Gateway; its listeners are ${all.map(x => `'${x.name}'`).join(', ') || 'none'}`, 'fromListeners');
        if (l.protocol.value !== 'HTTP') throw constructError(where, 'unsupported', `fromListeners names '${name}', a ${l.protocol.value} listener; only HTTP listeners redirect to HTTPS`, 'fromListeners');
        return l;
      });
    }
    const describe = (ls: Listener[]) => ls.map(l => `'${l.name}' (${l.protocol.value}, port ${l.port}, ${l.hostname ?? 'every host'})`).join(', ') || 'none';
    if (https.length === 0) throw constructError(where, 'not-found', `the Gateway has no HTTPS listener to redirect to; its listeners: ${describe(all)}`);
    if (http.length === 0) throw constructError(where, 'not-found', `the Gateway has no HTTP listener to redirect from; its listeners: ${describe(all)}`);

    // undefined stands for "every host".
    const listenerHosts = (ls: Listener[]): (string | undefined)[] => ls.some(l => l.hostname === undefined) ? [undefined] : unique(ls.map(l => l.hostname!));
    let hosts: (string | undefined)[];
    if (props.hostnames !== undefined) {
      if (props.hostnames.length === 0) throw constructError(where, 'missing', 'hostnames is empty; leave it out to redirect the hostnames of the HTTPS listeners', 'hostnames');
      hosts = unique(props.hostnames);
    } else if (props.routes !== undefined && props.routes.length > 0) {
      const fromRoutes = props.routes.flatMap(r => r.hostnames.length > 0 ? r.hostnames : listenerHosts(https));
      hosts = fromRoutes.includes(undefined) ? [undefined] : unique(fromRoutes as string[]);
    } else {
      hosts = listenerHosts(https);
    }

    const covers = (l: Listener, h: string | undefined) => l.hostname === undefined || h === undefined || narrowHostnames(l.hostname, h) !== undefined;
    for (const h of hosts) {
      const label = h === undefined ? 'every host' : `hostname '${h}'`;
      if (!https.some(l => covers(l, h))) throw constructError(where, 'not-found', `the Gateway has no HTTPS listener for ${label}; its HTTPS listeners: ${describe(https)}`);
      if (!http.some(l => covers(l, h))) throw constructError(where, 'not-found', `the Gateway has no HTTP listener for ${label}; ${props.fromListeners ? 'the listeners in fromListeners' : 'its HTTP listeners'}: ${describe(http)}`);
    }
    this.listeners = http.filter(l => hosts.some(h => covers(l, h)));
    this.hostnames = hosts.includes(undefined) ? [] : hosts as string[];

    // Keep the HTTPS port in the Location when every HTTPS listener for these hosts uses the same non-default one.
    const ports = unique(https.filter(l => hosts.some(h => covers(l, h))).map(l => l.port));
    const port = ports.length === 1 && ports[0] !== 443 ? ports[0] : undefined;

    this.route = new HttpRoute(this, 'Route', {
      metadata: { ...(gateway.namespace !== undefined ? { namespace: gateway.namespace } : {}), ...props.metadata },
      parents: this.listeners,
      hostnames: this.hostnames,
    });
    for (const path of keepPaths) {
      this.route.addRule({ matches: [HttpMatch.pathPrefix(path)], backends: [props.keepBackend!] });
    }
    this.route.addRule({
      filters: [Filter.requestRedirect({ scheme: RedirectScheme.HTTPS, statusCode, ...(port !== undefined ? { port } : {}) })],
    });
  }
}

function unique<T>(xs: readonly T[]): T[] {
  return xs.filter((x, i) => xs.indexOf(x) === i);
}
