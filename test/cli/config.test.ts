import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { Command } from 'commander';
import { CliError } from '../../src/cli/cli-error';
import { addInputOptions, commandSettings, CONFIG_KEYS, findConfigFile, IGNORE_ENTRY_KEYS, loadConfig } from '../../src/cli/config';
import { applyIgnore } from '../../src/cli/ignore';
import type { Diagnostic } from '../../src/validation';
import { fixture, ROOT, runCli } from '../support/cli';
import { scratchDir } from '../support/scratch-dir';

const SCHEMA = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/cdk8s-gateway-config.schema.json'), 'utf8'));
const REPO = fixture('team-repo');

const scratch = scratchDir('cli-config-', { each: true });


function loadError(file: string): string {
  try {
    loadConfig(file);
  } catch (err) {
    expect(err).toBeInstanceOf(CliError);
    return (err as Error).message;
  }
  throw new Error('loadConfig did not fail');
}

describe('the schema and the loader agree', () => {
  test('the schema\'s keys are the keys the loader reads, and so are those of an ignore entry', () => {
    expect(Object.keys(SCHEMA.properties).sort()).toEqual([...CONFIG_KEYS].sort());
    expect(SCHEMA.additionalProperties).toBe(false);
    const entry = SCHEMA.properties.ignore.items.oneOf.find((o: { type?: string }) => o.type === 'object');
    expect(Object.keys(entry.properties).sort()).toEqual([...IGNORE_ENTRY_KEYS].sort());
    expect(entry.additionalProperties).toBe(false);
  });

  // Each sample is valid for both or for neither.
  const samples: [string, string][] = [
    ['empty', ''],
    ['every key', 'exclude: [\'legacy/**\', values.yaml]\nignore: [xref/section-not-found, { code: lint/rule-shadowed, paths: [\'legacy/**\'] }]\nchannel: experimental\nassumeMissing: true\nfailOnWarnings: false\n'],
    ['an unknown key', 'exlude: [legacy]\n'],
    ['implementation', 'implementation: envoy-gateway\n'],
    ['implementation not a string', 'implementation: [envoy-gateway]\n'],
    ['exclude not a list', 'exclude: legacy\n'],
    ['an empty exclude glob', 'exclude: [\'\']\n'],
    ['a channel that does not exist', 'channel: beta\n'],
    ['assumeMissing not a boolean', 'assumeMissing: yes please\n'],
    ['failOnWarnings not a boolean', 'failOnWarnings: 1\n'],
    ['an ignore entry with an unknown key', 'ignore: [{ code: lint/rule-shadowed, path: [legacy] }]\n'],
    ['an ignore entry without code', 'ignore: [{ paths: [legacy] }]\n'],
    ['an ignore entry with empty paths', 'ignore: [{ code: lint/rule-shadowed, paths: [] }]\n'],
    ['an ignore code that is a number', 'ignore: [3]\n'],
    ['ignore not a list', 'ignore: lint/rule-shadowed\n'],
    ['a list, not a map', '- exclude\n'],
  ];
  const validate = new Ajv({ strict: false }).compile(SCHEMA);
  test.each(samples)('%s', (_name, text) => {
    const file = scratch.write('.cdk8s-gateway.yaml', text);
    const parsed = text.trim() === '' ? {} : require('yaml').parse(text);
    let loaderOk = true;
    try {
      loadConfig(file);
    } catch {
      loaderOk = false;
    }
    expect(loaderOk).toBe(validate(parsed));
  });
});

test('the example of docs/cli.md is a config file the loader and the schema accept', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/cli.md'), 'utf8');
  const example = /```yaml\n(# yaml-language-server: \$schema=node_modules\/cdk8s-gateway-api\/schemas\/cdk8s-gateway-config\.schema\.json[\s\S]*?)```/.exec(doc)![1];
  const config = loadConfig(scratch.write('.cdk8s-gateway.yaml', example));
  expect(Object.keys(config).filter((k) => k !== 'file').sort()).toEqual([...CONFIG_KEYS].sort());
  expect(new Ajv({ strict: false }).compile(SCHEMA)(require('yaml').parse(example))).toBe(true);
});

