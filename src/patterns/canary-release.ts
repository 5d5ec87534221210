import { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { Backend } from '../backend';
import { Filter } from '../filter';
import { GrpcMatch } from '../grpc-match';
import { GrpcRoute, GrpcRouteRule } from '../grpc-route';
import { HeaderMatch } from '../header-match';
import { HttpMatch, PathMatchType } from '../http-match';
import { HttpRoute, HttpRouteRule } from '../http-route';
import { IParentRef } from '../parent';
import { IRouteRule } from '../route-base';
import { cookieMatch, checkCookieToken } from './cookie-match';
import { constructError, ConstructScope, Where } from './pattern-error';
import { describeBackend, sameBackend } from './same-backend';

/**
 * How much traffic the canary gets, as whole percentages: one fixed weight,
 * or a plan of steps that a release walks through with `atStep(i)`.
 */
export class CanaryPlan {
  /**
   * A fixed canary weight (0 to 100 percent); `atStep(0)` is the only step.
   *
   * @example CanaryPlan.percent(10)
   */
  public static percent(percent: number): CanaryPlan {
    checkPercent(percent, 'CanaryPlan.percent', 'percent');
    return new CanaryPlan([percent]);
  }

  /**
   * Explicit steps: whole percentages from 0 to 100, strictly increasing,
   * ending at 100.
   *
   * @example CanaryPlan.steps(5, 25, 50, 100)
   */
  public static steps(...percents: number[]): CanaryPlan {
    const where = 'CanaryPlan.steps';
    if (percents.length === 0) throw constructError(where, 'missing', 'give at least one step; the last one must be 100');
    percents.forEach((p, i) => {
      checkPercent(p, where, `steps[${i}]`);
      if (i > 0 && p <= percents[i - 1]) {
        throw constructError(where, 'invalid-value', `steps must increase; steps[${i}] is ${p} after ${percents[i - 1]} (got ${percents.join(', ')})`, 'steps');
      }
    });
    if (percents[percents.length - 1] !== 100) {
      throw constructError(where, 'invalid-value', `the last step must be 100 (the canary takes all traffic at the end), got ${percents.join(', ')}`);
    }
    return new CanaryPlan([...percents]);
  }

  /**
   * Steps of `step` percent up to `max` (`step`, `2 × step`, ... not above
   * `max`), then 100.
   *
   * @param step the increment, 1 to 100
   * @param max the highest step before 100, from `step` to 100 @default 100
   * @example CanaryPlan.increments(10, 50) // 10, 20, 30, 40, 50, 100
   */
  public static increments(step: number, max: number = 100): CanaryPlan {
    const where = 'CanaryPlan.increments';
    checkPercent(step, where, 'step');
    if (step === 0) throw constructError(where, 'invalid-value', 'step must be at least 1 percent, got 0', 'step');
    checkPercent(max, where, 'max');
    if (max < step) throw constructError(where, 'invalid-value', `max (${max}) must be at least step (${step})`, 'max');
    const out: number[] = [];
    for (let p = step; p <= max; p += step) out.push(p);
    if (out[out.length - 1] !== 100) out.push(100);
    return new CanaryPlan(out);
  }

  private constructor(private readonly list: number[]) {}

  /** The canary percentage of each step, in order. */
  public get steps(): number[] {
    return [...this.list];
  }
}

/**
 * Requests that always go to the canary, whatever its weight (testers,
 * internal users). Each cohort in `cohorts` is one alternative: a request
 * that meets any of them is in; `allOf` makes one cohort of several
 * conditions that must all hold.
 */
export class CanaryCohort {
  /**
   * Requests with this header exactly.
   *
   * @example CanaryCohort.header('x-canary', 'always')
   */
  public static header(name: string, value: string): CanaryCohort {
    return new CanaryCohort(HeaderMatch.exact(name, value));
  }

  /**
   * Requests whose header meets this match (exact or RE2 pattern).
   *
   * @example CanaryCohort.headerMatch(HeaderMatch.regex('x-user', '.*@example\\.com'))
   */
  public static headerMatch(match: HeaderMatch): CanaryCohort {
    return new CanaryCohort(match);
  }

  /**
   * Requests carrying this cookie with exactly this value (a
   * RegularExpression match on the `Cookie` header, anchored on cookie
   * boundaries so `beta=1` does not match `xbeta=1` or `beta=10`).
   *
   * @example CanaryCohort.cookie('beta', 'yes')
   */
  public static cookie(name: string, value: string): CanaryCohort {
    return new CanaryCohort(cookieMatch('CanaryCohort.cookie', name, value));
  }

  /**
   * Requests that meet every one of these cohorts at once, e.g. a header and
   * a cookie. Each condition is on its own header: two conditions on one
   * header name (two cookies, which are both read from `Cookie`) cannot be
   * combined, because a Gateway API match considers only the first match of
   * a header name.
   *
   * @example CanaryCohort.allOf(CanaryCohort.header('x-team', 'payments'), CanaryCohort.cookie('beta', 'yes'))
   */
  public static allOf(...cohorts: CanaryCohort[]): CanaryCohort {
    const where = 'CanaryCohort.allOf';
    if (cohorts.length === 0) throw constructError(where, 'missing', 'needs at least one cohort, e.g. CanaryCohort.allOf(CanaryCohort.header(...), CanaryCohort.cookie(...))', 'cohorts');
    const matches = cohorts.flatMap(c => c.matches);
    const seen = new Map<string, number>();
    matches.forEach((m, i) => {
      const key = m.name.toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) {
        throw constructError(where, 'conflict', `conditions ${first} and ${i} are both on header '${m.name}'; a match considers only the first condition `
          + 'on a header name, so they cannot both be required (two cookies are both read from the Cookie header); '
          + 'combine cohorts on different headers, or list them separately in `cohorts` to let either one in', `cohorts[${i}]`);
      }
      seen.set(key, i);
    });
    if (matches.length > 16) throw constructError(where, 'too-many', `has ${matches.length} conditions; a match takes at most 16 headers`, 'cohorts');
    return new CanaryCohort(matches);
  }

  private constructor(matches: HeaderMatch | HeaderMatch[]) {
    this.matches = Array.isArray(matches) ? [...matches] : [matches];
  }

  /** The header conditions that select the cohort: a request must meet all of them. */
  public readonly matches: HeaderMatch[];

  /**
   * The first header condition of the cohort (its only one unless built with `allOf`).
   *
   * @deprecated use `matches`, which lists every condition of an `allOf` cohort
   */
  public get match(): HeaderMatch {
    return this.matches[0];
  }
}

