/**
 * The config file of the command line, `.cdk8s-gateway.yaml`: settings a
 * repository keeps once instead of on every command (schema:
 * schemas/cdk8s-gateway-config.schema.json in the package). It is found in
 * the working directory or the nearest parent that has one, searching up to
 * the repository root (the first folder holding `.git`, a folder or the file
 * of a worktree) or the filesystem root; `--config FILE` names it and
 * `--no-config` leaves it out. Command-line flags override it. Paths in it
 * (`exclude`, the `paths` of `ignore`) are relative to the file's folder.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import * as YAML from 'yaml';
import { CliError } from './cli-error';
import type { IgnoreRule } from './ignore';
import { CLI_DEFAULT_CHANNEL, type Channel, type InputSelection } from './input';
import { CONFIG_FILE_NAME } from '../validation/tooling-output';

export { CONFIG_FILE_NAME };

/** What a config file holds, as read. */
export interface CliConfig {
  /** The file it was read from. */
  readonly file: string;
  /** Globs of files and folders to leave out, relative to the file's folder. @default - none */
  readonly exclude?: readonly string[];
  /** Codes of findings to leave out, everywhere or under some paths. @default - none */
  readonly ignore?: readonly { readonly code: string; readonly paths?: readonly string[] }[];
  /** The release channel. @default - the command line's default */
  readonly channel?: Channel;
  /** Stand in for what the objects name but do not define. @default false */
  readonly assumeMissing?: boolean;
  /** Warnings fail `validate` and `lint` (exit 1) as errors do; `false` makes `lint` advisory (`--no-fail-on-warnings`). @default - each command's default (validate: false, lint: true) */
  readonly failOnWarnings?: boolean;
  /** The implementation `validate` and `compat` check against (a conformance report's project, or project/mode), as `--implementation`. @default - none */
  readonly implementation?: string;
}

/** The keys a config file may have: the loader reads exactly these (the schema's `properties`; a test checks they agree). */
export const CONFIG_KEYS = ['exclude', 'ignore', 'channel', 'assumeMissing', 'failOnWarnings', 'implementation'] as const;

/** The keys of an `ignore` entry written as a map. */
export const IGNORE_ENTRY_KEYS = ['code', 'paths'] as const;

/**
 * The config file that applies in `dir`: `.cdk8s-gateway.yaml` in `dir` or
 * the nearest parent, not above the first folder that holds `.git`; undefined
 * when there is none.
 */
export function findConfigFile(dir: string = process.cwd()): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    const candidate = path.join(current, CONFIG_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(current);
    if (fs.existsSync(path.join(current, '.git')) || parent === current) return undefined;
    current = parent;
  }
}

/** Reads and checks a config file (`shown`: its name in messages); every problem is a line of one {@link CliError} naming the file, the line and the key. */
export function loadConfig(file: string, shown: string = file): CliConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException | undefined;
    throw new CliError(`cannot read the config file ${shown}: ${e?.code === 'ENOENT' ? 'no such file' : String(e?.message ?? err)}`);
  }
  const lines = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter: lines });
  const lineOf = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lines.linePos(range[0]).line : 1;
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new CliError(`${shown}:${e.linePos?.[0].line ?? 1}: the config file is not valid YAML: ${e.message.split('\n')[0]}`);
  }
  const problems: string[] = [];
  const problem = (node: unknown, message: string) => problems.push(`${shown}:${lineOf(node)}: ${message}`);
  const config: { -readonly [K in keyof CliConfig]: CliConfig[K] } = { file };
  const root = doc.contents;
  if (root === null || (YAML.isScalar(root) && (root.value === null || root.value === undefined))) return config;
  if (!YAML.isMap(root)) {
    throw new CliError(`${shown}:${lineOf(root)}: the config file must be a map of settings (${CONFIG_KEYS.join(', ')})`);
  }
  for (const pair of root.items) {
    const key = YAML.isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const value = pair.value;
    const plain = YAML.isNode(value) ? value.toJSON() : value;
    const at = value ?? pair.key;
    switch (key) {
      case 'exclude':
        if (Array.isArray(plain) && plain.every((g) => typeof g === 'string' && g.trim() !== '')) config.exclude = plain as string[];
        else problem(at, 'exclude must be a list of globs of files and folders to leave out, relative to the config file\'s folder (e.g. [\'legacy/**\', \'charts/*/templates\'])');
        break;
      case 'ignore':
        config.ignore = readIgnore(value, (node, message) => problem(node ?? at, message));
        break;
      case 'channel':
        if (plain === 'standard' || plain === 'experimental') config.channel = plain;
        else problem(at, `channel must be standard or experimental, got ${JSON.stringify(plain)}`);
        break;
      case 'assumeMissing':
      case 'failOnWarnings':
        if (typeof plain === 'boolean') config[key] = plain;
        else problem(at, `${key} must be true or false, got ${JSON.stringify(plain)}`);
        break;
      case 'implementation':
        if (typeof plain === 'string' && plain.trim() !== '') config.implementation = plain.trim();
        else problem(at, `implementation must be a conformance report's project, or project/mode (e.g. envoy-gateway, kong-operator/expressions; docs/compatibility.md lists them), got ${JSON.stringify(plain)}`);
        break;
      default:
        problem(pair.key, `unknown key '${key}'; the config file's keys are ${CONFIG_KEYS.join(', ')}`);
    }
  }
  if (problems.length > 0) throw new CliError(problems.join('\n'));
  return config;
}

