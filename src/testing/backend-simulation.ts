import type { HTTPRouteRetry, HTTPRouteTimeouts } from '../../generated/experimental';
/**
 * What happens between the Gateway and a backend once a request is
 * forwarded: the protocol the Gateway speaks, simulated backend latency and
 * answers, and the rule's timeouts and retries applied to them.
 */

/**
 * Parses a Gateway API duration (`1h`, `30s`, `500ms`, `1m30s`) into
 * milliseconds; a number is taken as milliseconds.
 *
 * @throws Error when the text is not a Gateway API duration.
 */
export function parseDuration(d: string | number): number {
  if (typeof d === 'number') return d;
  if (!/^([0-9]{1,5}(h|m|s|ms)){1,4}$/.test(d)) {
    throw new Error(`${JSON.stringify(d)} is not a Gateway API duration (e.g. 500ms, 10s, 1m30s, 1h)`);
  }
  let ms = 0;
  for (const [, n, unit] of d.matchAll(/([0-9]+)(ms|h|m|s)/g)) {
    ms += Number(n) * (unit === 'h' ? 3_600_000 : unit === 'm' ? 60_000 : unit === 's' ? 1000 : 1);
  }
  return ms;
}

/**
 * The protocol the Gateway uses towards a Service port: `h2c` for
 * appProtocol `kubernetes.io/h2c`, `websocket` for `kubernetes.io/ws`,
 * `websocket+tls` for `kubernetes.io/wss`, `https` when a BackendTLSPolicy
 * applies, else `http`.
 */
export function backendProtocol(appProtocol: string | undefined, tls: boolean): string {
  switch (appProtocol) {
    case 'kubernetes.io/h2c': return 'h2c';
    case 'kubernetes.io/ws': return 'websocket';
    case 'kubernetes.io/wss': return 'websocket+tls';
    default: return tls ? 'https' : 'http';
  }
}

/** How the backend behaves in a simulation. */
interface BackendBehaviour {
  /** Time the backend takes to answer each attempt (ms or a duration). @default 0 */
  readonly latency?: string | number;
  /** Status the backend answers on successive attempts; the last one repeats. @default [200] */
  readonly statuses?: readonly number[];
}

/** The outcome of forwarding with timeouts and retries. */
interface BackendExchange {
  /** Final status the client gets. */
  readonly status: number;
  /** True when the Gateway answered itself because a timeout elapsed (504). */
  readonly timedOut: boolean;
  /** Number of attempts made (1 + retries). */
  readonly attempts: number;
  /** Time until the answer, in ms. */
  readonly elapsedMs: number;
  /** Why, one line per attempt. */
  readonly log: string[];
}

const IMMEDIATE_OK: BackendExchange = Object.freeze({ status: 200, timedOut: false, attempts: 1, elapsedMs: 0, log: Object.freeze([]) as unknown as string[] });

/**
 * Runs a forwarded request against a simulated backend under a rule's
 * `timeouts` (`request`: the whole exchange, retries included;
 * `backendRequest`: each attempt; `0s` disables either) and `retry`
 * (`codes` that may be retried, `attempts` retries at most, `backoff`
 * between attempts). A timed-out attempt counts as 504.
 */
export function exchange(rule: { readonly timeouts?: HTTPRouteTimeouts; readonly retry?: HTTPRouteRetry } | undefined, behaviour: BackendBehaviour): BackendExchange {
  if (behaviour.latency === undefined && behaviour.statuses === undefined) {
    // A backend that answers 200 at once: no timeout can elapse and nothing is retried.
    return IMMEDIATE_OK;
  }
  const latency = parseDuration(behaviour.latency ?? 0);
  const statuses = behaviour.statuses && behaviour.statuses.length > 0 ? behaviour.statuses : [200];
  const requestTimeout = rule?.timeouts?.request !== undefined ? parseDuration(rule.timeouts.request) : 0;
  const backendTimeout = rule?.timeouts?.backendRequest !== undefined ? parseDuration(rule.timeouts.backendRequest) : 0;
  const retries = rule?.retry ? (rule.retry.attempts ?? 1) : 0;
  const codes: number[] = rule?.retry?.codes ?? [];
  const backoff = rule?.retry?.backoff !== undefined ? parseDuration(rule.retry.backoff) : 0;
  const log: string[] = [];
  let elapsed = 0;
  for (let attempt = 0; ; attempt++) {
    const attemptTimedOut = backendTimeout > 0 && latency > backendTimeout;
    const spent = attemptTimedOut ? backendTimeout : latency;
    if (requestTimeout > 0 && elapsed + spent > requestTimeout) {
      log.push(`attempt ${attempt + 1}: the request timeout (${requestTimeout}ms) elapses first: 504`);
      return { status: 504, timedOut: true, attempts: attempt + 1, elapsedMs: requestTimeout, log };
    }
    elapsed += spent;
    const status = attemptTimedOut ? 504 : statuses[Math.min(attempt, statuses.length - 1)];
    log.push(attemptTimedOut ? `attempt ${attempt + 1}: the backend request timeout (${backendTimeout}ms) elapses: 504` : `attempt ${attempt + 1}: backend answers ${status} after ${latency}ms`);
    if (attempt < retries && codes.includes(status)) {
      elapsed += backoff;
      continue;
    }
    return { status, timedOut: attemptTimedOut, attempts: attempt + 1, elapsedMs: elapsed, log };
  }
}
