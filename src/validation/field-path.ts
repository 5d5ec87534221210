/**
 * Field locations inside a manifest, written the way users read them:
 * `spec.rules[1].matches[0].path.value`, `metadata.labels['app.kubernetes.io/name']`.
 */

/** One step into a JSON value: a property name or an array index. */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Renders path segments as a field location; the empty path renders as ''. */
export function formatFieldPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (IDENTIFIER.test(s)) out += out === '' ? s : `.${s}`;
    else out += `['${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
  }
  return out;
}

/**
 * Decodes a JSON pointer (`/spec/rules/0`, as ajv reports it) into segments, walking `root`
 * so that steps into arrays become indexes and steps into objects stay names.
 */
export function segmentsFromJsonPointer(pointer: string, root: unknown): PathSegment[] {
  if (pointer === '') return [];
  const out: PathSegment[] = [];
  let node: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const step = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^(0|[1-9][0-9]*)$/.test(step)) {
      out.push(Number(step));
      node = node[Number(step)];
    } else {
      out.push(step);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[step] : undefined;
    }
  }
  return out;
}

/**
 * Reads a field location written by {@link formatFieldPath} back into
 * segments (`spec.rules[1].matches[0]` → `['spec', 'rules', 1, 'matches', 0]`).
 * Reading stops at the first part it cannot read: what it returns is then the
 * path of an enclosing field, never a guessed one.
 */
export function parseFieldPath(field: string): PathSegment[] {
  const out: PathSegment[] = [];
  let i = 0;
  while (i < field.length) {
    if (field[i] === '.' && out.length > 0) i++;
    const index = /^\[(0|[1-9][0-9]*)\]/.exec(field.slice(i));
    if (index) {
      out.push(Number(index[1]));
      i += index[0].length;
      continue;
    }
    if (field.startsWith("['", i)) {
      let name = '';
      let j = i + 2;
      while (j < field.length && field[j] !== "'") {
        if (field[j] === '\\' && j + 1 < field.length) j++;
        name += field[j];
        j++;
      }
      if (!field.startsWith("']", j)) return out;
      out.push(name);
      i = j + 2;
      continue;
    }
    const name = /^[A-Za-z_$][A-Za-z0-9_$-]*/.exec(field.slice(i));
    if (!name) return out;
    out.push(name[0]);
    i += name[0].length;
  }
  return out;
}
