/**
 * The output formats of the commands that report findings (`validate`,
 * `lint`, `test`): `text` (one line per finding,
 * `file:line:col: severity ... [code]`), `json`, `github` (workflow commands
 * that GitHub Actions shows as annotations), `sarif` (SARIF 2.1.0, for code
 * scanning) and `junit` (JUnit XML, for test reports). `--json` is
 * `--format json`; with no format and `GITHUB_ACTIONS=true` the format is
 * `github`.
 */
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Command } from 'commander';
import { describeObject, formatDiagnostic, type Diagnostic, type DiagnosticLocation, type SourcedObject } from '../validation';
import { CliError } from './cli-error';
import { diagnosticItem, objectLocation } from '../validation/manifest-positions';

/** An output format of `validate`, `lint` and `test`. */
export type ReportFormat = 'text' | 'json' | 'github' | 'sarif' | 'junit';

/** Every output format, in the order the help lists them. */
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'github', 'sarif', 'junit'];

/** Help of `--format`. */
export const FORMAT_HELP = 'output format: text, json, github (workflow commands: annotations in GitHub Actions), sarif (SARIF 2.1.0) or junit (JUnit XML); ' +
  'default text, or github when the environment variable GITHUB_ACTIONS is true';

/** Adds `--format` and its alias `--json` to a command. */
export function addFormatOptions(command: Command, jsonHelp: string): Command {
  return command
    .option('--format <format>', FORMAT_HELP)
    .option('--json', `${jsonHelp} (the same as --format json)`);
}

/**
 * The format a command was asked for: `--format`, `--json` (the same as
 * `--format json`), else `github` when `GITHUB_ACTIONS` is `true`, else
 * `text`. An unknown format, or `--json` with another `--format`, is a usage
 * error (a {@link CliError}, exit 2).
 */
export function chooseFormat(options: { format?: string; json?: boolean }, env: NodeJS.ProcessEnv = process.env): ReportFormat {
  const given = options.format;
  if (given !== undefined && !(REPORT_FORMATS as readonly string[]).includes(given)) {
    throw new CliError(`--format must be one of ${REPORT_FORMATS.join(', ')}, got '${given}'`);
  }
  if (options.json && given !== undefined && given !== 'json') throw new CliError(`--json is --format json; it cannot be given with --format ${given}`);
  if (options.json) return 'json';
  if (given !== undefined) return given as ReportFormat;
  return env.GITHUB_ACTIONS === 'true' ? 'github' : 'text';
}

/** `file:line:col` of a location with a line, else undefined. */
export function locationText(location: DiagnosticLocation | undefined): string | undefined {
  if (location?.line === undefined) return undefined;
  return `${location.file}:${location.line}${location.column !== undefined ? `:${location.column}` : ''}`;
}

/**
 * One line of the text format: `file:line:col: severity Kind ns/name field: message [code]`,
 * or the diagnostic's source in place of the position when no line is known.
 */
export function formatFindingLine(d: Diagnostic): string {
  const at = locationText(d.location);
  return formatDiagnostic(at ? { ...d, source: at } : d);
}

/** What a finding says, with the object and the field it is about (the text line without position and code). */
function findingText(d: Diagnostic): string {
  const about = [d.object ? describeObject(d.object) : undefined, d.field].filter((x) => x !== undefined).join(' ');
  return about ? `${about}: ${d.message}` : d.message;
}

/** GitHub's escaping of the message of a workflow command. */
function escapeGithubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** GitHub's escaping of a property value of a workflow command. */
function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A workflow command (`::error file=F,line=L,col=C,title=CODE::message`) per finding, and per failed routing test. */
export function githubCommands(findings: readonly Diagnostic[]): string {
  return findings.map((d) => {
    const props: string[] = [];
    if (d.location) {
      props.push(`file=${escapeGithubProperty(d.location.file)}`);
      if (d.location.line !== undefined) props.push(`line=${d.location.line}`);
      if (d.location.column !== undefined) props.push(`col=${d.location.column}`);
    }
    props.push(`title=${escapeGithubProperty(d.code)}`);
    const text = d.location || d.source === undefined ? findingText(d) : `${d.source}: ${findingText(d)}`;
    return `::${d.severity} ${props.join(',')}::${escapeGithubData(text)}\n`;
  }).join('');
}

/** A file path as a SARIF artifact URI: relative paths as relative references with `/`, absolute ones as `file:` URLs. */
export function artifactUri(file: string): string {
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(path.sep).join('/').split('/').map(encodeURIComponent).join('/');
}

/** A SARIF 2.1.0 log of `findings`, one rule per code (sorted), one result per finding. */
export function sarifLog(findings: readonly Diagnostic[], version: string): object {
  const codes = [...new Set(findings.map((d) => d.code))].sort();
  const rules = codes.map((id) => ({
    id,
    shortDescription: { text: id.startsWith('routing-test/') ? 'a routing test of the spec failed' : `cdk8s-gateway check ${id} (docs/validation.md lists every code)` },
  }));
  const results = findings.map((d) => {
    const locations: object[] = [];
    const physical = d.location ? {
      physicalLocation: {
        artifactLocation: { uri: artifactUri(d.location.file) },
        ...(d.location.line !== undefined ? { region: { startLine: d.location.line, ...(d.location.column !== undefined ? { startColumn: d.location.column } : {}) } } : {}),
      },
    } : {};
    const logical = d.object || d.field
      ? { logicalLocations: [{ fullyQualifiedName: [d.object ? describeObject(d.object) : undefined, d.field].filter((x) => x !== undefined).join(' '), kind: 'object' }] }
      : {};
    if (d.location || d.object || d.field) locations.push({ ...physical, ...logical });
    return {
      ruleId: d.code,
      ruleIndex: codes.indexOf(d.code),
      level: d.severity,
      message: { text: d.location || d.source === undefined ? findingText(d) : `${d.source}: ${findingText(d)}` },
      ...(locations.length > 0 ? { locations } : {}),
    };
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'cdk8s-gateway', version, informationUri: 'https://github.com/cdk8s-gateway-api/cdk8s-gateway-api', rules } }, results }],
  };
}