describe('loadConfig', () => {
  test('reads every key', () => {
    const file = scratch.write('c.yaml', 'exclude: [\'legacy/**\']\nignore:\n  - xref/section-not-found\n  - { code: lint/rule-shadowed, paths: [\'legacy/**\'] }\nchannel: experimental\nassumeMissing: true\nfailOnWarnings: true\n');
    expect(loadConfig(file)).toEqual({
      file,
      exclude: ['legacy/**'],
      ignore: [{ code: 'xref/section-not-found' }, { code: 'lint/rule-shadowed', paths: ['legacy/**'] }],
      channel: 'experimental',
      assumeMissing: true,
      failOnWarnings: true,
    });
    expect(loadConfig(scratch.write('empty.yaml', '# nothing set\n'))).toEqual({ file: path.join(scratch.path, 'empty.yaml') });
  });

  test('an unknown key is an error naming the file, the line and the key, with the keys there are; every problem is reported', () => {
    const file = scratch.write('c.yaml', '# settings\nchannel: standard\nexlude: [legacy]\nignore:\n  - { code: lint/rule-shadowed, path: [legacy] }\n');
    expect(loadError(file).split('\n')).toEqual([
      `${file}:3: unknown key 'exlude'; the config file's keys are exclude, ignore, channel, assumeMissing, failOnWarnings, implementation`,
      `${file}:5: ignore: unknown key 'path' in an entry; an entry's keys are code, paths`,
    ]);
  });

  test('implementation is a project name; anything else names the file, the line and what is valid', () => {
    expect(loadConfig(scratch.write('ok.yaml', 'implementation: kong-operator/expressions\n')).implementation).toBe('kong-operator/expressions');
    const file = scratch.write('c.yaml', 'channel: standard\nimplementation: [envoy-gateway]\n');
    expect(loadError(file)).toBe(`${file}:2: implementation must be a conformance report's project, or project/mode (e.g. envoy-gateway, kong-operator/expressions; docs/compatibility.md lists them), got ["envoy-gateway"]`);
  });

  test('values of the wrong type name the key, the line and what is valid', () => {
    const file = scratch.write('c.yaml', 'channel: beta\nassumeMissing: "true"\nexclude: legacy\n');
    expect(loadError(file).split('\n')).toEqual([
      `${file}:1: channel must be standard or experimental, got "beta"`,
      `${file}:2: assumeMissing must be true or false, got "true"`,
      `${file}:3: exclude must be a list of globs of files and folders to leave out, relative to the config file's folder (e.g. ['legacy/**', 'charts/*/templates'])`,
    ]);
  });

  test('a file that is not YAML, not a map, or absent is an error naming it', () => {
    expect(loadError(scratch.write('a.yaml', 'channel: [\n'))).toMatch(new RegExp(`^${path.join(scratch.path, 'a.yaml')}:\\d+: the config file is not valid YAML: `));
    expect(loadError(scratch.write('b.yaml', '- channel\n'))).toBe(`${path.join(scratch.path, 'b.yaml')}:1: the config file must be a map of settings (exclude, ignore, channel, assumeMissing, failOnWarnings, implementation)`);
    expect(loadError(path.join(scratch.path, 'none.yaml'))).toBe(`cannot read the config file ${path.join(scratch.path, 'none.yaml')}: no such file`);
  });
});

describe('findConfigFile: the working directory or a parent, up to the folder holding .git', () => {
  test('found in the folder itself and from a subfolder; the nearest wins', () => {
    const top = scratch.write('repo/.cdk8s-gateway.yaml', '');
    fs.mkdirSync(path.join(scratch.path, 'repo/.git'));
    fs.mkdirSync(path.join(scratch.path, 'repo/routes/shop'), { recursive: true });
    expect(findConfigFile(path.join(scratch.path, 'repo'))).toBe(top);
    expect(findConfigFile(path.join(scratch.path, 'repo/routes/shop'))).toBe(top);
    const nearer = scratch.write('repo/routes/.cdk8s-gateway.yaml', '');
    expect(findConfigFile(path.join(scratch.path, 'repo/routes/shop'))).toBe(nearer);
  });

  test('not above the repository root (a .git folder, or the .git file of a worktree)', () => {
    scratch.write('.cdk8s-gateway.yaml', '');
    fs.mkdirSync(path.join(scratch.path, 'repo/.git'), { recursive: true });
    fs.mkdirSync(path.join(scratch.path, 'repo/sub'));
    expect(findConfigFile(path.join(scratch.path, 'repo/sub'))).toBeUndefined();
    scratch.write('worktree/.git', 'gitdir: /elsewhere\n');
    expect(findConfigFile(path.join(scratch.path, 'worktree'))).toBeUndefined();
    // Without a repository boundary the search goes on up.
    fs.mkdirSync(path.join(scratch.path, 'plain/sub'), { recursive: true });
    expect(findConfigFile(path.join(scratch.path, 'plain/sub'))).toBe(path.join(scratch.path, '.cdk8s-gateway.yaml'));
  });
});