/** Reads `ignore`: a list of codes or `{ code, paths }` maps. */
function readIgnore(value: unknown, problem: (node: unknown, message: string) => void): CliConfig['ignore'] {
  const shape = 'ignore must be a list of codes or { code, paths } maps (e.g. [xref/backend-not-found, { code: lint/rule-shadowed, paths: [\'legacy/**\'] }])';
  if (!YAML.isSeq(value)) {
    problem(value, shape);
    return undefined;
  }
  const out: { code: string; paths?: string[] }[] = [];
  for (const entry of value.items) {
    if (YAML.isScalar(entry) && typeof entry.value === 'string' && entry.value.trim() !== '') {
      out.push({ code: entry.value.trim() });
      continue;
    }
    if (!YAML.isMap(entry)) {
      problem(entry, shape);
      continue;
    }
    let code: string | undefined;
    let paths: string[] | undefined;
    let ok = true;
    for (const pair of entry.items) {
      const key = YAML.isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const plain = YAML.isNode(pair.value) ? pair.value.toJSON() : pair.value;
      if (key === 'code' && typeof plain === 'string' && plain.trim() !== '') {
        code = plain.trim();
      } else if (key === 'paths' && Array.isArray(plain) && plain.length > 0 && plain.every((g) => typeof g === 'string' && g.trim() !== '')) {
        paths = plain as string[];
      } else {
        ok = false;
        problem(key === 'code' || key === 'paths' ? pair.value ?? pair.key : pair.key, key === 'code'
          ? 'ignore: code must be a finding\'s code, e.g. lint/rule-shadowed'
          : key === 'paths' ? 'ignore: paths must be a non-empty list of globs, relative to the config file\'s folder'
            : `ignore: unknown key '${key}' in an entry; an entry's keys are ${IGNORE_ENTRY_KEYS.join(', ')}`);
      }
    }
    if (code === undefined) {
      if (ok) problem(entry, 'ignore: an entry written as a map needs code (and optionally paths)');
      continue;
    }
    out.push({ code, ...(paths ? { paths } : {}) });
  }
  return out;
}

/** What a command that reads files runs with, config file and flags merged. */
export interface CommandSettings {
  /** The channel: `--channel` when given, else the config file's, else the default. */
  readonly channel: string;
  /** `--assume-missing` or the config file's `assumeMissing`. */
  readonly assumeMissing: boolean;
  /**
   * `--fail-on-warnings` / `--no-fail-on-warnings` when given on the command line, else the config file's
   * `failOnWarnings`.
   * @default - neither says: each command's default (validate false, lint true)
   */
  readonly failOnWarnings?: boolean;
  /** The config file's `ignore`, then `--ignore`. */
  readonly ignore: IgnoreRule[];
  /** Excludes (the config file's, then `--exclude`) and `--context`. */
  readonly input: InputSelection;
  /** The config file read, if any. @default - none */
  readonly configFile?: string;
  /**
   * The config file's `implementation`, with where it was read (`--implementation` flags win; the commands read them).
   * @default - the config file names none
   */
  readonly implementation?: { readonly name: string; readonly origin: string };
}