/** Properties of a {@link CanaryRelease}. */
export interface CanaryReleaseProps {
  /**
   * The route to release on: an HttpRoute or a GrpcRoute of this app.
   *
   * @default - a new HttpRoute is built from `parents`, `hostnames` and `metadata`, with one rule for every request
   */
  readonly route?: HttpRoute | GrpcRoute;
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
  /** The current version. Its own weight is ignored: the plan sets it. */
  readonly stable: Backend;
  /** The new version. Its own weight is ignored: the plan sets it. */
  readonly canary: Backend;
  /** The canary's weight, or the steps it goes through. The first step is synthesized unless `atStep()`, `promote()` or `abort()` says otherwise. */
  readonly plan: CanaryPlan;
  /**
   * The rules of `route` to release on.
   *
   * @default - every rule of the route that forwards to `stable` (same kind, name, namespace and port)
   */
  readonly rules?: IRouteRule[];
  /**
   * Requests that always reach the canary: for each released rule, one
   * rule per cohort with the same matches plus the cohort's header, sending
   * to the canary. Weight changes never rewrite these rules.
   *
   * @default - none
   */
  readonly cohorts?: CanaryCohort[];
  /**
   * Makes the canary sticky: requests the canary serves get a `Set-Cookie`
   * of this name, and a rule with the released matches plus a match on
   * that cookie keeps those clients on the canary (on the stable version
   * after `abort()`).
   *
   * @default - not sticky
   */
  readonly stickyCookie?: string;
  /**
   * Copies this percentage (1 to 100) of the requests sent to the stable
   * version to the canary as well (a RequestMirror on the stable backend;
   * responses of the copies are discarded). Dropped by `abort()` and
   * `promote()`.
   *
   * @default - no mirroring
   */
  readonly mirrorPercent?: number;
}

