import { hostnameMatches } from '../model';
import { ControllerState, GatewayState, ListenerState } from './controller';
import { listenersOnPort } from './listener-selection';

function falseCondition(conditions: { list(): { type: string; status: string; reason: string; message: string }[] }): string | undefined {
  const c = conditions.list().find((x) => (x.type === 'Conflicted' ? x.status === 'True' : x.status === 'False'));
  return c ? `${c.type} ${c.status} (${c.reason}: ${c.message})` : undefined;
}

/** Why a Gateway is not programmed: its first False condition, e.g. `Accepted False (InvalidParameters: ...)`. */
export function gatewayRootCause(gw: GatewayState): string {
  return falseCondition(gw.conditions) ?? 'no Programmed condition';
}

/**
 * Why no ready listener of `gw` took a connection on `port`: the listeners
 * there that would have served `host` but are not ready, each with its
 * first False condition; or the listeners the Gateway has, when none is on
 * the port with one of `protocols`. Empty when there is nothing to add.
 */
export function listenerRootCause(gw: GatewayState, port: number, protocols: readonly string[], host: string | undefined): string {
  const candidates = listenersOnPort(gw, port).filter((l) => protocols.includes(l.protocol) && (!l.hostname || (host !== undefined && hostnameMatches(l.hostname, host))));
  const notReady = candidates.filter((l) => !l.ready);
  if (notReady.length > 0) return notReady.map((l) => `listener ${l.name} is not ready: ${falseCondition(l.conditions) ?? 'not accepted'}`).join('; ');
  if (candidates.length > 0) return '';
  const all = gw.serving.map((l: ListenerState) => `${l.name} (${l.protocol} ${l.port}${l.hostname ? ` ${l.hostname}` : ''})`);
  return all.length ? `the Gateway's listeners: ${all.join(', ')}` : 'the Gateway has no listeners';
}

/**
 * The Gateways that serve `port` with one of `protocols` (reconciled ones),
 * for requests that name no Gateway.
 */
export function gatewaysServing(ctl: ControllerState, port: number, protocols: readonly string[]): GatewayState[] {
  return [...ctl.gateways.values()].filter((g) => g.serving.some((l) => l.port === port && protocols.includes(l.protocol)));
}

/** `line` with `cause` appended after `; ` when there is one. */
export function withCause(line: string, cause: string): string {
  return cause ? `${line}; ${cause}` : line;
}

/** The TCP and UDP listeners the plane has, for a connection to a port none of them serves. */
export function streamListeners(ctl: ControllerState): string {
  const all = [...ctl.gateways.values()].flatMap((g) => g.serving.filter((l) => l.protocol === 'TCP' || l.protocol === 'UDP').map((l) => `${g.obj.namespace}/${g.obj.name} ${l.name} (${l.protocol} ${l.port})`));
  return all.length ? `TCP/UDP listeners: ${all.join(', ')}` : 'no Gateway has a TCP or UDP listener';
}