/** Escapes text for XML content and attribute values; characters XML 1.0 cannot hold become U+FFFD. */
export function xmlEscape(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** One test case of a JUnit report. */
export interface JunitCase {
  /** The test case's name (a routing test's name, or the object). */
  readonly name: string;
  /** The group it is in (the file). */
  readonly classname: string;
  /** Where it is. @default - not known */
  readonly location?: DiagnosticLocation;
  /** Lines that fail it; empty when it passed. */
  readonly failures: readonly string[];
  /** Lines that do not fail it (warnings), written as its output. @default - none */
  readonly output?: readonly string[];
}

/** A JUnit XML report of one suite. */
export function junitXml(suite: string, cases: readonly JunitCase[]): string {
  const failed = cases.filter((c) => c.failures.length > 0).length;
  const head = `tests="${cases.length}" failures="${failed}" errors="0" skipped="0"`;
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${xmlEscape(suite)}" ${head}>`, `  <testsuite name="${xmlEscape(suite)}" ${head}>`];
  for (const c of cases) {
    const attrs = [`name="${xmlEscape(c.name)}"`, `classname="${xmlEscape(c.classname)}"`];
    if (c.location) attrs.push(`file="${xmlEscape(c.location.file)}"`);
    if (c.location?.line !== undefined) attrs.push(`line="${c.location.line}"`);
    const body: string[] = [];
    if (c.failures.length > 0) {
      body.push(`      <failure message="${xmlEscape(c.failures[0])}" type="${c.failures.length} failure(s)">${xmlEscape(c.failures.join('\n'))}</failure>`);
    }
    if (c.output && c.output.length > 0) body.push(`      <system-out>${xmlEscape(c.output.join('\n'))}</system-out>`);
    lines.push(body.length === 0 ? `    <testcase ${attrs.join(' ')}/>` : `    <testcase ${attrs.join(' ')}>`, ...body, ...(body.length === 0 ? [] : ['    </testcase>']));
  }
  lines.push('  </testsuite>', '</testsuites>');
  return `${lines.join('\n')}\n`;
}

/** `Kind namespace/name` of an object read from a manifest (`(unnamed)`, `(no kind)` for what it lacks). */
function objectName(object: unknown): string {
  const o = (object ?? {}) as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };
  const kind = typeof o.kind === 'string' ? o.kind : '(no kind)';
  const name = typeof o.metadata?.name === 'string' ? o.metadata.name : undefined;
  const namespace = typeof o.metadata?.namespace === 'string' ? o.metadata.namespace : undefined;
  return describeObject({ kind, name, namespace });
}

/**
 * The JUnit test cases of `validate` and `lint`: one per object (passed when
 * no finding about it fails the command), then one per finding about no
 * object read (a YAML error). `fails` says which findings fail the command.
 */
export function objectCases(items: readonly SourcedObject[], findings: readonly Diagnostic[], fails: (d: Diagnostic) => boolean): JunitCase[] {
  const bySource = new Map<string, SourcedObject>();
  for (const i of items) if (i.source !== undefined && !bySource.has(i.source)) bySource.set(i.source, i);
  const perItem = new Map<SourcedObject, Diagnostic[]>();
  const loose: Diagnostic[] = [];
  for (const d of findings) {
    const item = diagnosticItem(d, items, bySource);
    if (!item) {
      loose.push(d);
      continue;
    }
    const list = perItem.get(item);
    if (list) list.push(d); else perItem.set(item, [d]);
  }
  const caseOf = (name: string, classname: string, location: DiagnosticLocation | undefined, ds: readonly Diagnostic[]): JunitCase => ({
    name,
    classname,
    ...(location ? { location } : {}),
    failures: ds.filter(fails).map(formatFindingLine),
    output: ds.filter((d) => !fails(d)).map(formatFindingLine),
  });
  return [
    ...items.map((i) => caseOf(objectName(i.object), i.source ?? 'input', objectLocation(i), perItem.get(i) ?? [])),
    ...loose.map((d) => caseOf(d.code, d.source ?? 'input', d.location, [d])),
  ];
}

/**
 * Writes the findings of `validate` or `lint` in a machine format; returns
 * false for `text`, which the command writes itself (with its summary).
 */
export function writeFindings(format: ReportFormat, command: string, items: readonly SourcedObject[], findings: readonly Diagnostic[], fails: (d: Diagnostic) => boolean, version: string, write: (text: string) => void): boolean {
  if (format === 'json') write(`${JSON.stringify(findings, null, 2)}\n`);
  else if (format === 'github') write(githubCommands(findings));
  else if (format === 'sarif') write(`${JSON.stringify(sarifLog(findings, version), null, 2)}\n`);
  else if (format === 'junit') write(junitXml(`cdk8s-gateway ${command}`, objectCases(items, findings, fails)));
  else return false;
  return true;
}
