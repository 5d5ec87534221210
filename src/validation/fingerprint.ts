/** A 32-bit FNV-1a fingerprint of `text`'s UTF-16 code units (an unsigned integer). */
export function fingerprint(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