/**
 * A canary release over the rules of an HttpRoute or GrpcRoute: the stable
 * and canary backends split each rule's traffic by exact whole-percent
 * weights (90/10 is written as weights 90 and 10), following a plan that
 * `atStep(i)`, `promote()` (100% canary) and `abort()` (0% canary) move
 * through; the state chosen last is the one synthesized. Optional cohorts
 * always reach the canary, an optional cookie keeps the clients the canary
 * served there, and a share of stable traffic can be mirrored to it.
 *
 * @see https://gateway-api.sigs.k8s.io/guides/traffic-splitting/
 * @example
 * const release = new CanaryRelease(chart, 'ApiCanary', {
 *   route: api,
 *   stable: Backend.fromServiceName('api-stable', { port: 80 }),
 *   canary: Backend.fromServiceName('api-canary', { port: 80 }),
 *   plan: CanaryPlan.steps(10, 50, 100),
 *   cohorts: [CanaryCohort.header('x-canary', 'always')],
 *   stickyCookie: 'api-canary',
 * });
 * release.atStep(1); // 50/50
 */
export class CanaryRelease extends Construct {
  /** The route released on. */
  public readonly route: HttpRoute | GrpcRoute;
  /** The rules whose traffic is split. */
  public readonly rules: IRouteRule[];
  /** The cohort rules added to the route (always to the canary). */
  public readonly cohortRules: IRouteRule[] = [];
  /** The sticky-cookie rules added to the route. */
  public readonly stickyRules: IRouteRule[] = [];
  /** The plan's steps, in percent. */
  public readonly steps: number[];
  private readonly stable: Backend;
  private readonly canary: Backend;
  private readonly stickyCookie?: string;
  private readonly mirrorPercent?: number;
  private readonly where: Where;
  private percent: number;
  private aborted = false;

