import { narrowHostnames } from '../model';
import type { GatewayState, ListenerState } from './controller';

/**
 * The `OverlappingTLSConfig` listener condition: HTTPS and TLS listeners that
 * a Gateway serves on one port, whose hostnames overlap (one covers the
 * other, e.g. `*.example.com` and `foo.example.com`, or one has no hostname
 * and so covers every name), make connection reuse pick the wrong listener's
 * TLS configuration. Every party gets the condition (it is never written
 * False); the reason is `OverlappingCertificates` when two overlapping
 * listeners also serve the same certificate Secret, else
 * `OverlappingHostnames`. Conflicted (not accepted) listeners are left out.
 */
export function markOverlappingTls(gw: GatewayState): void {
  const tls = gw.serving.filter((l) => (l.protocol === 'HTTPS' || l.protocol === 'TLS') && l.conditions.isTrue('Accepted'));
  const overlaps = new Map<ListenerState, { other: ListenerState; sharedCertificate: boolean }[]>();
  for (let i = 0; i < tls.length; i++) {
    for (let j = i + 1; j < tls.length; j++) {
      const a = tls[i];
      const b = tls[j];
      if (a.port !== b.port || !hostnamesOverlap(a.hostname, b.hostname)) continue;
      const sharedCertificate = certificateKeys(a).some((k) => certificateKeys(b).includes(k));
      (overlaps.get(a) ?? overlaps.set(a, []).get(a)!).push({ other: b, sharedCertificate });
      (overlaps.get(b) ?? overlaps.set(b, []).get(b)!).push({ other: a, sharedCertificate });
    }
  }
  for (const [l, list] of overlaps) {
    const shared = list.filter((o) => o.sharedCertificate);
    const names = list.map((o) => `${o.other.name}${o.other.owner.kind === 'ListenerSet' ? ` (ListenerSet ${o.other.owner.namespace}/${o.other.owner.name})` : ''} (${o.other.hostname ?? 'any hostname'})`);
    if (shared.length > 0) {
      l.conditions.set('OverlappingTLSConfig', true, 'OverlappingCertificates',
        `hostname ${l.hostname ?? '(any)'} overlaps listener(s) ${names.join(', ')} on port ${l.port}, and ${shared.map((o) => o.other.name).join(', ')} serve(s) the same certificate; a client reusing a connection can reach the wrong listener`);
    } else {
      l.conditions.set('OverlappingTLSConfig', true, 'OverlappingHostnames',
        `hostname ${l.hostname ?? '(any)'} overlaps listener(s) ${names.join(', ')} on port ${l.port}; a client reusing a connection can reach the wrong listener`);
    }
  }
}

/** Whether two listener hostnames (absent = every name) have a name in common. */
export function hostnamesOverlap(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return true;
  return narrowHostnames(a, b) !== undefined;
}

/** `namespace/name` of each certificate Secret a listener serves. */
function certificateKeys(l: ListenerState): string[] {
  return (l.spec.tls?.certificateRefs ?? []).map((r) => `${r.namespace ?? l.owner.namespace}/${r.name}`);
}
