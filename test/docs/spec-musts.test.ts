import * as fs from 'fs';
import * as path from 'path';
import { testWithShared } from '../support/shared';
import { MustLine, mustLinesOf, readMustRows, specMustLines, tableProblems } from '../support/spec-musts';

/**
 * docs/spec-musts.md gives every MUST / MUST NOT line of apis/v1/*_types.go
 * (Gateway API v1.6.1) a row: tested (with the test that shows it), not
 * observable offline, or not modelled (with the reason).
 */
const ROOT = path.join(__dirname, '../..');
const doc = fs.readFileSync(path.join(ROOT, 'docs/spec-musts.md'), 'utf8');
const rows = readMustRows(doc);
const fileText = (p: string) => (fs.existsSync(path.join(ROOT, p)) && fs.statSync(path.join(ROOT, p)).isFile() ? fs.readFileSync(path.join(ROOT, p), 'utf8') : undefined);

describe('docs/spec-musts.md', () => {
  testWithShared('has a row for every MUST line of apis/v1 v1.6.1, and no row for a line that is not there', (shared) => {
    const lines = specMustLines(path.join(shared, 'gateway-api/v1.6.1/apis/v1'));
    expect(lines.length).toBeGreaterThan(250);
    expect(tableProblems(lines, rows, fileText)).toEqual([]);
  });

  testWithShared('states the counts per class, counted in MUST lines', (shared) => {
    const lines = specMustLines(path.join(shared, 'gateway-api/v1.6.1/apis/v1'));
    const count = (cls: string) => rows.filter((r) => r.cls === cls).reduce((n, r) => n + r.keys.length, 0);
    expect(count('tested') + count('not observable offline') + count('not modelled')).toBe(lines.length);
    expect(doc).toContain(`${lines.length} MUST lines: ${count('tested')} tested, ${count('not observable offline')} not observable offline, ${count('not modelled')} not modelled.`);
  });
});

describe('the MUST-line reader', () => {
  const go = [
    '// Thing is a thing. It MUST be round.',
    '// +kubebuilder:validation:MaxItems=8',
    'type Thing struct {',
    '\t// Size MUST be positive.',
    '\t// It MUST NOT be 7 and must be odd.',
    '\tSize int `json:"size"`',
    '',
    '\t// Inline MUST hold.',
    '\tOther `json:",inline"`',
    '}',
    '',
    '// a note that MUST belong to the file',
    '',
    'const (',
    '\t// ThingRound MUST be used.',
    '\tThingRound Kind = "Round"',
    ')',
    '// Free MUST be free.',
    'type Free string',
  ].join('\n');
  const keys = (ls: MustLine[]) => ls.map((l) => `${l.key}@${l.line}`);

  test('keys each MUST line by the type, field or constant its comment documents, and counts per owner', () => {
    expect(keys(mustLinesOf('x_types.go', go))).toEqual([
      'x_types.go Thing #1@1', 'x_types.go Thing.Size #1@4', 'x_types.go Thing.Size #2@5', 'x_types.go Thing.Other #1@8',
      'x_types.go file #1@12', 'x_types.go ThingRound #1@15', 'x_types.go Free #1@18',
    ]);
  });

  test('lower-case must and MUSTARD are not MUST lines', () => {
    expect(mustLinesOf('x.go', '// it must be\n// MUSTARD is yellow\nFoo int')).toEqual([]);
  });
});

describe('the table checker fails where it must', () => {
  const lines: MustLine[] = [
    { key: 'a.go A #1', file: 'a.go', owner: 'A', line: 3, text: 'A MUST be' },
    { key: 'a.go A #2', file: 'a.go', owner: 'A', line: 4, text: 'A MUST NOT be' },
  ];
  const files = (p: string) => (p === 'test/x.test.ts' ? "test('round things', ...)" : undefined);
  const table = (...body: string[]) => readMustRows(['| MUST line(s) | Rule | Class | How | Test |', '| --- | --- | --- | --- | --- |', ...body].join('\n'));

  test('a complete table passes', () => {
    expect(tableProblems(lines, table(
      '| `a.go A #1` | things are round | tested | routing decision | `test/x.test.ts` › round things |',
      '| `a.go A #2` | things are not square | not modelled | the plane has no squares |',
    ), files)).toEqual([]);
  });

  test('a MUST line without a row, a stale key, a repeated key', () => {
    expect(tableProblems(lines, table(
      '| `a.go A #1 #3` | things are round | tested | routing decision | `test/x.test.ts` › round things |',
      '| `a.go A #1` | things are round again | not modelled | no reason needed? yes, here it is |',
    ), files)).toEqual([
      'line 3: a.go A #3 is no MUST line of the sources',
      'line 4: a.go A #1 already has a row (line 3)',
      'no row for a.go A #2 (a.go:4: A MUST NOT be)',
    ]);
  });

  test('a test file that does not exist, a test text not in it, a tested row with no test, an unknown class, a missing reason', () => {
    expect(tableProblems(lines, table(
      '| `a.go A #1` | things are round | tested | routing decision | `test/gone.test.ts` › round things; `test/x.test.ts` › square things |',
      '| `a.go A #2` | things are not square | tested | status | — |',
    ), files)).toEqual([
      "line 3: test file 'test/gone.test.ts' does not exist",
      "line 3: test/x.test.ts does not contain 'square things'",
      'line 4: a tested row names no test',
    ]);
    expect(tableProblems(lines, table(
      '| `a.go A #1` | things are round | maybe | x |',
      '| `a.go A #2` | things are not square | not observable offline | |',
    ), files)).toEqual([
      "line 3: class 'maybe' is not one of tested, not observable offline, not modelled",
      'line 4: a row that is not observable offline must say why',
    ]);
  });

  test('a malformed key cell is reported', () => {
    expect(tableProblems([], table('| `a.go A` | things are round | not modelled | because of reasons |'), files)).toEqual(['line 3: the first cell is not `<file> <Owner> #n ...`']);
  });
});
