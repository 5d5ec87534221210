/**
 * A request given as a URL (`https://host:port/path?query`), turned into the
 * data plane's HttpRequest. Kept minimal: the scheme picks the listener
 * protocol and default port, the host is the Host header (and SNI).
 */
import type { HttpRequest } from '../testing';

/** A URL with optional method, headers and Gateway. */
export interface UrlRequest {
  readonly url: string;
  readonly method?: string;
  readonly headers?: { readonly [name: string]: string };
  readonly gateway?: string;
}

/** Converts a URL request; throws an Error naming the URL when it is not an absolute http(s) URL. */
export function httpRequestFromUrl(req: UrlRequest): HttpRequest {
  let u: URL;
  try {
    u = new URL(req.url);
  } catch {
    throw new Error(`'${req.url}' is not an absolute URL (expected e.g. http://api.example.com/v2)`);
  }
  const scheme = u.protocol.slice(0, -1);
  if (scheme !== 'http' && scheme !== 'https') throw new Error(`'${req.url}': the scheme must be http or https, got ${scheme}`);
  return {
    scheme,
    host: u.hostname,
    ...(u.port ? { port: Number(u.port) } : {}),
    path: `${u.pathname}${u.search}`,
    ...(req.method ? { method: req.method.toUpperCase() } : {}),
    ...(req.headers ? { headers: req.headers } : {}),
    ...(req.gateway ? { gateway: req.gateway } : {}),
  };
}
