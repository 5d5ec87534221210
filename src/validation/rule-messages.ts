/**
 * Stable codes for the CRDs' CEL rules, and our own readable messages for the
 * rules users break most often. A message names the offending value and says
 * what would be valid; where the rule is about a list, it points at the
 * offending item.
 */
import { RE2JS } from 're2js';
import { kubernetesIsIP } from './cel-environment';
import type { PathSegment } from './field-path';
import { isJsonObject } from './structural-schema';
import type { CelRuleData } from '../../generated';

/** A readable failure: the message and, optionally, a more precise location below the rule's `self`. */
interface ReadableFailure {
  /** The message to show. */
  readonly message: string;
  /** Steps below `self` where the problem is, when the rule is about a list. @default - the problem is at `self` */
  readonly at?: PathSegment[];
  /** What to change (the message says it too), for `Diagnostic.fix`. @default - no single fix */
  readonly fix?: string;
}

// Not typed yet: `self` is the value a CEL rule is bound to, a different JSON shape for each of the rules below,
// and each render function reads it defensively (optional chaining, list()). Typing it means one type per rule.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = Record<string, any>;
type Render = (self: any, crdMessage: string, m: RegExpMatchArray) => ReadableFailure | undefined;

interface RuleMessage {
  /** Matches the CRD's own message of the rule. */
  readonly match: RegExp;
  /** Slug of the code, `cel/<Kind>/<slug>`. */
  readonly slug: string;
  /** Our message, when we have a better one than the CRD's. @default - the CRD's message is used */
  readonly render?: Render;
}

const RFC1123 = RE2JS.compile('^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)$');

function badHostname(self: unknown, bad: (h: string) => boolean, why: string): ReadableFailure | undefined {
  const i = list(self).findIndex((h) => typeof h === 'string' && bad(h));
  return i < 0 ? undefined : { message: `hostname ${q((self as string[])[i])} ${why}`, at: [i] };
}

const q = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v));
const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);
/* eslint-enable @typescript-eslint/no-explicit-any */
const has = (o: unknown, k: string): boolean => isJsonObject(o) && o[k] !== undefined && o[k] !== null && o[k] !== '';

function parentKey(p: Json): string {
  return JSON.stringify([p.group ?? '', p.kind ?? '', p.namespace ?? '', p.name]);
}

function describeParent(p: Json): string {
  return `${p.kind ?? 'Gateway'} ${p.namespace ? `${p.namespace}/` : ''}${p.name}`;
}

function sectionOf(p: Json): string {
  const parts = [];
  if (has(p, 'sectionName')) parts.push(`sectionName ${q(p.sectionName)}`);
  if (has(p, 'port') && p.port !== 0) parts.push(`port ${p.port}`);
  return parts.length ? parts.join(', ') : 'no sectionName';
}

/** Finds the first pair (i < j) of items with equal `key`. */
function firstDuplicate<T>(items: readonly T[], key: (t: T) => string): [number, number] | undefined {
  const seen = new Map<string, number>();
  for (let j = 0; j < items.length; j++) {
    const k = key(items[j]);
    const i = seen.get(k);
    if (i !== undefined) return [i, j];
    seen.set(k, j);
  }
  return undefined;
}

function describeMatches(rule: Json): string {
  const matches = list(rule.matches);
  if (matches.length !== 1) return `${matches.length} matches`;
  const path = matches[0]?.path;
  return path ? `one match whose path type is ${path.type}` : 'one match without a path';
}

const PATH_RULES: ReadonlyArray<[RegExp, string, string]> = [
  [/^value must be an absolute path/, 'path-not-absolute', 'must start with \'/\''],
  [/^must not contain '\/\/'/, 'path-double-slash', 'must not contain \'//\''],
  [/^must not contain '\/\.\/'/, 'path-dot-segment', 'must not contain a \'/./\' segment'],
  [/^must not contain '\/\.\.\/'/, 'path-dot-dot-segment', 'must not contain a \'/../\' segment'],
  [/^must not contain '%2f'/i, 'path-encoded-slash', 'must not contain an encoded slash (%2f or %2F)'],
  [/^must not contain '#'/, 'path-fragment', 'must not contain \'#\' (a fragment is never sent to the server)'],
  [/^must not end with '\/\.\.'/, 'path-ends-with-dot-dot', 'must not end with \'/..\''],
  [/^must not end with '\/\.'/, 'path-ends-with-dot', 'must not end with \'/.\''],
  [/^must only contain valid characters .* for types \['Exact', 'PathPrefix'\]/, 'path-invalid-characters',
    'may contain only URL path characters (letters, digits, -/._~!$&\'()*+,;=:@) and %XX escapes'],
];

