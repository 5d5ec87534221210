/**
 * Two manifests naming the same object (kind, namespace, name): applied
 * together, the later one silently replaces the earlier one.
 */
import { parseApiVersion } from './crd-data';
import type { Diagnostic, SourcedObject } from './diagnostic';
import { describeObject } from './diagnostic';
import { objectIdentity } from './validate-object';

/** Objects that repeat an earlier object's kind, namespace and name; by index in `items`. */
export function checkDuplicateObjects(items: readonly SourcedObject[]): { index: number; diagnostic: Diagnostic }[] {
  const first = new Map<string, number>();
  const out: { index: number; diagnostic: Diagnostic }[] = [];
  items.forEach((item, index) => {
    const id = objectIdentity(item.object);
    if (!id || id.name === undefined) return;
    const { group } = parseApiVersion(String((item.object as { apiVersion?: unknown }).apiVersion ?? ''));
    const key = `${group}|${id.kind}|${id.namespace ?? ''}|${id.name}`;
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, index);
      return;
    }
    const where = items[earlier].source ? ` (${items[earlier].source})` : ` (object #${earlier})`;
    out.push({
      index,
      diagnostic: {
        code: 'object/duplicate',
        severity: 'error',
        message: `${describeObject(id)} is defined twice: this one replaces the earlier one${where} when both are applied; give one of them another name or namespace, or remove one`,
        fix: 'give one of them another name or namespace, or remove one',
        object: id,
        field: 'metadata.name',
      },
    });
  });
  return out;
}
