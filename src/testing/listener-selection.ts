import { hostnameMatches, hostnameRank } from '../model';
import { ControllerState, GatewayState, ListenerState } from './controller';
import { GatewaySelector } from './requests';

/** Parses a Gateway selector into namespace and name. */
export function parseGatewaySelector(sel: GatewaySelector): { namespace: string; name: string } {
  if (typeof sel === 'string') {
    const i = sel.indexOf('/');
    return i < 0 ? { namespace: 'default', name: sel } : { namespace: sel.slice(0, i), name: sel.slice(i + 1) };
  }
  return { namespace: sel.namespace ?? 'default', name: sel.name };
}

/**
 * The Gateway a request goes to: the one named, or else the only Gateway
 * that serves `port` with one of `protocols`.
 *
 * @throws Error when the named Gateway is unknown or not reconciled, or when
 *   no Gateway is named and zero or several Gateways serve the port.
 */
export function selectGateway(ctl: ControllerState, sel: GatewaySelector | undefined, port: number, protocols: readonly string[]): GatewayState {
  if (sel !== undefined) {
    const { namespace, name } = parseGatewaySelector(sel);
    const gw = ctl.gateways.get(`${namespace}/${name}`);
    if (!gw) {
      const known = [...ctl.gateways.keys()];
      const loaded = ctl.store.get('Gateway', namespace, name);
      throw new Error(`Gateway ${namespace}/${name} is not known to the data plane (known: ${known.length ? known.join(', ') : 'none'}); ${loaded
        ? 'it is loaded, but its GatewayClass is not handled (load the GatewayClass, use assumeMissing, or see the controllerNames option)'
        : 'it is not among the loaded objects: if another chart defines it, load the whole App (DataPlane.fromApp, or expect(app) in matchers)'}`);
    }
    return gw;
  }
  const candidates = [...ctl.gateways.values()].filter((g) => g.serving.some((l) => l.port === port && protocols.includes(l.protocol)));
  if (candidates.length === 1) return candidates[0];
  const names = candidates.map((g) => `${g.obj.namespace}/${g.obj.name}`);
  throw new Error(candidates.length === 0
    ? `no Gateway has a ${protocols.join('/')} listener on port ${port}${unhandledGateways(ctl)}${readyListeners(ctl)}`
    : `several Gateways have a ${protocols.join('/')} listener on port ${port} (${names.join(', ')}); pass \`gateway\``);
}

/**
 * The listener of `listeners` whose hostname matches `host` most specifically
 * (exact over wildcard, longer over shorter, no hostname last), among the
 * ready ones on `port` with one of `protocols` (`readyOnly: false`: among the
 * accepted ones, for analyses that assume certificates will be provided).
 */
export function bestListener(listeners: readonly ListenerState[], port: number, protocols: readonly string[], host: string | undefined, readyOnly = true): ListenerState | undefined {
  let best: ListenerState | undefined;
  let bestRank = -1;
  for (const l of listeners) {
    if ((readyOnly ? !l.ready : !l.conditions.isTrue('Accepted')) || l.port !== port || !protocols.includes(l.protocol)) continue;
    if (l.hostname && (!host || !hostnameMatches(l.hostname, host))) continue;
    const rank = hostnameRank(l.hostname);
    if (rank > bestRank) {
      best = l;
      bestRank = rank;
    }
  }
  return best;
}

/**
 * The listener a TLS connection lands on: the TLS handshake comes before
 * the protocol inside it is known, so one SNI selects one listener among the
 * ready HTTPS and TLS listeners of the port (the most specific hostname),
 * whether the client then speaks HTTP or hands the stream to a TLSRoute.
 */
export function listenerForSni(listeners: readonly ListenerState[], port: number, sni: string | undefined): ListenerState | undefined {
  return bestListener(listeners, port, ['HTTPS', 'TLS'], sni);
}

const portIndex = new WeakMap<GatewayState, Map<number, ListenerState[]>>();

/** The listeners a Gateway serves on `port` (indexed once per Gateway). */
export function listenersOnPort(gw: GatewayState, port: number): readonly ListenerState[] {
  let index = portIndex.get(gw);
  if (!index) {
    index = new Map();
    for (const l of gw.serving) (index.get(l.port) ?? index.set(l.port, []).get(l.port)!).push(l);
    portIndex.set(gw, index);
  }
  return index.get(port) ?? [];
}

/** Removes a `:port` suffix from a Host header value. */
export function stripPort(host: string | undefined): string | undefined {
  if (host === undefined) return undefined;
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const i = host.lastIndexOf(':');
  return i >= 0 && /^\d+$/.test(host.slice(i + 1)) ? host.slice(0, i) : host;
}

/** `` or a note naming the Gateways the plane holds but does not reconcile, and why. */
function unhandledGateways(ctl: ControllerState): string {
  const skipped = ctl.store.list('Gateway').filter((g) => !ctl.gateways.has(`${g.namespace}/${g.name}`));
  if (skipped.length === 0) return '';
  const why = skipped.map((g) => {
    const cls = g.obj.spec?.gatewayClassName;
    return `${g.namespace}/${g.name} (GatewayClass '${cls}' ${ctl.store.list('GatewayClass').some((c) => c.name === cls) ? 'is not handled: see the controllerNames option' : 'is not among the objects; add it, e.g. a GatewayClass with its controllerName'})`;
  });
  return ` that the plane reconciles; not reconciled: ${why.join(', ')}`;
}

/** `` or a note listing the listeners the plane has, so the request's scheme or port can be corrected. */
function readyListeners(ctl: ControllerState): string {
  const all = [...ctl.gateways.values()].flatMap((g) => g.serving.map((l) => `${g.obj.namespace}/${g.obj.name} ${l.name} (${l.protocol} ${l.port})`));
  return all.length === 0 ? '' : `; listeners: ${all.join(', ')} (set the request's scheme and port to use one)`;
}