  public constructor(scope: Construct, id: string, props: CanaryReleaseProps) {
    super(scope, id);
    const where = this.where = new ConstructScope('CanaryRelease', this.node.path);
    if (!(props.stable instanceof Backend) || !(props.canary instanceof Backend)) {
      throw constructError(where, 'wrong-type', 'stable and canary must be Backends (Backend.fromService(), Backend.fromServiceName(), Backend.custom())');
    }
    if (!(props.plan instanceof CanaryPlan)) throw constructError(where, 'wrong-type', 'plan must be a CanaryPlan (CanaryPlan.percent(10), CanaryPlan.steps(10, 50, 100), ...)', 'plan');
    if (props.mirrorPercent !== undefined) {
      checkPercent(props.mirrorPercent, where, 'mirrorPercent');
      if (props.mirrorPercent === 0) throw constructError(where, 'invalid-value', 'mirrorPercent must be 1 to 100; leave it out to mirror nothing', 'mirrorPercent');
    }
    if (props.stickyCookie !== undefined) checkCookieToken(props.stickyCookie, where, 'stickyCookie');
    if (sameBackend(props.stable, props.canary)) {
      throw constructError(where, 'conflict', `stable and canary are the same backend (${describeBackend(props.stable)}); the canary must be another deployment`);
    }
    this.stable = props.stable;
    this.canary = props.canary;
    this.stickyCookie = props.stickyCookie;
    this.mirrorPercent = props.mirrorPercent;
    this.steps = props.plan.steps;
    this.percent = this.steps[0];

    if (props.route) {
      if (props.parents || props.hostnames || props.metadata) {
        throw constructError(where, 'conflict', 'parents, hostnames and metadata describe a route to build; they cannot be given with `route` (set them on that route instead)');
      }
      if (!(props.route instanceof HttpRoute) && !(props.route instanceof GrpcRoute)) {
        throw constructError(where, 'wrong-type', 'route must be an HttpRoute or a GrpcRoute of this app', 'route');
      }
      this.route = props.route;
    } else {
      if (!props.parents?.length) throw constructError(where, 'missing', 'give `route`, or `parents` for the HttpRoute to build');
      const built = new HttpRoute(this, 'Route', { parents: props.parents, hostnames: props.hostnames, metadata: props.metadata });
      built.addRule({ backends: [this.stable] });
      this.route = built;
    }

    const all: IRouteRule[] = this.route.rules;
    if (props.rules !== undefined) {
      if (props.rules.length === 0) throw constructError(where, 'missing', 'rules is empty; leave it out to release on every rule that forwards to the stable backend', 'rules');
      props.rules.forEach((r, i) => {
        if (!all.includes(r)) throw constructError(where, 'not-found', `rules[${i}] is not a rule of ${this.route.node.path}; pass handles from its addRule() or rules`, `rules[${i}]`);
        if (r.backends.length === 0) throw constructError(where, 'missing', `rules[${i}] (${describeRule(r)}) forwards nowhere (no backends); a canary splits a forwarding rule`, `rules[${i}]`);
      });
      this.rules = [...props.rules];
    } else {
      this.rules = all.filter(r => r.backends.some(b => sameBackend(b, this.stable)));
      if (this.rules.length === 0) {
        throw constructError(where, 'not-found', `no rule of ${this.route.node.path} forwards to the stable backend ${describeBackend(this.stable)}; `
          + `its rules forward to ${all.map(r => `[${r.backends.map(describeBackend).join(', ') || 'nothing'}]`).join(', ') || 'nothing (it has no rules)'}; add such a rule or pass \`rules\``);
      }
    }

    const cohorts = props.cohorts ?? [];
    for (const rule of [...this.rules]) {
      cohorts.forEach((c, i) => {
        this.cohortRules.push(this.addVariant(rule, c.matches, `canary-cohort-${i}`, unweighted(this.canary)));
      });
      if (this.stickyCookie !== undefined) {
        const m = cookieMatch(where, this.stickyCookie, this.cookieValue);
        this.stickyRules.push(this.addVariant(rule, [m], 'canary-sticky', unweighted(this.canary)));
      }
    }
    this.apply();
  }

  /** The canary's current weight, in percent (the stable version gets the rest). */
  public get canaryWeight(): number {
    return this.percent;
  }

  /** Whether `abort()` chose the state. */
  public get isAborted(): boolean {
    return this.aborted;
  }

