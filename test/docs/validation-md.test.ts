import * as fs from 'fs';
import * as path from 'path';
import { EXPERIMENTAL_CRDS, STANDARD_CRDS } from '../../generated';
import { compiledRules } from '../../src/validation/cel-rules';

const docs = fs.readFileSync(path.join(__dirname, '../../docs/validation.md'), 'utf8');
const documented = new Set([...docs.matchAll(/`([a-z]+\/[a-z0-9/-]+|[a-z0-9-]+)`/g)].map((m) => m[1]));

describe('docs/validation.md', () => {
  test('lists the slug of every CEL code', () => {
    const slugs = new Set<string>();
    for (const crd of [...Object.values(STANDARD_CRDS), ...Object.values(EXPERIMENTAL_CRDS)]) {
      for (const r of compiledRules(crd).rules) slugs.add(r.code.split('/')[2]);
    }
    expect([...slugs].filter((s) => !documented.has(s)).sort()).toEqual([]);
  });

  test('lists every other code the validation sources can emit', () => {
    const dir = path.join(__dirname, '../../src/validation');
    const codes = new Set<string>();
    for (const file of fs.readdirSync(dir)) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const m of text.matchAll(/'((?:input|object|api|metadata|schema|route|xref)\/[a-z-]+)'/g)) codes.add(m[1]);
      for (const m of text.matchAll(/make\('([a-z-]+)'/g)) codes.add(`schema/${m[1]}`);
    }
    expect(codes.size).toBeGreaterThan(40);
    expect([...codes].filter((c) => !documented.has(c)).sort()).toEqual([]);
  });
});
