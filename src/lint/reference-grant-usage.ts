/**
 * ReferenceGrant checks: grants no reference among the objects uses, and
 * grants whose every permission another grant already gives. Neither is an
 * error, but each widens what other namespaces may reference for no benefit
 * (and an unused grant often means a reference went elsewhere than meant).
 */
import type { ReferenceGrantFrom, ReferenceGrantTo } from '../../generated';
import { GATEWAY_API_GROUP, isReferencePermitted, normalizeGroup } from '../model';
import type { Diagnostic } from '../validation';
import type { IndexedObject, ManifestIndex } from '../validation/manifest-index';
import { isJsonObject } from '../validation/structural-schema';
import { referencesOf } from '../validation/xref-references';

/** A cross-namespace reference found among the objects. */
interface CrossReference {
  readonly from: { readonly group: string; readonly kind: string; readonly namespace: string };
  readonly to: { readonly group: string; readonly kind: string; readonly namespace: string; readonly name: string };
  readonly referrer: IndexedObject;
}

function crossReferences(index: ManifestIndex): CrossReference[] {
  const out: CrossReference[] = [];
  for (const o of index.all) {
    if (o.group !== GATEWAY_API_GROUP) continue;
    for (const ref of referencesOf(o)) {
      const namespace = ref.namespace ?? o.namespace;
      if (namespace === o.namespace) continue;
      out.push({
        from: { group: GATEWAY_API_GROUP, kind: o.id.kind, namespace: o.namespace },
        to: { group: ref.group, kind: ref.kind, namespace, name: ref.name },
        referrer: o,
      });
    }
  }
  return out;
}

function describeRef(r: CrossReference): string {
  return `${r.from.kind} ${r.referrer.namespace}/${r.referrer.name} → ${r.to.kind} ${r.to.namespace}/${r.to.name}`;
}

/**
 * `lint/reference-grant-unused`: a ReferenceGrant that permits none of the
 * cross-namespace references among the objects.
 */
export function checkUnusedGrants(index: ManifestIndex): Diagnostic[] {
  const refs = crossReferences(index);
  const out: Diagnostic[] = [];
  for (const g of index.ofKind(GATEWAY_API_GROUP, 'ReferenceGrant')) {
    const grant = grantOf(g);
    if (refs.some((r) => isReferencePermitted(r.from, r.to, [grant]))) continue;
    const into = refs.filter((r) => r.to.namespace === g.namespace);
    const from = grant.spec.from.map((f) => `${f.kind} in ${f.namespace}`).join(', ');
    const to = grant.spec.to.map((t) => `${t.kind}${t.name ? ` ${t.name}` : ''}`).join(', ');
    out.push({
      code: 'lint/reference-grant-unused',
      severity: 'warning',
      message: `no reference among the objects uses this grant (it lets ${from || 'nothing'} reference ${to || 'nothing'} in ${g.namespace}); ` +
        (into.length > 0 ? `the references into ${g.namespace} are ${into.map(describeRef).join(', ')}, which it does not match; ` : `nothing among the objects references ${g.namespace} from another namespace; `) +
        'fix its from/to entries, or delete it',
      fix: 'fix its from/to entries, or delete it',
      object: g.id,
      ...(g.source ? { source: g.source } : {}),
    });
  }
  return out;
}

/** Whether grant `h` gives every permission `g` gives (each from entry of g with each to entry of g). */
function covers(h: IndexedObject, g: IndexedObject): boolean {
  if (h.namespace !== g.namespace) return false;
  const { from: hFrom, to: hTo } = grantOf(h).spec;
  const { from: gFrom, to: gTo } = grantOf(g).spec;
  if (gFrom.length === 0 || gTo.length === 0) return false;
  return gFrom.every((f) => hFrom.some((x) => normalizeGroup(x.group) === normalizeGroup(f.group) && x.kind === f.kind && x.namespace === f.namespace)) &&
    gTo.every((t) => hTo.some((x) => normalizeGroup(x.group) === normalizeGroup(t.group) && x.kind === t.kind && (!x.name || x.name === t.name)));
}

/**
 * `lint/reference-grant-redundant`: a ReferenceGrant whose every permission
 * another grant in the same namespace already gives. Of two identical grants
 * the later one in the input is reported.
 */
export function checkRedundantGrants(index: ManifestIndex): Diagnostic[] {
  const grants = index.ofKind(GATEWAY_API_GROUP, 'ReferenceGrant');
  const out: Diagnostic[] = [];
  grants.forEach((g, i) => {
    const by = grants.find((h, j) => h !== g && covers(h, g) && (!covers(g, h) || j < i));
    if (!by) return;
    out.push({
      code: 'lint/reference-grant-redundant',
      severity: 'warning',
      message: `every reference this grant permits is already permitted by ReferenceGrant ${by.namespace}/${by.name}${by.source ? ` (${by.source})` : ''}; delete one of them, so that one grant states what ${g.namespace} allows`,
      fix: `delete this grant or ReferenceGrant ${by.namespace}/${by.name}`,
      object: g.id,
      ...(g.source ? { source: g.source } : {}),
    });
  });
  return out;
}

/** A ReferenceGrant as the checks read it: its namespace and its from/to entries. */
interface Grant {
  readonly metadata: { readonly namespace?: string };
  readonly spec: { readonly from: ReferenceGrantFrom[]; readonly to: ReferenceGrantTo[] };
}

/**
 * The namespace (as the manifest states it; the model's permission check, which validation and the data plane
 * use as well, places a grant without one in `default`) and the from/to entries of a ReferenceGrant (after CRD
 * defaults). The schema is not trusted: a spec, list or entry of the wrong shape (which `validate` reports)
 * contributes no entries, rather than an exception.
 */
function grantOf(g: IndexedObject): Grant {
  const spec: Record<string, unknown> = isJsonObject(g.obj.spec) ? g.obj.spec : {};
  return { metadata: { namespace: g.id.namespace }, spec: { from: objectEntries(spec.from), to: objectEntries(spec.to) } };
}

function objectEntries<T>(list: unknown): T[] {
  return Array.isArray(list) ? list.filter(isJsonObject) as T[] : [];
}
