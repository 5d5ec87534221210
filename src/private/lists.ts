/**
 * Small helpers for the lists a construct keeps (its parents, rules, a
 * backend's filters). Internal, not exported from index.ts.
 */

/**
 * One frozen empty list shared by every construct and value that holds none
 * (most backends have no filters, most matches no query parameters): an empty
 * list per holder is an object per holder that the garbage collector copies
 * with the construct tree.
 */
const NONE: readonly never[] = Object.freeze([]);

/** `items` copied, or the shared empty list when there are none (the copy keeps later changes to `items` out). */
export function listOf<T>(items: readonly T[] | undefined): readonly T[] {
  return items === undefined || items.length === 0 ? NONE : [...items];
}

/**
 * `list` with `item` appended, as a new list of exactly that length. A list a
 * construct grows one item at a time by `push` gets room for 17 items at the
 * first push; most routes have one parent, one hostname and a rule or two.
 */
export function appended<T>(list: readonly T[], item: T): readonly T[] {
  // concat allocates the result at its final length (a spread followed by one more item does not).
  return list.concat([item]);
}
