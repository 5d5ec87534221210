import { workCounters } from '../validation/work-counters';
import { SourcedDocument, StoredObject } from './object-store';

/** The `controllerName` of GatewayClasses the plane assumes (see {@link assumedObjects}). */
export const ASSUMED_CONTROLLER = 'cdk8s-gateway-api.io/assumed';

/** The source name assumed objects carry in diagnostics and explanations. */
export const ASSUMED_SOURCE = 'assumed';

const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'];

/**
 * Stand-ins for the objects a chart refers to but does not define, for
 * testing a chart on its own: a GatewayClass for every Gateway class name no
 * GatewayClass object defines (controllerName {@link ASSUMED_CONTROLLER}),
 * and a Service for every core Service a route's backendRefs or
 * RequestMirror filters name that no Service object defines, exposing the
 * ports those references use. Nothing else is assumed: Secrets,
 * ReferenceGrants and Namespaces must still be given, so certificates and
 * cross-namespace permissions are judged as a controller would.
 */
export function assumedObjects(objects: readonly StoredObject[]): SourcedDocument[] {
  // One pass to index what is defined, so each lookup is constant time (a scan per reference was
  // quadratic: 100,000 routes took minutes).
  const defined = new Set<string>();
  for (const o of objects) {
    if (o.kind === 'GatewayClass' || o.kind === 'Service') defined.add(`${o.kind}|${o.namespace}|${o.name}`);
  }
  const has = (kind: string, namespace: string, name: string) => {
    workCounters.assumedLookups++;
    return defined.has(`${kind}|${namespace}|${name}`);
  };
  const classes = new Set<string>();
  const services = new Map<string, { namespace: string; name: string; ports: Set<number> }>();

  for (const o of objects) {
    if (o.kind === 'Gateway') {
      const cls = o.obj.spec?.gatewayClassName;
      if (typeof cls === 'string' && !has('GatewayClass', '', cls)) classes.add(cls);
    }
    if (!ROUTE_KINDS.includes(o.kind)) continue;
    const refer = (ref: any) => {
      if (!ref || typeof ref.name !== 'string') return;
      if ((ref.group ?? '') !== '' || (ref.kind ?? 'Service') !== 'Service') return;
      const namespace = ref.namespace ?? o.namespace;
      if (has('Service', namespace, ref.name)) return;
      const key = `${namespace}/${ref.name}`;
      if (!services.has(key)) services.set(key, { namespace, name: ref.name, ports: new Set() });
      if (typeof ref.port === 'number') services.get(key)!.ports.add(ref.port);
    };
    const filters = (list: any) => {
      for (const f of Array.isArray(list) ? list : []) refer(f?.requestMirror?.backendRef);
    };
    for (const rule of Array.isArray(o.obj.spec?.rules) ? o.obj.spec.rules : []) {
      filters(rule?.filters);
      for (const b of Array.isArray(rule?.backendRefs) ? rule.backendRefs : []) {
        refer(b);
        filters(b?.filters);
      }
    }
  }

  const docs: SourcedDocument[] = [];
  for (const name of [...classes].sort()) {
    docs.push({
      doc: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name }, spec: { controllerName: ASSUMED_CONTROLLER } },
      source: ASSUMED_SOURCE,
      index: docs.length,
    });
  }
  for (const s of [...services.values()].sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`))) {
    const ports = [...s.ports].sort((a, b) => a - b).map((port) => ({ name: `port-${port}`, port }));
    docs.push({
      doc: { apiVersion: 'v1', kind: 'Service', metadata: { name: s.name, namespace: s.namespace }, spec: { ports } },
      source: ASSUMED_SOURCE,
      index: docs.length,
    });
  }
  return docs;
}
