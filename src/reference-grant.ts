import { createHash } from 'crypto';
import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import * as l1 from '../generated';
import { GATEWAY_API_GROUP } from './model';
import { addConstructValidation, constructProblem } from './private/construct-validation';
import { constructError, ConstructScope, Where } from './private/error-scope';
import { checkDnsLabel, checkGroup, checkKind, checkMaxItems, checkObjectName } from './private/field-checks';
import { TreeState } from './private/tree-state';
import { Resource, ResourceProps } from './resource';
import { SynthValidation } from './synth-validation';

/** The API group of every Gateway API kind. */
/** The schema's cap on `spec.from` and `spec.to`. */
const MAX_ENTRIES = 16;

/**
 * What a construct does when one of its references crosses into another
 * namespace, which the Gateway API only honours when a ReferenceGrant in the
 * target namespace permits it.
 */
export enum ReferenceGrantPolicy {
  /** Create (or extend) the ReferenceGrant the reference needs, in the target namespace. */
  AUTO = 'Auto',
  /** Create none; synthesis fails, naming the grant needed, unless a ReferenceGrant in the app permits the reference. */
  NONE = 'None',
}

/**
 * The kind of object, and its namespace, that a ReferenceGrant lets refer
 * into the grant's namespace.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#referencegrantfrom
 */
export interface ReferenceGrantFrom {
  /** API group of the referring kind: `gateway.networking.k8s.io` for routes and Gateways. */
  readonly group: string;
  /** Referring kind, such as `HTTPRoute` or `Gateway`. */
  readonly kind: string;
  /** Namespace of the referring objects. */
  readonly namespace: string;
}

/**
 * The objects, in the grant's own namespace, that a ReferenceGrant lets be
 * referred to.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#referencegrantto
 */
export interface ReferenceGrantTo {
  /** API group of the target kind: `''` for the core group (Service, Secret, ConfigMap). */
  readonly group: string;
  /** Target kind, such as `Service` or `Secret`. */
  readonly kind: string;
  /**
   * Name of the one object the grant covers.
   *
   * @default - every object of this group and kind in the grant's namespace
   */
  readonly name?: string;
}

/**
 * The referring side as {@link ReferenceGrant.ensure} takes it: the namespace
 * may be unknown (a namespaced object with neither its own nor a chart
 * namespace).
 */
export interface ReferenceGrantReferrer {
  /** API group of the referring kind. */
  readonly group: string;
  /** Referring kind. */
  readonly kind: string;
  /**
   * Namespace of the referring object.
   *
   * @default - unknown: a reference into a named namespace is then reported at synthesis
   */
  readonly namespace?: string;
}

/**
 * The referred-to object as {@link ReferenceGrant.ensure} takes it.
 */
export interface ReferenceGrantTarget {
  /** API group of the target kind: `''` for the core group. */
  readonly group: string;
  /** Target kind. */
  readonly kind: string;
  /** Target name. */
  readonly name: string;
  /**
   * Target namespace.
   *
   * @default - the referrer's namespace: no grant is needed
   */
  readonly namespace?: string;
}

/**
 * Properties of a hand-written {@link ReferenceGrant}.
 */
export interface ReferenceGrantProps extends ResourceProps {
  /**
   * Kinds and namespaces allowed to refer into this grant's namespace.
   * The API server requires at least one; add more with `addFrom()`.
   *
   * @default - none yet; call `addFrom()` before synthesis
   */
  readonly from?: ReferenceGrantFrom[];
  /**
   * Objects of this grant's namespace they may refer to.
   * The API server requires at least one; add more with `addTo()`.
   *
   * @default - none yet; call `addTo()` before synthesis
   */
  readonly to?: ReferenceGrantTo[];
}

/** Automatic grants of one app (kept on its root), by `targetNamespace|group|kind|namespace` of the referrer. */
const AUTO_GRANTS = new TreeState<Map<string, ReferenceGrant[]>>('cdk8s-gateway-api automatic ReferenceGrants');

