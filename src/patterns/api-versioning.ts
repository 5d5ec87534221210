import { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { Backend } from '../backend';
import { Filter, PathModifier } from '../filter';
import { HttpMatch } from '../http-match';
import { HttpRoute, HttpRouteRule } from '../http-route';
import { IParentRef } from '../parent';
import { constructError, ConstructScope, Where } from './pattern-error';

/**
 * Deprecation notices sent with every response of a version: the
 * `Deprecation` header (RFC 9745), and optionally `Sunset` (RFC 8594) and a
 * `Link` with `rel="deprecation"`.
 */
export interface ApiDeprecation {
  /** When the version was deprecated (`Deprecation: @<unix seconds>`). */
  readonly since: Date;
  /**
   * When the version stops being served (`Sunset: <HTTP-date>`); not before `since`.
   *
   * @default - no Sunset header
   */
  readonly sunset?: Date;
  /**
   * A page about the deprecation (`Link: <url>; rel="deprecation"`).
   *
   * @default - no Link header
   */
  readonly link?: string;
}

/** One version of the API. */
export interface ApiVersionOptions {
  /** The version's name, such as `v1`. */
  readonly name: string;
  /**
   * The path prefix of the version.
   *
   * @default - `/<name>`
   */
  readonly prefix?: string;
  /** Where the version's requests go (several split by weight). */
  readonly backends: Backend[];
  /**
   * Deprecation response headers for this version.
   *
   * @default - none
   */
  readonly deprecation?: ApiDeprecation;
}

/** Properties of an {@link ApiVersioning}. */
export interface ApiVersioningProps {
  /**
   * The route to add the version rules to.
   *
   * @default - a new HttpRoute built from `parents`, `hostnames` and `metadata`
   */
  readonly route?: HttpRoute;
  /**
   * Parents of the route built when `route` is not given.
   *
   * @default - none; required without `route`
   */
  readonly parents?: IParentRef[];
  /**
   * Hostnames of the route built when `route` is not given.
   *
   * @default - every hostname its listeners accept
   */
  readonly hostnames?: string[];
  /**
   * Metadata of the route built when `route` is not given.
   *
   * @default - a generated name in the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
  /** The versions, one rule each, in this order. */
  readonly versions: ApiVersionOptions[];
  /**
   * The version unversioned paths are served by: `/users` is rewritten
   * (ReplacePrefixMatch) to `/<prefix>/users` and sent to its backends.
   *
   * @default - unversioned paths match no rule of this pattern
   */
  readonly defaultVersion?: string;
}

/**
 * Path-prefix API versioning: `/v1/...` and `/v2/...` each go to their own
 * backends, and unversioned paths can be rewritten with ReplacePrefixMatch
 * to a default version. Deprecated versions can announce it with response
 * headers.
 *
 * @example
 * new ApiVersioning(chart, 'Api', {
 *   parents: [gateway], hostnames: ['api.example.com'],
 *   versions: [
 *     { name: 'v2', backends: [Backend.fromServiceName('api-v2', { port: 80 })] },
 *     { name: 'v1', backends: [Backend.fromServiceName('api-v1', { port: 80 })], deprecation: { since: new Date('2025-01-01T00:00:00Z') } },
 *   ],
 *   defaultVersion: 'v1',
 * });
 */
export class ApiVersioning extends Construct {
  /** The route holding the version rules. */
  public readonly route: HttpRoute;
  /** The rule of the default version's rewrite, when there is a default version. */
  public readonly defaultRule?: HttpRouteRule;
  private readonly versionRules = new Map<string, HttpRouteRule>();

  public constructor(scope: Construct, id: string, props: ApiVersioningProps) {
    super(scope, id);
    const where = new ConstructScope('ApiVersioning', this.node.path);
    if (props.route) {
      if (props.parents || props.hostnames || props.metadata) {
        throw constructError(where, 'conflict', 'parents, hostnames and metadata describe a route to build; they cannot be given with `route`');
      }
      this.route = props.route;
    } else {
      if (!props.parents?.length) throw constructError(where, 'missing', 'give `route`, or `parents` for the HttpRoute to build');
      this.route = new HttpRoute(this, 'Route', { parents: props.parents, hostnames: props.hostnames, metadata: props.metadata });
    }
    if (props.versions.length === 0) throw constructError(where, 'missing', 'versions is empty; give at least one version such as { name: \'v1\', backends: [...] }', 'versions');

    const prefixes = new Map<string, string>();
    const filtersFor = new Map<string, Filter[]>();
    props.versions.forEach((v, i) => {
      if (typeof v.name !== 'string' || v.name.length === 0) throw constructError(where, 'invalid-value', `versions[${i}].name must be a non-empty string such as 'v1'`, `versions[${i}]`);
      if (prefixes.has(v.name)) throw constructError(where, 'duplicate', `version '${v.name}' is listed twice`);
      const prefix = v.prefix ?? `/${v.name}`;
      if (prefix === '/' || prefix.endsWith('/')) throw constructError(where, 'invalid-value', `versions[${i}] ('${v.name}') prefix '${prefix}' must be a path without a trailing '/', such as '/v1'`, `versions[${i}]`);
      if ([...prefixes.values()].includes(prefix)) throw constructError(where, 'duplicate', `versions[${i}] ('${v.name}') reuses prefix '${prefix}'`, `versions[${i}]`);
      if (v.backends.length === 0) throw constructError(where, 'missing', `versions[${i}] ('${v.name}') needs at least one backend`, `versions[${i}]`);
      prefixes.set(v.name, prefix);
      const filters = v.deprecation ? [deprecationHeaders(v.deprecation, where, `versions[${i}].deprecation`)] : [];
      filtersFor.set(v.name, filters);
      this.versionRules.set(v.name, this.route.addRule({
        matches: [HttpMatch.pathPrefix(prefix)],
        ...(filters.length ? { filters } : {}),
        backends: v.backends,
      }));
    });
    if (props.defaultVersion !== undefined) {
      const prefix = prefixes.get(props.defaultVersion);
      if (prefix === undefined) {
        throw constructError(where, 'not-found', `defaultVersion '${props.defaultVersion}' is not one of the versions (${[...prefixes.keys()].join(', ')})`, 'defaultVersion');
      }
      const v = props.versions.find(x => x.name === props.defaultVersion)!;
      this.defaultRule = this.route.addRule({
        matches: [HttpMatch.pathPrefix('/')],
        filters: [Filter.urlRewrite({ path: PathModifier.replacePrefixMatch(prefix) }), ...filtersFor.get(v.name)!],
        backends: v.backends,
      });
    }
  }

  /**
   * The rule of a version (for a canary release on it, say).
   *
   * @example new CanaryRelease(chart, 'V1Canary', { route: versioning.route, rules: [versioning.ruleFor('v1')], stable, canary, plan: CanaryPlan.percent(5) })
   */
  public ruleFor(version: string): HttpRouteRule {
    const r = this.versionRules.get(version);
    if (!r) throw constructError(new ConstructScope('ApiVersioning', this.node.path), 'not-found', `no version '${version}'; versions: ${[...this.versionRules.keys()].join(', ')}`);
    return r;
  }
}

function deprecationHeaders(d: ApiDeprecation, where: Where, field: string): Filter {
  const since = d.since?.getTime();
  if (!(d.since instanceof Date) || Number.isNaN(since)) throw constructError(where, 'invalid-value', `${field}.since must be a valid Date`, `${field}.since`);
  const set: { [name: string]: string } = { Deprecation: `@${Math.floor(since / 1000)}` };
  if (d.sunset !== undefined) {
    if (!(d.sunset instanceof Date) || Number.isNaN(d.sunset.getTime())) throw constructError(where, 'invalid-value', `${field}.sunset must be a valid Date`, `${field}.sunset`);
    if (d.sunset.getTime() < since) throw constructError(where, 'invalid-value', `${field}.sunset (${d.sunset.toISOString()}) is before since (${d.since.toISOString()})`, `${field}.sunset`);
    set.Sunset = d.sunset.toUTCString();
  }
  if (d.link !== undefined) {
    if (!/^https?:\/\/[^\s<>]+$/.test(d.link)) throw constructError(where, 'invalid-value', `${field}.link must be an http(s) URL without spaces or angle brackets, got ${JSON.stringify(d.link)}`, `${field}.link`);
    set.Link = `<${d.link}>; rel="deprecation"`;
  }
  return Filter.responseHeaders({ set });
}
