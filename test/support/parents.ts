import { IParentRef } from '../../src';

/** A parent reference to a Gateway, as an imported Gateway or a listener would give it. */
export function gatewayRef(name: string, namespace?: string, sectionName?: string, port?: number): IParentRef {
  return {
    parentRef: {
      group: 'gateway.networking.k8s.io',
      kind: 'Gateway',
      name,
      ...(namespace !== undefined ? { namespace } : {}),
      ...(sectionName !== undefined ? { sectionName } : {}),
      ...(port !== undefined ? { port } : {}),
    },
  };
}
