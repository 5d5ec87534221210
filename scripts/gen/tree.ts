import * as fs from 'fs';
import * as path from 'path';

/** Writes `files` under `outDir`, removing files there that are no longer generated. */
export function writeTree(outDir: string, files: Map<string, string>): { written: number; removed: number; bytes: number } {
  let removed = 0;
  if (fs.existsSync(outDir)) {
    for (const existing of listFiles(outDir)) {
      if (!files.has(existing)) {
        fs.rmSync(path.join(outDir, existing));
        removed++;
      }
    }
  }
  let bytes = 0;
  for (const [file, text] of files) {
    const target = path.join(outDir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== text) fs.writeFileSync(target, text);
    bytes += Buffer.byteLength(text);
  }
  return { written: files.size, removed, bytes };
}

export function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, rel));
    else out.push(rel);
  }
  return out.sort();
}