describe('commandSettings: flags override the config file', () => {
  function settings(args: string[], cwd: string) {
    const cmd = addInputOptions(new Command('x').option('--channel <c>', '', 'standard').option('--assume-missing').option('--ignore <code>', '', (v: string, p: string[] = []) => [...p, v]));
    cmd.exitOverride().parse(args, { from: 'user' });
    return commandSettings(cmd, cmd.opts(), cwd);
  }

  test('the config file gives channel, assumeMissing, failOnWarnings, excludes and ignores; flags win or add', () => {
    scratch.write('.cdk8s-gateway.yaml', 'channel: experimental\nassumeMissing: true\nfailOnWarnings: true\nexclude: [legacy]\nignore: [{ code: lint/rule-shadowed, paths: [old] }]\n');
    fs.mkdirSync(path.join(scratch.path, '.git'));
    fs.mkdirSync(path.join(scratch.path, 'sub'));
    const sub = path.join(scratch.path, 'sub');
    const fromConfig = settings([], sub);
    expect(fromConfig).toMatchObject({ channel: 'experimental', assumeMissing: true, failOnWarnings: true, configFile: path.join(scratch.path, '.cdk8s-gateway.yaml') });
    expect(fromConfig.input.exclude).toEqual([{ pattern: 'legacy', base: scratch.path, origin: '../.cdk8s-gateway.yaml' }]);
    expect(fromConfig.ignore).toEqual([{ code: 'lint/rule-shadowed', paths: ['old'], base: scratch.path, origin: '../.cdk8s-gateway.yaml' }]);
    const flags = settings(['--channel', 'standard', '--exclude', 'x', '--ignore', 'xref/section-not-found'], sub);
    expect(flags.channel).toBe('standard');
    expect(flags.input.exclude?.map((e) => e.pattern)).toEqual(['legacy', 'x']);
    expect(flags.ignore.map((r) => r.code)).toEqual(['lint/rule-shadowed', 'xref/section-not-found']);
    // --no-config: the defaults.
    expect(settings(['--no-config'], sub)).toMatchObject({ channel: 'standard', assumeMissing: false, ignore: [], input: { exclude: [] } });
    // Neither flag nor file says whether warnings fail: each command keeps its default (validate: no, lint: yes).
    expect(settings(['--no-config'], sub).failOnWarnings).toBeUndefined();
    // --config FILE: that file, even where another would be found.
    scratch.write('other.yaml', 'channel: standard\n');
    expect(settings(['--config', path.join(scratch.path, 'other.yaml')], sub)).toMatchObject({ channel: 'standard', assumeMissing: false });
  });
});

describe('commandSettings: failOnWarnings from the flags or the file', () => {
  function failOnWarnings(args: string[], config: string | undefined): boolean | undefined {
    const file = config === undefined ? undefined : scratch.write('c.yaml', config);
    const cmd = addInputOptions(new Command('x').option('--channel <c>', '', 'standard').option('--fail-on-warnings').option('--no-fail-on-warnings'));
    cmd.exitOverride().parse([...args, ...(file ? ['--config', file] : ['--no-config'])], { from: 'user' });
    return commandSettings(cmd, cmd.opts(), scratch.path).failOnWarnings;
  }

  test('the file\'s value when no flag is given; --fail-on-warnings and --no-fail-on-warnings win; undefined when neither says', () => {
    expect(failOnWarnings([], undefined)).toBeUndefined();
    expect(failOnWarnings([], 'channel: standard\n')).toBeUndefined();
    expect(failOnWarnings([], 'failOnWarnings: true\n')).toBe(true);
    expect(failOnWarnings([], 'failOnWarnings: false\n')).toBe(false);
    expect(failOnWarnings(['--fail-on-warnings'], 'failOnWarnings: false\n')).toBe(true);
    expect(failOnWarnings(['--no-fail-on-warnings'], 'failOnWarnings: true\n')).toBe(false);
    expect(failOnWarnings(['--fail-on-warnings'], undefined)).toBe(true);
    expect(failOnWarnings(['--no-fail-on-warnings'], undefined)).toBe(false);
  });
});

