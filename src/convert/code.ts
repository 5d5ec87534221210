/**
 * The code a conversion writes, as a small tree of expressions: printed as
 * TypeScript source (`printModule`) and run on the real constructs
 * (`evaluate`), so what is printed is what was checked.
 */

/** An expression of the generated constructor. */
export type Expr =
  /** Plain data (string, number, boolean, arrays and objects of them), printed as a literal. */
  | { readonly k: 'data'; readonly value: unknown }
  | { readonly k: 'array'; readonly items: readonly Expr[] }
  | { readonly k: 'object'; readonly entries: ReadonlyArray<readonly [string, Expr]> }
  /** A variable declared by an earlier statement. */
  | { readonly k: 'var'; readonly name: string }
  /** The chart (`this`). */
  | { readonly k: 'this' }
  /** `Class.member` or `expr.member`. */
  | { readonly k: 'get'; readonly target: Expr | string; readonly name: string }
  /** `Class.method(...)` or `expr.method(...)`. */
  | { readonly k: 'call'; readonly target: Expr | string; readonly name: string; readonly args: readonly Expr[] }
  | { readonly k: 'new'; readonly cls: string; readonly args: readonly Expr[] };

/** One statement: `const NAME = EXPR;` or `EXPR;`, after its comment lines. */
export interface Statement {
  readonly comments: readonly string[];
  /** The variable declared. @default - none, an expression statement */
  readonly declare?: string;
  readonly expr: Expr;
  /** The manifest field the statement writes (for reports). @default - the whole object */
  readonly field?: string;
}

export const data = (value: unknown): Expr => ({ k: 'data', value });
export const arr = (items: readonly Expr[]): Expr => ({ k: 'array', items });
export const obj = (entries: ReadonlyArray<readonly [string, Expr | undefined]>): Expr =>
  ({ k: 'object', entries: entries.filter((e): e is readonly [string, Expr] => e[1] !== undefined) });
export const ref = (name: string): Expr => ({ k: 'var', name });
export const THIS: Expr = { k: 'this' };
export const get = (target: Expr | string, name: string): Expr => ({ k: 'get', target, name });
export const call = (target: Expr | string, name: string, ...args: Expr[]): Expr => ({ k: 'call', target, name, args });
export const make = (cls: string, ...args: Expr[]): Expr => ({ k: 'new', cls, args });

/** The classes (and enums) an expression names. */
export function classesOf(e: Expr, out: Set<string>): Set<string> {
  switch (e.k) {
    case 'array': e.items.forEach((i) => classesOf(i, out)); break;
    case 'object': e.entries.forEach(([, v]) => classesOf(v, out)); break;
    case 'get': if (typeof e.target === 'string') out.add(e.target); else classesOf(e.target, out); break;
    case 'call':
      if (typeof e.target === 'string') out.add(e.target); else classesOf(e.target, out);
      e.args.forEach((a) => classesOf(a, out));
      break;
    case 'new': out.add(e.cls); e.args.forEach((a) => classesOf(a, out)); break;
    default: break;
  }
  return out;
}

// ---------------------------------------------------------------- evaluation

/** Runs `e` with `classes` standing for the class names and `vars` for the variables. */
export function evaluate(e: Expr, self: unknown, classes: Readonly<Record<string, unknown>>, vars: ReadonlyMap<string, unknown>): unknown {
  const ev = (x: Expr): unknown => evaluate(x, self, classes, vars);
  const target = (t: Expr | string): Record<string, unknown> => {
    if (typeof t !== 'string') return ev(t) as Record<string, unknown>;
    if (!Object.prototype.hasOwnProperty.call(classes, t)) throw new Error(`internal: no class ${t}`);
    return classes[t] as Record<string, unknown>;
  };
  switch (e.k) {
    case 'data': return structuredClone(e.value);
    case 'array': return e.items.map(ev);
    case 'object': return Object.fromEntries(e.entries.map(([k, v]) => [k, ev(v)]));
    case 'var':
      if (!vars.has(e.name)) throw new Error(`internal: no variable ${e.name}`);
      return vars.get(e.name);
    case 'this': return self;
    case 'get': return target(e.target)[e.name];
    case 'call': {
      const t = target(e.target);
      return (t[e.name] as (...a: unknown[]) => unknown).apply(t, e.args.map(ev));
    }
    case 'new': {
      const C = target(e.cls) as unknown as new (...a: unknown[]) => unknown;
      return new C(...e.args.map(ev));
    }
  }
}

