import { IConstruct } from 'constructs';

/**
 * Library state that belongs to one construct tree (one app): the automatic
 * ReferenceGrants, the app-wide synth validation. It is kept on the tree's
 * root construct, under a symbol private to this library (the idiom AWS CDK
 * uses for per-stack caches), not in module-level registries: it lives and
 * dies with the app, and two apps in one process never see each other's.
 * Internal, not exported from index.ts.
 */
export class TreeState<T> {
  private readonly key: symbol;

  /** @param description names the state in debuggers (`Symbol(description)`) */
  public constructor(description: string) {
    this.key = Symbol(description);
  }

  /** The state of the tree `scope` belongs to, if it was made; undefined otherwise (nothing is made). */
  public find(scope: IConstruct): T | undefined {
    return (rootOf(scope) as IConstruct & { [key: symbol]: T | undefined })[this.key];
  }

  /** The state of the tree `scope` belongs to, made by `create` on first use. */
  public of(scope: IConstruct, create: (root: IConstruct) => T): T {
    const root = rootOf(scope) as IConstruct & { [key: symbol]: T | undefined };
    let value = root[this.key];
    if (value === undefined) {
      value = create(root);
      defineHidden(root, this.key, value);
    }
    return value;
  }
}

/**
 * Keeps `value` on `target` under a symbol private to this library: not
 * enumerable (a copy or spread of the object does not carry it), not
 * reconfigurable, and read-only unless `writable`.
 */
export function defineHidden(target: object, key: symbol, value: unknown, writable = false): void {
  Object.defineProperty(target, key, { value, enumerable: false, writable, configurable: false });
}

/**
 * The root of the tree `scope` belongs to: `node.root`, found by walking up the scopes without the list of every
 * ancestor that `node.root` builds on each call (every library construct and every named backend asks for it).
 */
export function rootOf(scope: IConstruct): IConstruct {
  let c = scope;
  for (let up = c.node.scope; up !== undefined; up = up.node.scope) c = up;
  return c;
}