describe('ignore entries with paths', () => {
  const finding = (source: string): Diagnostic => ({ code: 'lint/rule-shadowed', severity: 'warning', source, message: 'm' });
  test('leave the code out only in the files the globs match (relative to the config file\'s folder)', () => {
    const notes: string[] = [];
    const rule = { code: 'lint/rule-shadowed', paths: ['legacy/**'], base: '/repo', origin: '.cdk8s-gateway.yaml' };
    const r = applyIgnore([finding('/repo/legacy/a.yaml#0'), finding('/repo/routes/a.yaml#1'), finding('/repo/legacy/b.yaml#0.items[2]')], [rule], (t) => notes.push(t));
    expect(r.kept.map((d) => d.source)).toEqual(['/repo/routes/a.yaml#1']);
    expect(r.ignored).toBe(2);
    expect(notes).toEqual([]);
    // A config file's rule serves validate and lint: finding nothing is said only for a code no check reports.
    const none = applyIgnore([finding('/repo/routes/a.yaml#1')], [rule, { ...rule, code: 'lint/rule-shadow' }], (t) => notes.push(t));
    expect(none.kept).toHaveLength(1);
    expect(notes).toEqual([expect.stringMatching(/^\.cdk8s-gateway\.yaml: ignore lint\/rule-shadow in legacy\/\*\*: no check reports this code \(the lint codes are /)]);
    // --ignore says it either way.
    applyIgnore([], ['lint/rule-shadowed'], (t) => notes.push(t));
    expect(notes[1]).toBe('--ignore lint/rule-shadowed: no finding has this code here');
  });
});

describe('the command line with a config file', () => {
  const routes = path.join(ROOT, REPO, 'routes');
  const legacyError = /legacy\/old-route\.yaml:11:7: error .*\[xref\/section-not-found\]/;

  test('found from a subfolder: its exclude (relative to its folder) and channel apply', () => {
    const r = runCli(['validate', '..'], { cwd: routes });
    expect([r.code, r.stdout]).toEqual([0, '0 error(s), 0 warning(s) in 7 object(s) (Gateway API v1.6.1, experimental channel)\n']);
    // The config file is a document the repository root holds: skipped with its note.
    expect(r.stderr).toContain('cdk8s-gateway: note: ../.cdk8s-gateway.yaml#0: skipped, not a Kubernetes object: the cdk8s-gateway config file');
  });

  test('--channel overrides it; --no-config leaves it out', () => {
    expect(runCli(['validate', '..', '--channel', 'standard'], { cwd: routes }).stdout).toBe('0 error(s), 0 warning(s) in 7 object(s) (Gateway API v1.6.1, standard channel)\n');
    const r = runCli(['validate', '..', '--no-config'], { cwd: routes });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(legacyError);
    expect(r.stdout).toContain('in 8 object(s) (Gateway API v1.6.1, standard channel)');
  });

  test('--config FILE: its ignore with paths, relative to its folder', () => {
    const legacy = `${path.relative(path.join(scratch.path, 'ci'), path.join(ROOT, REPO, 'legacy'))}/**`;
    const config = scratch.write('ci/gateway.yaml', `ignore:\n  - { code: xref/section-not-found, paths: ['${legacy}'] }\n  - { code: xref/section-not-found, paths: ['../nowhere/**'] }\n`);
    const r = runCli(['validate', REPO, '--config', config]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`0 error(s), 0 warning(s), 1 ignored (${config}: ignore xref/section-not-found in ${legacy}; ` +
      `${config}: ignore xref/section-not-found in ../nowhere/**) in 8 object(s)`);
    expect(r.stderr).not.toContain('nowhere');
  });

  test('an unknown key: exit 2, one line naming the file, the line and the key; no stack trace', () => {
    const config = scratch.write('bad.yaml', 'channel: standard\nexlude: [legacy]\n');
    const r = runCli(['lint', REPO, '--config', config]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`cdk8s-gateway: ${config}:2: unknown key 'exlude'; the config file's keys are exclude, ignore, channel, assumeMissing, failOnWarnings, implementation\n`);
    expect(r.stdout).toBe('');
  });
});
