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