/**
 * A ReferenceGrant: lets objects of the listed kinds in the listed namespaces
 * refer to objects in the grant's own namespace (a route to a Service, a
 * Gateway to a Secret). Every `from` entry may refer to every `to` entry.
 *
 * Write one by hand with `new ReferenceGrant(...)`, or let the constructs
 * create the ones they need (see {@link ReferenceGrant.allow} and
 * {@link ReferenceGrantPolicy}).
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#referencegrant
 * @example
 * new ReferenceGrant(chart, 'AllowRoutes', {
 *   metadata: { name: 'allow-production-routes', namespace: 'backends' },
 *   from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'production' }],
 *   to: [{ group: '', kind: 'Service' }],
 * });
 */
export class ReferenceGrant extends Resource {
  /**
   * Finds or creates the automatic grant in `to.namespace` that lets `from`
   * refer to `to`, and makes it cover `to`.
   *
   * There is one automatic grant per target namespace and referring
   * group/kind/namespace (a second one only when the first reaches the
   * schema's 16 `to` entries), so a grant never lets one kind refer to what
   * only another kind needed: every `from` entry of a grant may refer to
   * every `to` entry. Its name is `allow-<kind>-from-<namespace>` (the kind
   * lowercased; non-Gateway-API groups are appended to the kind), and it is
   * defined in the chart of the first `scope` that needed it (a `-2`, `-3`,
   * ... suffix avoids the names of grants already in that namespace). Calling this
   * again with the same arguments changes nothing.
   *
   * Automatic grants do not look at hand-written ones: a construct whose
   * references a hand-written grant already covers should use
   * {@link ReferenceGrantPolicy.NONE}.
   *
   * @param scope any construct of the app (usually the referring construct)
   * @param from the referring kind and its namespace
   * @param to the target, with its namespace (where the grant is created)
   * @example
   * ReferenceGrant.allow(route,
   *   { group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'production' },
   *   { group: '', kind: 'Service', name: 'api', namespace: 'backends' });
   */
  public static allow(scope: IConstruct, from: ReferenceGrantFrom, to: ReferenceGrantTo & { readonly namespace: string }): ReferenceGrant {
    return ReferenceGrant.allowFor(scope, from, to, undefined);
  }

  /**
   * `allow()` for a reference that may later go away: `inUse` says whether the
   * reference still exists (see {@link ReferenceGrant._prune}); undefined keeps the
   * entry for good, as `allow()` does.
   */
  private static allowFor(scope: IConstruct, from: ReferenceGrantFrom, to: ReferenceGrantTo & { readonly namespace: string }, inUse: (() => boolean) | undefined): ReferenceGrant {
    const where = new ConstructScope('ReferenceGrant.allow()', scope.node.path);
    checkFrom(from, where, 'from');
    checkTo(to, where, 'to');
    checkDnsLabel(to.namespace, where, 'to.namespace');
    if (from.namespace === to.namespace) {
      throw constructError(where, 'invalid-value', `from.namespace and to.namespace are both '${to.namespace}'; references within one namespace need no ReferenceGrant`);
    }
    const root = scope.node.root;
    const registry = AUTO_GRANTS.of(root, () => new Map());
    const key = [to.namespace, from.group, from.kind, from.namespace].join('|');
    const grants = registry.get(key) ?? [];
    registry.set(key, grants);
    const target: ReferenceGrantTo = { group: to.group, kind: to.kind, ...(to.name !== undefined ? { name: to.name } : {}) };

    const covering = grants.find(g => g._covers(target));
    if (covering) {
      covering.recordUse(target, inUse);
      return covering;
    }
    const roomy = grants.find(g => g._toEntries.length < MAX_ENTRIES);
    if (roomy) {
      roomy.addTo(target);
      roomy.recordUse(target, inUse);
      return roomy;
    }
    const chart = Chart.of(scope);
    const base = `allow-${from.kind.toLowerCase()}${from.group === GATEWAY_API_GROUP ? '' : `.${from.group || 'core'}`}-from-${from.namespace}`;
    const taken = grantNamesIn(root, to.namespace);
    let n = grants.length + 1;
    let name = boundedName(n === 1 ? base : `${base}-${n}`);
    while (taken.has(name)) name = boundedName(`${base}-${++n}`);
    const id = `AutoReferenceGrant-${to.namespace}-${from.group || 'core'}-${from.kind}-${from.namespace}${grants.length === 0 ? '' : `-${grants.length + 1}`}`;
    const grant = new ReferenceGrant(chart, id, {
      metadata: { name, namespace: to.namespace },
      from: [{ group: from.group, kind: from.kind, namespace: from.namespace }],
      to: [target],
    });
    grant.recordUse(target, inUse);
    grants.push(grant);
    return grant;
  }