// ------------------------------------------------------------------ printing

const WIDTH = 120;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A string as a single-quoted TypeScript literal. */
export function quote(s: string): string {
  const body = s.replace(/[\\'\u0000-\u001f\u007f\u2028\u2029]/g, (c) => {
    switch (c) {
      case '\\': return '\\\\';
      case '\'': return '\\\'';
      case '\n': return '\\n';
      case '\r': return '\\r';
      case '\t': return '\\t';
      default: return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
  return `'${body}'`;
}

function key(k: string): string {
  return IDENTIFIER.test(k) ? k : quote(k);
}

/** Data as an expression tree, so that it prints like the rest. */
function dataExpr(value: unknown): Expr {
  if (Array.isArray(value)) return arr(value.map(dataExpr));
  if (value !== null && typeof value === 'object') return obj(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, dataExpr(v)]));
  return data(value);
}

function scalar(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  throw new Error(`internal: cannot print ${typeof value}`);
}

function flat(e: Expr): string {
  switch (e.k) {
    case 'data':
      return e.value !== null && typeof e.value === 'object' ? flat(dataExpr(e.value)) : scalar(e.value);
    case 'array': return `[${e.items.map(flat).join(', ')}]`;
    case 'object': return e.entries.length === 0 ? '{}' : `{ ${e.entries.map(([k, v]) => `${key(k)}: ${flat(v)}`).join(', ')} }`;
    case 'var': return e.name;
    case 'this': return 'this';
    case 'get': return `${typeof e.target === 'string' ? e.target : flat(e.target)}.${e.name}`;
    case 'call': return `${typeof e.target === 'string' ? e.target : flat(e.target)}.${e.name}(${e.args.map(flat).join(', ')})`;
    case 'new': return `new ${e.cls}(${e.args.map(flat).join(', ')})`;
  }
}

/** `e` printed at `indent`, after `used` characters already on its first line; broken over lines when too wide. */
function print(e: Expr, indent: string, used: number): string {
  const one = flat(e);
  if (indent.length + used + one.length <= WIDTH && !one.includes('\n')) return one;
  const inner = `${indent}  `;
  switch (e.k) {
    case 'data':
      return e.value !== null && typeof e.value === 'object' ? print(dataExpr(e.value), indent, used) : one;
    case 'array':
      if (e.items.length === 0) return '[]';
      return `[\n${e.items.map((i) => `${inner}${print(i, inner, 0)},\n`).join('')}${indent}]`;
    case 'object':
      if (e.entries.length === 0) return '{}';
      return `{\n${e.entries.map(([k, v]) => `${inner}${key(k)}: ${print(v, inner, key(k).length + 2)},\n`).join('')}${indent}}`;
    case 'get': return one;
    case 'call':
    case 'new': {
      const head = e.k === 'new' ? `new ${e.cls}(` : `${typeof e.target === 'string' ? e.target : print(e.target, indent, used)}.${e.name}(`;
      const args = e.args;
      if (args.length === 0) return `${head})`;
      // The last argument (an object or array) hugs the call when the others fit on its line.
      const last = args[args.length - 1];
      const lead = args.slice(0, -1).map(flat);
      const before = `${head}${lead.map((a) => `${a}, `).join('')}`;
      const lastLine = head.lastIndexOf('\n') >= 0 ? before.slice(before.lastIndexOf('\n') + 1).length : used + before.length;
      if ((last.k === 'object' || last.k === 'array' || (last.k === 'data' && typeof last.value === 'object' && last.value !== null))
        && indent.length + lastLine + 1 <= WIDTH) {
        return `${before}${print(last, indent, lastLine)})`;
      }
      return `${head}\n${args.map((a) => `${inner}${print(a, inner, 0)},\n`).join('')}${indent})`;
    }
    default: return one;
  }
}

/** A statement printed at `indent`. */
export function printStatement(s: Statement, indent: string): string {
  const lines = s.comments.map((c) => `${indent}// ${c.replace(/\s*\n\s*/g, ' ')}\n`).join('');
  const prefix = s.declare !== undefined ? `const ${s.declare} = ` : '';
  return `${lines}${indent}${prefix}${print(s.expr, indent, prefix.length)};\n`;
}

/** The module: imports (cdk8s names, package names), then `export class NAME extends Chart` building the statements. */
export function printModule(className: string, header: readonly string[], body: readonly Statement[], packageClasses: ReadonlySet<string>,
  packageName: string): string {
  const used = new Set<string>();
  for (const s of body) classesOf(s.expr, used);
  const referenced = new Set<string>();
  for (const s of body) variablesOf(s.expr, referenced);
  const fromCdk8s = ['ApiObject', 'Chart', 'ChartProps', 'Duration'].filter((c) => c === 'Chart' || c === 'ChartProps' || used.has(c));
  const fromPackage = [...used].filter((c) => packageClasses.has(c)).sort();
  const imports = [
    `import { ${fromCdk8s.join(', ')} } from 'cdk8s';\n`,
    'import { Construct } from \'constructs\';\n',
    ...(fromPackage.length > 0 ? [importLine(fromPackage, packageName)] : []),
  ];
  const head = header.map((h) => `// ${h}\n`).join('');
  // a variable nothing refers to is not declared (noUnusedLocals); a statement without comments continues the object above
  const statements = body.map((s, i) => {
    const declared = s.declare !== undefined && referenced.has(s.declare) ? s : { comments: s.comments, expr: s.expr };
    return `${i > 0 && s.comments.length > 0 ? '\n' : ''}${printStatement(declared, '    ')}`;
  }).join('');
  return `${head}${imports.join('')}\n` +
    `export class ${className} extends Chart {\n` +
    '  constructor(scope: Construct, id: string, props: ChartProps = {}) {\n' +
    '    super(scope, id, props);\n' +
    (statements.length > 0 ? `\n${statements}` : '') +
    '  }\n' +
    '}\n';
}

/** The variables an expression refers to. */
export function variablesOf(e: Expr, out: Set<string>): Set<string> {
  switch (e.k) {
    case 'var': out.add(e.name); break;
    case 'array': e.items.forEach((i) => variablesOf(i, out)); break;
    case 'object': e.entries.forEach(([, v]) => variablesOf(v, out)); break;
    case 'get': if (typeof e.target !== 'string') variablesOf(e.target, out); break;
    case 'call':
      if (typeof e.target !== 'string') variablesOf(e.target, out);
      e.args.forEach((a) => variablesOf(a, out));
      break;
    case 'new': e.args.forEach((a) => variablesOf(a, out)); break;
    default: break;
  }
  return out;
}

function importLine(names: readonly string[], from: string): string {
  const one = `import { ${names.join(', ')} } from '${from}';\n`;
  if (one.length <= WIDTH + 1) return one;
  const lines: string[] = [];
  let line = '';
  for (const n of names) {
    if (line.length > 0 && line.length + n.length + 3 > WIDTH) {
      lines.push(line);
      line = '';
    }
    line += line.length === 0 ? `  ${n},` : ` ${n},`;
  }
  if (line.length > 0) lines.push(line);
  return `import {\n${lines.join('\n')}\n} from '${from}';\n`;
}