  /**
   * Chooses step `index` (0-based) of the plan.
   *
   * @example release.atStep(2)
   */
  public atStep(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.steps.length) {
      throw constructError(this.where, 'not-found', `atStep(${index}) is out of range; the plan has ${this.steps.length} step(s) (${this.steps.join(', ')} percent), index 0 to ${this.steps.length - 1}`);
    }
    this.percent = this.steps[index];
    this.aborted = false;
    this.apply();
  }

  /** Sends all traffic to the canary (weights 0 and 100). */
  public promote(): void {
    this.percent = 100;
    this.aborted = false;
    this.apply();
  }

  /**
   * Sends no weighted traffic to the canary (weights 100 and 0): mirroring
   * stops and sticky clients return to the stable version. Cohorts still
   * reach the canary.
   */
  public abort(): void {
    this.percent = 0;
    this.aborted = true;
    this.apply();
  }

  private get cookieValue(): string {
    return this.canary.name;
  }

  private apply(): void {
    const p = this.percent;
    let stable = this.stable.withWeight(100 - p);
    let canary = this.canary.withWeight(p);
    if (this.mirrorPercent !== undefined && !this.aborted && p < 100) {
      stable = stable.withFilters(Filter.requestMirror(this.canary.withoutWeightAndFilters(), { percent: this.mirrorPercent }));
    }
    if (this.stickyCookie !== undefined) {
      canary = canary.withFilters(Filter.responseHeaders({ add: { 'Set-Cookie': `${this.stickyCookie}=${this.cookieValue}; Path=/; HttpOnly` } }));
    }
    for (const r of this.rules) r.replaceBackends(stable, canary);
    const sticky = unweighted(this.aborted ? this.stable : this.canary);
    for (const r of this.stickyRules) r.replaceBackends(sticky);
  }

  /** Adds a rule like `rule` whose matches also require every one of `headers`, sending to `backend`. */
  private addVariant(rule: IRouteRule, headers: readonly HeaderMatch[], suffix: string, backend: Backend): IRouteRule {
    const name = rule.name !== undefined ? `${rule.name}-${suffix}` : undefined;
    if (rule instanceof HttpRouteRule) {
      const route = this.route as HttpRoute;
      const base = rule.matches.length > 0 ? rule.matches : [undefined];
      const matches = base.map(m => headers.reduce<HttpMatch | undefined>((acc, h) => withHttpHeader(acc, h, this.where), m)!);
      return route.addRule({ name, matches, filters: rule.filters, backends: [backend], timeouts: rule.timeouts, experimental: rule.experimental });
    }
    const g = rule as GrpcRouteRule;
    const route = this.route as GrpcRoute;
    const base = g.matches.length > 0 ? g.matches : [undefined];
    const matches = base.map(m => headers.reduce<GrpcMatch | undefined>((acc, h) => withGrpcHeader(acc, h, this.where), m)!);
    return route.addRule({ name, matches, filters: g.filters, backends: [backend], experimental: g.experimental });
  }
}

function withHttpHeader(m: HttpMatch | undefined, header: HeaderMatch, where: Where): HttpMatch {
  if (!m) return HttpMatch.anyPath({ headers: [header] });
  const options = m.options;
  const headers = options.headers ?? [];
  if (headers.some(h => h.name.toLowerCase() === header.name.toLowerCase())) {
    throw constructError(where, 'conflict', `a released rule already matches on header '${header.name}', which the canary's cohort or sticky cookie needs; use another header`);
  }
  const merged = { ...options, headers: [...headers, header] };
  switch (m.path?.type) {
    case PathMatchType.EXACT: return HttpMatch.pathExact(m.path.value, merged);
    case PathMatchType.PATH_PREFIX: return HttpMatch.pathPrefix(m.path.value, merged);
    case PathMatchType.REGULAR_EXPRESSION: return HttpMatch.pathRegex(m.path.value, merged);
    default: return HttpMatch.anyPath(merged);
  }
}

function withGrpcHeader(m: GrpcMatch | undefined, header: HeaderMatch, where: Where): GrpcMatch {
  if (!m) return GrpcMatch.headers(header);
  if (m.headers.some(h => h.name.toLowerCase() === header.name.toLowerCase())) {
    throw constructError(where, 'conflict', `a released rule already matches on header '${header.name}', which the canary's cohort or sticky cookie needs; use another header`);
  }
  const headers = [...m.headers, header];
  if (m.service === undefined && m.method === undefined) return GrpcMatch.headers(...headers);
  return GrpcMatch.of({ service: m.service, method: m.method, type: m.type, headers });
}

/** The backend without its weight (alone in a rule), its own filters kept. */
function unweighted(b: Backend): Backend {
  return b.withoutWeightAndFilters().withFilters(...b.filters);
}

function describeRule(r: IRouteRule): string {
  return r.name !== undefined ? `rule '${r.name}'` : `rules[${r.index}]`;
}

function checkPercent(value: number, where: Where, field: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 100) {
    throw constructError(where, 'invalid-value', `${field} must be a whole percentage from 0 to 100, got ${value}`, field);
  }
}