/** The options every command that reads files takes, as commander gives them. */
export interface InputFlags {
  /** `--channel`. @default - the config file's, else the default channel */
  readonly channel?: string;
  /** `--assume-missing`. @default - the config file's */
  readonly assumeMissing?: boolean;
  /** `--fail-on-warnings` (true) or `--no-fail-on-warnings` (false). @default - the config file's */
  readonly failOnWarnings?: boolean;
  /** `--ignore`. @default - none */
  readonly ignore?: string[];
  /** `--exclude`. @default - none */
  readonly exclude?: string[];
  /** `--context`. @default - none */
  readonly context?: string[];
  /** `--config FILE`, or false for `--no-config`. @default - the config file found from the working directory */
  readonly config?: string | boolean;
}

/** Collects a repeated option's values. */
function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Adds `--exclude`, `--context`, `--config` and `--no-config` to a command that reads files. */
export function addInputOptions(command: Command): Command {
  return command
    .option('--exclude <glob>', 'leave out the files and folders this glob matches (repeatable; relative to the working directory; ' +
      'a glob without / matches a name at any depth, e.g. --exclude \'legacy/**\' --exclude values.yaml)', collect)
    .option('--context <path>', 'more files, folders or globs whose objects cross-object checks see but whose own findings are not reported ' +
      '(repeatable; e.g. validate the changed files with --context . for the rest of the repository)', collect)
    .option('--config <file>', `the config file (default: ${CONFIG_FILE_NAME} in the working directory or a parent, up to the repository root)`)
    .option('--no-config', 'read no config file');
}

/**
 * Merges the config file (found or named) with the flags of `command`: a
 * flag given on the command line wins; lists (excludes, ignored codes) add up.
 */
export function commandSettings(command: Command, flags: InputFlags, cwd: string = process.cwd()): CommandSettings {
  const file = flags.config === false ? undefined : typeof flags.config === 'string' ? path.resolve(cwd, flags.config) : findConfigFile(cwd);
  // Errors, notes and summaries name the file as the user would: as given to --config, else relative to the working directory.
  const origin = typeof flags.config === 'string' ? flags.config : file ? path.relative(cwd, file) || file : '';
  const config = file ? loadConfig(file, origin) : undefined;
  const base = file ? path.dirname(file) : cwd;
  const channelGiven = command.getOptionValueSource('channel') === 'cli';
  const channel = channelGiven || !config?.channel ? flags.channel ?? CLI_DEFAULT_CHANNEL : config.channel;
  const failGiven = command.getOptionValueSource('failOnWarnings') === 'cli';
  const failOnWarnings = failGiven ? flags.failOnWarnings : config?.failOnWarnings ?? flags.failOnWarnings;
  const ignore: IgnoreRule[] = [
    ...(config?.ignore ?? []).map((r) => ({ code: r.code, ...(r.paths ? { paths: r.paths, base } : {}), origin })),
    ...(flags.ignore ?? []).map((code) => ({ code, origin: '--ignore' })),
  ];
  const exclude = [
    ...(config?.exclude ?? []).map((pattern) => ({ pattern, base, origin })),
    ...(flags.exclude ?? []).map((pattern) => ({ pattern, base: cwd, origin: '--exclude' })),
  ];
  return {
    channel,
    assumeMissing: flags.assumeMissing === true || config?.assumeMissing === true,
    ...(failOnWarnings !== undefined ? { failOnWarnings } : {}),
    ignore,
    input: { exclude, context: flags.context ?? [] },
    ...(file ? { configFile: file } : {}),
    ...(config?.implementation !== undefined ? { implementation: { name: config.implementation, origin } } : {}),
  };
}
