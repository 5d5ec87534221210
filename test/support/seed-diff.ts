import { seedObjects } from './seed';

/** The seed guide's complete example (complete-gateway-setup.yaml), as v1 objects. */
export function seedComplete(shared: string): any[] {
  return seedObjects(shared).filter((s) => s.file === 'complete-gateway-setup.yaml').map((s) => s.upgraded);
}

function named(objects: any[], kind: string, name: string): any {
  const o = objects.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`the seed's complete example has no ${kind} ${name}`);
  return o;
}

/**
 * A changed copy of the complete example, one effect each: the /v2 backend swapped (api-v2 → api-v2-new), the /v1
 * weights moved (95/5 → 80/20), a hostname added to the frontend route (shop.example.com), and the health check's
 * Exact /healthz widened to a PathPrefix.
 */
export function seedCompleteChanged(shared: string): any[] {
  const copy = JSON.parse(JSON.stringify(seedComplete(shared)));
  const api = named(copy, 'HTTPRoute', 'api');
  api.spec.rules[0].backendRefs[0].name = 'api-v2-new';
  api.spec.rules[1].backendRefs[0].weight = 80;
  api.spec.rules[1].backendRefs[1].weight = 20;
  named(copy, 'HTTPRoute', 'frontend').spec.hostnames.push('shop.example.com');
  named(copy, 'HTTPRoute', 'health').spec.rules[0].matches[0].path.type = 'PathPrefix';
  return copy;
}
