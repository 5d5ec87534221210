import * as fs from 'fs';
import * as path from 'path';

/**
 * One comment line of the Gateway API Go sources that holds MUST or MUST NOT,
 * keyed by what it documents: `<file> <Owner> #<n>`, where Owner is the type
 * (`Listener`), field (`Listener.Hostname`) or constant the comment block
 * sits on, and n counts the MUST lines of that owner in file order (from 1).
 */
export interface MustLine {
  readonly key: string;
  readonly file: string;
  readonly owner: string;
  readonly line: number;
  readonly text: string;
}

const MUST = /\bMUST\b/;

/** The identifier a code line declares: a type, a struct field or a constant, or undefined. */
function declared(code: string): { type?: string; member?: string } | undefined {
  const t = /^type\s+([A-Z]\w*)\b/.exec(code);
  if (t) return { type: t[1] };
  const m = /^([A-Z]\w*)\b/.exec(code);
  if (m) return { member: m[1] };
  return undefined;
}

/** Every MUST line of one Go source text. */
export function mustLinesOf(file: string, text: string): MustLine[] {
  const lines = text.split('\n');
  const out: MustLine[] = [];
  const counts = new Map<string, number>();
  let struct: string | undefined;
  let pending: Array<{ line: number; text: string }> = [];
  lines.forEach((raw, i) => {
    const s = raw.trim();
    if (s.startsWith('//')) {
      if (MUST.test(s)) pending.push({ line: i + 1, text: s.replace(/^\/\/\s?/, '') });
      return;
    }
    if (s === '') {
      // a blank line ends a comment block that documents nothing: it belongs to the file
      if (pending.length) flush(pending, 'file');
      pending = [];
      return;
    }
    const d = declared(s);
    let owner = 'file';
    if (d?.type) {
      owner = d.type;
      struct = /\bstruct\s*\{\s*$/.test(s) ? d.type : undefined;
    } else if (d?.member) {
      owner = struct ? `${struct}.${d.member}` : d.member;
    }
    if (s === '}' || s === ')') struct = s === '}' ? undefined : struct;
    if (pending.length) flush(pending, owner);
    pending = [];
  });
  if (pending.length) flush(pending, 'file');
  return out;

  function flush(block: Array<{ line: number; text: string }>, owner: string): void {
    for (const b of block) {
      const n = (counts.get(owner) ?? 0) + 1;
      counts.set(owner, n);
      out.push({ key: `${file} ${owner} #${n}`, file, owner, line: b.line, text: b.text });
    }
  }
}

/** Every MUST line of `apis/v1/*_types.go` under a Gateway API source folder. */
export function specMustLines(apisV1: string): MustLine[] {
  return fs.readdirSync(apisV1).filter((f) => f.endsWith('_types.go')).sort()
    .flatMap((f) => mustLinesOf(f, fs.readFileSync(path.join(apisV1, f), 'utf8')));
}

/** How a MUST is accounted for in docs/spec-musts.md. */
export const CLASSES = ['tested', 'not observable offline', 'not modelled'] as const;

/** One row of the table in docs/spec-musts.md. */
export interface MustRow {
  /** Line of the row in the doc (1-based). */
  readonly line: number;
  /** The MUST-line keys the row accounts for. */
  readonly keys: string[];
  readonly rule: string;
  readonly cls: string;
  readonly how: string;
  /** `[test file, text that must occur in it]` pairs; empty for rows not tested. */
  readonly tests: Array<[string, string]>;
}

/**
 * The rows of the doc's table: `| keys | rule | class | how | test |`. The key
 * cell is `` `<file> <Owner> #n #m` ``; the test cell lists `` `path` › text ``
 * entries separated by `;`, or `—`.
 */
export function readMustRows(doc: string): MustRow[] {
  const out: MustRow[] = [];
  doc.split('\n').forEach((l, i) => {
    if (!l.startsWith('| `')) return;
    const cells = l.slice(1, l.endsWith('|') ? -1 : undefined).split(' | ').map((c) => c.trim());
    const [keyCell, rule, cls, how, testCell] = cells;
    const m = /^`(\S+) (\S+)((?: #\d+)+)`$/.exec(keyCell);
    const keys = m ? m[3].trim().split(' ').map((n) => `${m[1]} ${m[2]} ${n}`) : [];
    const tests: Array<[string, string]> = testCell === undefined || testCell === '—' ? [] : testCell.split('; ').map((t) => {
      const tm = /^`([^`]+)` › (.+)$/.exec(t.trim());
      return tm ? [tm[1], tm[2]] as [string, string] : ['', t];
    });
    out.push({ line: i + 1, keys, rule: rule ?? '', cls: cls ?? '', how: how ?? '', tests });
  });
  return out;
}

/**
 * What is wrong with a table against the MUST lines of the sources: a line
 * with no row, a row naming a line the sources do not have, a line in two
 * rows, a malformed key cell, an unknown class, a tested row without a test
 * or whose test file or text does not exist, an untested row without a reason.
 */
export function tableProblems(lines: readonly MustLine[], rows: readonly MustRow[], fileText: (p: string) => string | undefined): string[] {
  const problems: string[] = [];
  const known = new Set(lines.map((l) => l.key));
  const seen = new Map<string, number>();
  for (const r of rows) {
    if (r.keys.length === 0) problems.push(`line ${r.line}: the first cell is not \`<file> <Owner> #n ...\``);
    for (const k of r.keys) {
      if (!known.has(k)) problems.push(`line ${r.line}: ${k} is no MUST line of the sources`);
      if (seen.has(k)) problems.push(`line ${r.line}: ${k} already has a row (line ${seen.get(k)})`);
      else seen.set(k, r.line);
    }
    if (!(CLASSES as readonly string[]).includes(r.cls)) problems.push(`line ${r.line}: class '${r.cls}' is not one of ${CLASSES.join(', ')}`);
    if (r.rule.length < 10) problems.push(`line ${r.line}: the rule is not stated`);
    if (r.cls === 'tested') {
      if (r.tests.length === 0) problems.push(`line ${r.line}: a tested row names no test`);
      for (const [file, text] of r.tests) {
        const body = file ? fileText(file) : undefined;
        if (body === undefined) problems.push(`line ${r.line}: test file '${file || text}' does not exist`);
        else if (!body.includes(text)) problems.push(`line ${r.line}: ${file} does not contain '${text}'`);
      }
    } else if ((CLASSES as readonly string[]).includes(r.cls) && r.how.length < 10) {problems.push(`line ${r.line}: a row that is ${r.cls} must say why`);}
  }
  for (const l of lines) if (!seen.has(l.key)) problems.push(`no row for ${l.key} (${l.file}:${l.line}: ${l.text})`);
  return problems;
}