  /**
   * Drops what the automatic grants of `scope`'s app hold only for references
   * that no longer exist (a route's `replaceBackends()` replaced the backend
   * that needed them): each `to` entry whose every use is gone, and a grant
   * left with no entry. Entries added with `allow()` or `addTo()` stay.
   *
   * @internal
   */
  public static _prune(scope: IConstruct): void {
    const registry = AUTO_GRANTS.of(scope.node.root, () => new Map());
    for (const [key, grants] of registry) {
      const kept = grants.filter(g => {
        g.dropUnused();
        if (g._toEntries.length > 0) return true;
        g.node.scope?.node.tryRemoveChild(g.node.id);
        return false;
      });
      if (kept.length > 0) registry.set(key, kept);
      else registry.delete(key);
    }
  }

  /**
   * Whether any ReferenceGrant in the app (automatic, hand-written with this
   * class, or a raw `ReferenceGrant` ApiObject such as an included manifest)
   * lets `from` refer to `to`. References within one namespace are always
   * allowed. Call it at synthesis (from a validation), when every grant
   * exists.
   *
   * @param scope any construct of the app
   */
  public static isAllowed(scope: IConstruct, from: ReferenceGrantFrom, to: ReferenceGrantTo & { readonly namespace: string; readonly name: string }): boolean {
    if (from.namespace === to.namespace) return true;
    for (const c of scope.node.root.node.findAll()) {
      if (c instanceof ReferenceGrant) {
        if (c.namespace === to.namespace && c.permits(from, to)) return true;
      } else if (ApiObject.isApiObject(c) && c.kind === 'ReferenceGrant' && c.apiGroup === GATEWAY_API_GROUP && !(c.node.scope instanceof ReferenceGrant)) {
        if (c.metadata.namespace !== to.namespace) continue;
        const spec = (c.toJson() as { spec?: Partial<l1.ReferenceGrantSpec> }).spec ?? {};
        if (grantPermits(spec.from ?? [], spec.to ?? [], from, to)) return true;
      }
    }
    return false;
  }

  /**
   * Makes sure a reference from `referrer` to `to` is permitted: nothing to
   * do when it stays in one namespace; with {@link ReferenceGrantPolicy.AUTO}
   * the grant is created with {@link ReferenceGrant.allow}; with
   * {@link ReferenceGrantPolicy.NONE} a validation on `referrer` fails at
   * synthesis unless some ReferenceGrant of the app permits it, and its
   * message spells out the grant to write. A reference into a named
   * namespace from a referrer whose namespace is unknown is also reported.
   *
   * @param referrer the referring construct (validations are added to it)
   * @param policy what to do when a grant is needed
   * @param from the referring kind and namespace
   * @param to the target
   * @param field how error messages name the reference, such as `listener 'https' certificateRefs[0]`
   * @param inUse whether the reference still exists (a replaced backend's does not): its automatic grant entry
   *   is then dropped by the next prune, and its check does not fail; omitted, the reference is for good
   */
  public static ensure(referrer: IConstruct, policy: ReferenceGrantPolicy, from: ReferenceGrantReferrer, to: ReferenceGrantTarget, field: string, inUse?: () => boolean): void {
    if (to.namespace === undefined || to.namespace === from.namespace) return;
    const toNamespace = to.namespace;
    const fromNamespace = from.namespace;
    if (fromNamespace === undefined) {
      addConstructValidation(referrer, () => (inUse && !inUse()) ? [] : [constructProblem('missing', `refers to ${describeTarget(to)} in namespace '${toNamespace}', but this ${from.kind} has no namespace, `
        + 'so the ReferenceGrant it needs cannot be written; set metadata.namespace or the chart\'s namespace', field)]);
      return;
    }
    const grantFrom: ReferenceGrantFrom = { group: from.group, kind: from.kind, namespace: fromNamespace };
    if (policy === ReferenceGrantPolicy.AUTO) {
      ReferenceGrant.allowFor(referrer, grantFrom, { group: to.group, kind: to.kind, name: to.name, namespace: toNamespace }, inUse);
      return;
    }
    // This validation names the grant to write; the engine's xref/missing-reference-grant about the same target is dropped.
    SynthValidation.of(referrer).reportsItself(referrer, 'xref/missing-reference-grant', ` ${toNamespace}/${to.name} is in another namespace`);
    addConstructValidation(referrer, () => (inUse && !inUse()) || ReferenceGrant.isAllowed(referrer, grantFrom, { ...to, namespace: toNamespace })
      ? []
      : [{
        code: 'xref/missing-reference-grant',
        field,
        message: `refers to ${describeTarget(to)} in namespace '${toNamespace}', which needs a ReferenceGrant there `
          + `(referenceGrants is ReferenceGrantPolicy.NONE, and no grant permits it): namespace '${toNamespace}', `
          + `from { group: '${from.group}', kind: ${from.kind}, namespace: ${fromNamespace} }, `
          + `to { group: '${to.group}', kind: ${to.kind}, name: ${to.name} }`,
      }]);
  }

