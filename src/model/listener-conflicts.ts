/**
 * Listener conflicts on a Gateway: listeners that share a port must be
 * distinguishable. HTTP listeners share a port with other HTTP listeners;
 * HTTPS and TLS listeners share one with each other (told apart by SNI);
 * UDP uses its own transport and may share a port number with the TCP-based
 * protocols. Within a compatible group each hostname (or the absence of one)
 * must be unique.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#listenerconditionreason
 */

/** The spec's reasons for `Conflicted=True` on a listener. */
export type ListenerConflictReason = 'ProtocolConflict' | 'HostnameConflict';

/** The listener fields that decide conflicts. */
export interface ListenerKey {
  /** Listener name. */
  readonly name: string;
  /** Listener port. */
  readonly port: number;
  /** Listener protocol (HTTP, HTTPS, TLS, TCP, UDP or a custom one). */
  readonly protocol: string;
  /** Listener hostname; absent means every host. @default - every hostname */
  readonly hostname?: string;
}

function family(protocol: string): string {
  switch (protocol) {
    case 'HTTP': return 'http';
    case 'HTTPS':
    case 'TLS': return 'tls';
    case 'TCP': return 'tcp';
    case 'UDP': return 'udp';
    default: return `other:${protocol}`;
  }
}

function transport(protocol: string): string {
  return protocol === 'UDP' ? 'udp' : 'tcp';
}

/**
 * Why two listeners conflict, or `undefined` when they can coexist:
 * `ProtocolConflict` for the same port and transport with incompatible
 * protocols, `HostnameConflict` for the same port, compatible protocols and
 * the same hostname (two absent hostnames count as the same).
 */
export function listenerConflict(a: ListenerKey, b: ListenerKey): ListenerConflictReason | undefined {
  if (a.port !== b.port) return undefined;
  if (transport(a.protocol) !== transport(b.protocol)) return undefined;
  if (family(a.protocol) !== family(b.protocol)) return 'ProtocolConflict';
  if ((a.hostname ?? '').toLowerCase() === (b.hostname ?? '').toLowerCase()) return 'HostnameConflict';
  return undefined;
}

/**
 * What to do about a conflict between listeners `a` and `b` (one clause,
 * for messages): which protocols cannot share the port, or which hostname
 * both would take.
 */
export function listenerConflictAdvice(a: ListenerKey, b: ListenerKey, reason: ListenerConflictReason): string {
  return reason === 'ProtocolConflict'
    ? `${a.protocol} and ${b.protocol} cannot share a port (HTTP, HTTPS/TLS and TCP each need their own); move one to another port`
    : `both would take the same ${a.hostname ? `hostname ${a.hostname}` : 'hostname-less traffic'} on that port; give them distinct hostnames or ports`;
}

/**
 * Every listener of `listeners` that conflicts with another one, by name,
 * with the reason (`ProtocolConflict` wins over `HostnameConflict` when a
 * listener has both). All parties of a conflict are reported. Listeners are
 * grouped by port, so the cost grows with the largest group, not the list.
 */
export function findListenerConflicts(listeners: readonly ListenerKey[]): Map<string, ListenerConflictReason> {
  const byPort = new Map<number, ListenerKey[]>();
  for (const l of listeners) {
    const group = byPort.get(l.port);
    if (group) group.push(l); else byPort.set(l.port, [l]);
  }
  const out = new Map<string, ListenerConflictReason>();
  const mark = (name: string, reason: ListenerConflictReason) => {
    if (out.get(name) !== 'ProtocolConflict') out.set(name, reason);
  };
  for (const group of byPort.values()) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const reason = listenerConflict(group[i], group[j]);
        if (reason) {
          mark(group[i].name, reason);
          mark(group[j].name, reason);
        }
      }
    }
  }
  return out;
}