const RULES: readonly RuleMessage[] = [
  {
    match: /^Must have port for Service reference$/,
    slug: 'service-port-required',
    render: (self) => ({
      message: `the reference to Service ${q(self.name)} has no port; a Service backend must name the port to send to (e.g. port: 80)`,
      fix: 'set port to the Service port to send to (e.g. port: 80)',
    }),
  },
  {
    match: /^RequestRedirect filter must not be used together with backendRefs$/,
    slug: 'redirect-with-backends',
    render: (self) => ({
      message: `this rule has a RequestRedirect filter and ${list(self.backendRefs).length} backendRef(s); a redirect answers the client itself, ` +
        'so remove the backendRefs or move the redirect into a rule of its own',
      fix: 'a redirect answers the client itself, so remove the backendRefs or move the redirect into a rule of its own',
    }),
  },
  {
    match: /^(Within backendRefs, )?[Ww]hen using (RequestRedirect|URLRewrite) filter with path\.replacePrefixMatch, exactly one PathPrefix match must be specified$/,
    slug: 'replace-prefix-match-needs-one-path-prefix',
    render: (self, _m, m) => ({
      message: `the ${m[2]} filter${m[1] ? ' of a backendRef' : ''} uses path.replacePrefixMatch, which replaces the prefix the rule matched; ` +
        `so the rule needs exactly one match, with a PathPrefix path, but it has ${describeMatches(self)} ` +
        '(use ReplaceFullPath, or give the rule a single PathPrefix match)',
      fix: 'use ReplaceFullPath, or give the rule a single PathPrefix match',
    }),
  },
  {
    match: /^May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both$/,
    slug: 'redirect-and-rewrite',
    render: () => ({ message: 'a RequestRedirect and a URLRewrite filter cannot be combined; keep one of them', fix: 'keep either the RequestRedirect or the URLRewrite filter' }),
  },
  {
    match: /^(\w+) filter cannot be repeated$/,
    slug: 'filter-repeated',
    render: (self, _c, m) => {
      const at = list(self).map((f, i) => (f?.type === m[1] ? i : -1)).filter((i) => i >= 0);
      return { message: `the ${m[1]} filter appears ${at.length} times (entries ${at.join(', ')}); each filter type may be used once here`, at: [at[1] ?? 0], fix: `keep one ${m[1]} filter here` };
    },
  },
  {
    match: /^filter\.(\w+) must be specified for (\w+) filter\.type$/,
    slug: 'filter-config-missing',
    render: (_s, _c, m) => ({ message: `a filter of type ${m[2]} needs its settings in '${m[1]}'`, fix: `set '${m[1]}'` }),
  },
  {
    match: /^filter\.(\w+) must be nil if the filter\.type is not (\w+)$/,
    slug: 'filter-config-mismatch',
    render: (self, _c, m) => ({
      message: `the filter has type ${q(self.type)} but sets '${m[1]}', which belongs to type ${m[2]}; a filter carries only the settings of its own type`,
      fix: `remove '${m[1]}', or change the type to ${m[2]}`,
    }),
  },
  ...PATH_RULES.map(([match, slug, what]): RuleMessage => ({
    match,
    slug,
    render: (self) => ({
      message: `path ${q(self.value)} (type ${self.type}) ${what}` + (slug === 'path-not-absolute' && typeof self.value === 'string' ? `, e.g. '/${self.value}'` : ''),
      at: ['value'],
    }),
  })),
  {
    match: /^type must be one of \['Exact', 'PathPrefix', 'RegularExpression'\]$/,
    slug: 'path-type',
    render: (self) => ({ message: `path type ${q(self.type)} is not supported; use Exact, PathPrefix or RegularExpression`, at: ['type'], fix: 'use Exact, PathPrefix or RegularExpression' }),
  },
  {
    match: /^While 16 rules and 64 matches per rule are allowed, the total number of matches/,
    slug: 'too-many-matches',
    render: (self) => {
      const total = list(self).reduce((n, r) => n + list(r?.matches).length, 0);
      return { message: `the rules have ${total} matches in total; a route may have at most 128, so split it into several routes`, fix: 'split the route into several routes' };
    },
  },
  {
    match: /^backendRequest timeout cannot be longer than request timeout$/,
    slug: 'backend-timeout-exceeds-request-timeout',
    render: (self) => ({
      message: `timeouts.backendRequest ${q(self.backendRequest)} is longer than timeouts.request ${q(self.request)}; ` +
        'one backend attempt cannot take longer than the whole request',
      at: ['backendRequest'],
      fix: 'make timeouts.backendRequest at most timeouts.request',
    }),
  },
  {
    match: /^sectionName (or port )?must be specified when parentRefs includes 2 or more references to the same parent$/,
    slug: 'parent-refs-need-section',
    render: (self, _c, m) => {
      const refs = list(self);
      const pair = firstDuplicate(refs, parentKey);
      if (!pair) return undefined;
      return {
        message: `parentRefs ${pair[0]} and ${pair[1]} both reference ${describeParent(refs[pair[0]])}; when a route lists the same parent more than once, ` +
          `every entry must set a distinct sectionName${m[1] ? ' or port' : ''}`,
        at: [pair[1]],
        fix: `give each entry for ${describeParent(refs[pair[0]])} a distinct sectionName${m[1] ? ' or port' : ''}`,
      };
    },
  },
  {
    match: /^sectionName (or port )?must be unique when parentRefs includes 2 or more references to the same parent$/,
    slug: 'parent-refs-duplicate',
    render: (self) => {
      const refs = list(self);
      const pair = firstDuplicate(refs, (p) => parentKey(p) + sectionOf(p));
      if (!pair) return undefined;
      return {
        message: `parentRefs ${pair[0]} and ${pair[1]} are the same reference (${describeParent(refs[pair[1]])}, ${sectionOf(refs[pair[1]])}); remove one`,
        at: [pair[1]],
        fix: `remove parentRefs ${pair[1]}`,
      };
    },
  },
  { match: /^sectionName must be specified when targetRefs includes 2 or more references to the same target$/, slug: 'target-refs-need-section' },
  { match: /^sectionName must be unique when targetRefs includes 2 or more references to the same target$/, slug: 'target-refs-duplicate' },
  {
    match: /^Listener name must be unique within the Gateway$/,
    slug: 'listener-name-duplicate',
    render: (self) => {
      const pair = firstDuplicate(list(self), (l) => String(l?.name));
      if (!pair) return undefined;
      return { message: `listeners ${pair[0]} and ${pair[1]} are both named ${q(self[pair[1]].name)}; listener names must be unique`, at: [pair[1]], fix: `rename listener ${pair[1]}` };
    },
  },
  {
    match: /^Combination of port, protocol and hostname must be unique for each listener$/,
    slug: 'listener-duplicate',
    render: (self) => {
      const ls = list(self);
      const pair = firstDuplicate(ls, (l) => JSON.stringify([l?.port, l?.protocol, l?.hostname ?? null]));
      if (!pair) return undefined;
      const l = ls[pair[1]];
      return {
        message: `listeners ${q(ls[pair[0]].name)} and ${q(l.name)} both take port ${l.port}, protocol ${l.protocol} and ` +
          `${l.hostname === undefined ? 'no hostname' : `hostname ${q(l.hostname)}`}; change the port, protocol or hostname of one of them`,
        at: [pair[1]],
        fix: 'change the port, protocol or hostname of one of them',
      };
    },
  },
  {
    match: /^tls must not be specified for protocols \['HTTP', 'TCP', 'UDP'\]$/,
    slug: 'listener-tls-not-allowed',
    render: (self) => {
      const i = list(self).findIndex((l) => ['HTTP', 'TCP', 'UDP'].includes(l?.protocol) && l?.tls !== undefined);
      if (i < 0) return undefined;
      return { message: `listener ${q(self[i].name)} has protocol ${self[i].protocol} and a tls block; only HTTPS and TLS listeners take tls settings`, at: [i, 'tls'], fix: 'remove the tls block, or use protocol HTTPS or TLS' };
    },
  },
  {
    match: /^tls mode must be Terminate for protocol HTTPS$/,
    slug: 'listener-https-needs-terminate',
    render: (self) => {
      const i = list(self).findIndex((l) => l?.protocol === 'HTTPS' && l?.tls && !(l.tls.mode === '' || l.tls.mode === 'Terminate'));
      if (i < 0) return undefined;
      return { message: `listener ${q(self[i].name)} has protocol HTTPS with tls.mode ${q(self[i].tls.mode)}; HTTPS listeners terminate TLS (use protocol TLS for Passthrough)`, at: [i, 'tls', 'mode'], fix: 'set tls.mode to Terminate, or use protocol TLS for Passthrough' };
    },
  },
  {
    match: /^tls mode must be set for protocol TLS$/,
    slug: 'listener-tls-mode-required',
    render: (self) => {
      const i = list(self).findIndex((l) => l?.protocol === 'TLS' && !has(l?.tls, 'mode'));
      if (i < 0) return undefined;
      return { message: `listener ${q(self[i].name)} has protocol TLS but no tls.mode; set tls.mode to Passthrough or Terminate`, at: [i], fix: 'set tls.mode to Passthrough or Terminate' };
    },
  },
  {
    match: /^hostname must not be specified for protocols \['TCP', 'UDP'\]$/,
    slug: 'listener-hostname-not-allowed',
    render: (self) => {
      const i = list(self).findIndex((l) => ['TCP', 'UDP'].includes(l?.protocol) && has(l, 'hostname'));
      if (i < 0) return undefined;
      return { message: `listener ${q(self[i].name)} has protocol ${self[i].protocol} and hostname ${q(self[i].hostname)}; TCP and UDP listeners cannot match hostnames, remove it`, at: [i, 'hostname'], fix: 'remove the hostname' };
    },
  },
  {
    match: /^certificateRefs or options must be specified when mode is Terminate$/,
    slug: 'tls-terminate-needs-certificate',
    render: () => ({ message: 'tls.mode is Terminate but no certificateRefs (or options) are given; list the Secret that holds the certificate in certificateRefs', fix: 'list the Secret that holds the certificate in certificateRefs' }),
  },
  { match: /^Port for TLS configuration must be unique within the Gateway$/, slug: 'tls-per-port-duplicate' },
  { match: /^(IPAddress|Hostname) values must be unique$/, slug: 'address-duplicate' },
  {
    match: /^Hostname value must (be empty or contain only|only contain) valid characters/,
    slug: 'address-hostname-invalid',
    render: (self) => ({ message: `address ${q(self.value)} has type Hostname but is not a valid hostname: use lowercase letters, digits, '-' and '.', optionally after one leading '*.'`, at: ['value'] }),
  },
  { match: /^(Annotation|Label) keys must be in the form/, slug: 'infrastructure-key-invalid' },
  { match: /^If specified, the (annotation|label) key's prefix must be a DNS subdomain/, slug: 'infrastructure-key-prefix-too-long' },
  { match: /^Allow(Headers|Methods|Origins) cannot contain '\*' alongside other/, slug: 'cors-wildcard-with-others' },
  { match: /^Only one of percent or fraction may be specified/, slug: 'mirror-percent-and-fraction' },
  { match: /^numerator must be less than or equal to denominator$/, slug: 'mirror-fraction-above-one' },
  { match: /^(replaceFullPath|replacePrefixMatch) must be specified when type is set to/, slug: 'path-modifier-value-missing' },
  { match: /^type must be '(ReplaceFullPath|ReplacePrefixMatch)' when \w+ is set$/, slug: 'path-modifier-type-mismatch' },
  { match: /^One or both of 'service' or 'method' must be specified$/, slug: 'grpc-method-match-empty' },
  {
    match: /^service must only contain valid characters/,
    slug: 'grpc-service-invalid',
    render: (self) => ({
      message: `service ${q(self.service)} is not a valid gRPC service name: use dot-separated names of letters, digits and '_' (e.g. mypackage.UserService), or set type: RegularExpression`,
      at: ['service'],
    }),
  },
  {
    match: /^method must only contain valid characters/,
    slug: 'grpc-method-invalid',
    render: (self) => ({
      message: `method ${q(self.method)} is not a valid gRPC method name: use letters, digits and '_', not starting with a digit (e.g. CreateOrder), or set type: RegularExpression`,
      at: ['method'],
    }),
  },
  {
    match: /^Hostnames cannot contain an IP$/,
    slug: 'hostname-is-ip',
    render: (self) => badHostname(self, kubernetesIsIP, 'is an IP address; route hostnames must be DNS names'),
  },
  {
    match: /^Hostnames must be valid based on RFC-1123$/,
    slug: 'hostname-invalid',
    render: (self) => badHostname(self, (h) => !h.includes('*') && !RFC1123.test(h), "is not a valid DNS name: use lowercase letters, digits, '-' and '.', each label starting and ending with a letter or digit"),
  },
  {
    match: /^Wildcards on hostnames must be the first label/,
    slug: 'hostname-wildcard-invalid',
    render: (self) => badHostname(self, (h) => h.includes('*') && !(h.startsWith('*.') && RFC1123.test(h.slice(2))), "has a misplaced wildcard: '*' may only be the whole first label, as in *.example.com"),
  },
  { match: /^Rule name must be unique within the route$/, slug: 'rule-name-duplicate' },
  { match: /^(grpc|http) must be specified when protocol is set to/, slug: 'external-auth-settings-missing' },
  { match: /^protocol must be '(GRPC|HTTP)' when (grpc|http) is set$/, slug: 'external-auth-protocol-mismatch' },
  { match: /^AbsoluteTimeout must be specified when cookie lifetimeType is Permanent$/, slug: 'session-absolute-timeout-required' },
  { match: /^cookieConfig can only be set with type Cookie$/, slug: 'session-cookie-config-needs-cookie' },
  { match: /^must not contain both CACertificateRefs and WellKnownCACertificates$/, slug: 'ca-both-sources' },
  { match: /^must specify either CACertificateRefs or WellKnownCACertificates$/, slug: 'ca-source-required' },
  { match: /^SubjectAltName element must (not )?contain (Hostname|URI)/, slug: 'subject-alt-name-mismatch' },
  { match: /^Value is immutable$/, slug: 'immutable' },
];

function lookup(message: string | undefined): { entry: RuleMessage; m: RegExpMatchArray } | undefined {
  if (message === undefined) return undefined;
  for (const entry of RULES) {
    const m = message.match(entry.match);
    if (m) return { entry, m };
  }
  return undefined;
}

/** Lowercase words of `text` joined by '-', cut to at most 60 characters at a word boundary. */
function slugify(text: string): string {
  const words = text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().split(' ');
  let out = '';
  for (const w of words) {
    if (out.length + w.length + 1 > 60) break;
    out = out ? `${out}-${w}` : w;
  }
  return out || 'rule';
}

/** The slug of a rule's code: from our table, else derived from the CRD message (or the rule text). */
export function ruleSlug(rule: CelRuleData): string {
  const found = lookup(rule.message);
  return found ? found.entry.slug : slugify(rule.message ?? rule.rule);
}

function compact(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 100 ? `${text.slice(0, 97)}...` : text;
}

/** Our message for a failed rule whose `self` is `self`; falls back to the CRD message and the value. */
export function readableRuleFailure(rule: CelRuleData, self: unknown, crdMessage: string): ReadableFailure {
  const found = lookup(rule.message);
  const rendered = found?.entry.render?.(self, crdMessage, found.m);
  if (rendered) return rendered;
  const scalar = typeof self === 'string' || typeof self === 'number' || typeof self === 'boolean';
  const shown = scalar ? q(self) : compact(self);
  return { message: `${crdMessage} (value: ${shown})` };
}