  protected readonly apiObject: ApiObject;
  private readonly fromEntries: ReferenceGrantFrom[] = [];
  /** @internal */
  public readonly _toEntries: ReferenceGrantTo[] = [];
  /** For the `to` entries an automatic reference needs: whether each reference using the entry still exists. */
  private readonly uses = new Map<string, Array<() => boolean>>();
  /** The `to` entries kept whatever uses them: added with `allow()` or `addTo()`. */
  private readonly kept = new Set<string>();

  public constructor(scope: Construct, id: string, props: ReferenceGrantProps = {}) {
    super(scope, id);
    this.apiObject = new l1.ReferenceGrant(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    this.addFrom(...props.from ?? []);
    this.addTo(...props.to ?? []);
    SynthValidation.of(this).reportsEmptyLists(this, 'spec.from', 'spec.to');
    addConstructValidation(this, () => [
      ...this.fromEntries.length === 0 ? [constructProblem('missing', 'from is empty; add at least one entry with addFrom()', 'from')] : [],
      ...this._toEntries.length === 0 ? [constructProblem('missing', 'to is empty; add at least one entry with addTo()', 'to')] : [],
    ]);
  }

  /** The `from` entries, in the order they were added. */
  public get from(): ReferenceGrantFrom[] {
    return this.fromEntries.map(f => ({ ...f }));
  }

  /** The `to` entries, in the order they were added. */
  public get to(): ReferenceGrantTo[] {
    return this._toEntries.map(t => ({ ...t }));
  }

  /**
   * Adds referring kinds and namespaces. Throws on an entry that is already
   * there and beyond the schema's 16 entries.
   */
  public addFrom(...from: ReferenceGrantFrom[]): void {
    for (const f of from) {
      const field = `from[${this.fromEntries.length}]`;
      checkFrom(f, this.where, field);
      if (this.fromEntries.some(e => e.group === f.group && e.kind === f.kind && e.namespace === f.namespace)) {
        throw constructError(this.where, 'duplicate', `${field} duplicates an existing entry (group '${f.group}', kind ${f.kind}, namespace ${f.namespace})`, field);
      }
      checkMaxItems(this.fromEntries.length + 1, MAX_ENTRIES, this.where, 'from');
      this.fromEntries.push({ group: f.group, kind: f.kind, namespace: f.namespace });
    }
  }

  /**
   * Adds targets. Throws on an entry that is already there and beyond the
   * schema's 16 entries.
   */
  public addTo(...to: ReferenceGrantTo[]): void {
    for (const t of to) {
      const field = `to[${this._toEntries.length}]`;
      checkTo(t, this.where, field);
      if (this._toEntries.some(e => e.group === t.group && e.kind === t.kind && e.name === t.name)) {
        throw constructError(this.where, 'duplicate', `${field} duplicates an existing entry (group '${t.group}', kind ${t.kind}${t.name !== undefined ? `, name ${t.name}` : ''})`, field);
      }
      checkMaxItems(this._toEntries.length + 1, MAX_ENTRIES, this.where, 'to');
      this._toEntries.push({ group: t.group, kind: t.kind, ...(t.name !== undefined ? { name: t.name } : {}) });
    }
  }

  /**
   * Whether this grant lets `from` refer to `to` (the namespace of `to` is
   * not compared: it is this grant's namespace by definition).
   */
  public permits(from: ReferenceGrantFrom, to: ReferenceGrantTo): boolean {
    return grantPermits(this.fromEntries, this._toEntries, from, to);
  }

  /** @internal whether one of this grant's `to` entries already covers `target` */
  private recordUse(target: ReferenceGrantTo, inUse: (() => boolean) | undefined): void {
    const key = entryKey(target);
    if (inUse === undefined) {
      this.kept.add(key);
      return;
    }
    const list = this.uses.get(key) ?? [];
    list.push(inUse);
    this.uses.set(key, list);
  }

  /** Removes the entries only references that are gone needed. */
  private dropUnused(): void {
    for (let i = this._toEntries.length - 1; i >= 0; i--) {
      const key = entryKey(this._toEntries[i]);
      const uses = this.uses.get(key);
      if (this.kept.has(key) || uses === undefined) continue;
      if (uses.some(u => u())) continue;
      this._toEntries.splice(i, 1);
      this.uses.delete(key);
    }
  }

  public _covers(target: ReferenceGrantTo): boolean {
    return this._toEntries.some(t => t.group === target.group && t.kind === target.kind && (t.name === undefined || t.name === target.name));
  }

  private renderSpec(): l1.ReferenceGrantSpec {
    return {
      from: this.fromEntries.map(f => ({ group: f.group, kind: f.kind, namespace: f.namespace })),
      to: this._toEntries.map(t => ({ group: t.group, kind: t.kind, ...(t.name !== undefined ? { name: t.name } : {}) })),
    };
  }
}

/** Identity of a `to` entry. */
function entryKey(t: ReferenceGrantTo): string {
  return `${t.group}|${t.kind}|${t.name ?? ''}`;
}

/** Names of the ReferenceGrants (of any origin) the app already has in `namespace`. */
function grantNamesIn(root: IConstruct, namespace: string): Set<string> {
  const names = new Set<string>();
  for (const c of root.node.findAll()) {
    if (ApiObject.isApiObject(c) && c.kind === 'ReferenceGrant' && c.apiGroup === GATEWAY_API_GROUP && c.metadata.namespace === namespace) {
      names.add(c.name);
    }
  }
  return names;
}

function grantPermits(
  fromEntries: readonly Partial<ReferenceGrantFrom>[],
  toEntries: readonly Partial<ReferenceGrantTo>[],
  from: ReferenceGrantFrom,
  to: ReferenceGrantTo,
): boolean {
  const fromOk = fromEntries.some(f => (f.group ?? '') === from.group && f.kind === from.kind && f.namespace === from.namespace);
  const toOk = toEntries.some(t => (t.group ?? '') === to.group && t.kind === to.kind
    && (t.name === undefined || t.name === '' || (to.name !== undefined && t.name === to.name)));
  return fromOk && toOk;
}

function checkGroupNotCore(group: string, where: Where, field: string): void {
  if (group === 'core') {
    throw constructError(where, 'invalid-value', `${field} "core" is invalid; the core API group (Service, Secret, ConfigMap) is written as ''`, field);
  }
  checkGroup(group, where, field);
}

function checkFrom(f: ReferenceGrantFrom, where: Where, field: string): void {
  checkGroupNotCore(f.group, where, `${field}.group`);
  checkKind(f.kind, where, `${field}.kind`);
  checkDnsLabel(f.namespace, where, `${field}.namespace`);
}

function checkTo(t: ReferenceGrantTo, where: Where, field: string): void {
  checkGroupNotCore(t.group, where, `${field}.group`);
  checkKind(t.kind, where, `${field}.kind`);
  if (t.name !== undefined) checkObjectName(t.name, where, `${field}.name`);
}

function describeTarget(to: ReferenceGrantTarget): string {
  return `${to.group === '' ? '' : `${to.group}/`}${to.kind} '${to.name}'`;
}

/** Keeps a generated object name within the 253 characters Kubernetes allows. */
function boundedName(name: string): string {
  if (name.length <= 253) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, 244)}-${hash}`;
}
