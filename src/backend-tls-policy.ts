import { ApiObject, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import * as l1 from '../generated';
import { CaCertificate } from './certificate';
import { addConstructValidation, ConstructProblem, constructProblem } from './private/construct-validation';
import { constructError } from './private/error-scope';
import {
  checkGroup, checkHostname, checkKind, checkLabelKey, checkLength, checkMaxItems, checkObjectName, checkPreciseHostname, checkSectionName,
} from './private/field-checks';
import { Resource, ResourceProps } from './resource';
import { SynthValidation } from './synth-validation';

/** Options of the {@link PolicyTarget} factories. */
export interface PolicyTargetOptions {
  /**
   * One section of the target: for a Service, the name of one of its ports.
   *
   * @default - the whole target
   */
  readonly sectionName?: string;
}

/** A target given by group, kind and name, for {@link PolicyTarget.custom}. */
export interface CustomPolicyTargetOptions {
  /** API group of the target (`''` for the core group). */
  readonly group: string;
  /** Kind of the target. */
  readonly kind: string;
  /** Name of the target. */
  readonly name: string;
  /**
   * One section of the target.
   *
   * @default - the whole target
   */
  readonly sectionName?: string;
}

/** @deprecated use {@link CustomPolicyTargetOptions} */
export type PolicyTargetConfig = CustomPolicyTargetOptions;

interface PolicyTargetState {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  readonly sectionName?: string;
  /** the namespace of a target given as a construct, checked against the policy's @default - the target was given by name (no namespace check) */
  readonly namespace?: string;
  /** the Service, when given as a construct of this app @default - the target was given by name (no construct to check against) */
  readonly source?: ApiObject;
  /** the path of that construct, as the user knows it @default - the target was given by name */
  readonly sourcePath?: string;
}

/**
 * An object a policy applies to, in the policy's own namespace.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#localpolicytargetreferencewithsectionname
 */
export class PolicyTarget {
  /**
   * A Service defined in this app: any construct whose default child is a
   * core `Service` (a cdk8s-plus `Service`, a `KubeService`, ...). It must
   * be in the policy's namespace.
   *
   * @example PolicyTarget.fromService(api, { sectionName: 'https' })
   */
  public static fromService(service: IConstruct, options: PolicyTargetOptions = {}): PolicyTarget {
    const where = 'PolicyTarget.fromService()';
    let obj: ApiObject;
    try {
      obj = ApiObject.of(service);
    } catch {
      throw constructError(where, 'wrong-type', `'${service.node.path}' is not a Kubernetes object (no ApiObject and no default child that is one)`);
    }
    if (obj.apiVersion.includes('/') || obj.kind !== 'Service') {
      throw constructError(where, 'wrong-type', `'${service.node.path}' is a ${obj.apiVersion} ${obj.kind}; expected a core Service`);
    }
    if (options.sectionName !== undefined) checkSectionName(options.sectionName, where, 'sectionName');
    return new PolicyTarget({ group: '', kind: 'Service', name: obj.name, sectionName: options.sectionName, namespace: obj.metadata.namespace, source: obj, sourcePath: service.node.path });
  }

  /**
   * A Service in the policy's namespace, by name.
   *
   * @example PolicyTarget.fromServiceName('secure-backend')
   */
  public static fromServiceName(name: string, options: PolicyTargetOptions = {}): PolicyTarget {
    return PolicyTarget.custom({ group: '', kind: 'Service', name, sectionName: options.sectionName });
  }

  /**
   * Any object in the policy's namespace, by group, kind and name.
   *
   * @example PolicyTarget.custom({ group: 'example.com', kind: 'Backend', name: 'legacy' })
   */
  public static custom(ref: CustomPolicyTargetOptions): PolicyTarget {
    const where = 'PolicyTarget';
    if (ref.group === 'core') throw constructError(where, 'invalid-value', 'group "core" is invalid; the core API group is written as \'\'');
    checkGroup(ref.group, where, 'group');
    checkKind(ref.kind, where, 'kind');
    checkObjectName(ref.name, where, 'name');
    if (ref.sectionName !== undefined) checkSectionName(ref.sectionName, where, 'sectionName');
    return new PolicyTarget({ group: ref.group, kind: ref.kind, name: ref.name, sectionName: ref.sectionName });
  }

  /** @deprecated use {@link PolicyTarget.fromService} */
  public static service(service: IConstruct, options: PolicyTargetOptions = {}): PolicyTarget {
    return PolicyTarget.fromService(service, options);
  }

  /** @deprecated use {@link PolicyTarget.fromServiceName} */
  public static serviceName(name: string, options: PolicyTargetOptions = {}): PolicyTarget {
    return PolicyTarget.fromServiceName(name, options);
  }

  private constructor(private readonly state: PolicyTargetState) {}

  /** API group of the target. */
  public get group(): string { return this.state.group; }
  /** Kind of the target. */
  public get kind(): string { return this.state.kind; }
  /** Name of the target. */
  public get name(): string { return this.state.name; }
  /** The section of the target, if only one. */
  public get sectionName(): string | undefined { return this.state.sectionName; }
  /** Namespace of a target given as a construct; undefined otherwise (the policy's). */
  public get namespace(): string | undefined { return this.state.namespace; }

  /**
   * @internal problems found at synthesis: a sectionName that names no
   * port of a Service defined in this app
   */
  public _problems(field: string): ConstructProblem[] {
    const s = this.state;
    if (!s.source || s.sectionName === undefined) return [];
    const ports = ((s.source.toJson() as { spec?: { ports?: { name?: string; port?: number }[] } }).spec?.ports ?? []);
    if (ports.some(p => p.name === s.sectionName)) return [];
    const named = ports.filter(p => p.name !== undefined).map(p => `'${p.name}'`);
    return [constructProblem('not-found', `'${s.sectionName}' names no port of Service '${s.sourcePath}'; `
      + (named.length > 0 ? `its named ports are ${named.join(', ')}` : 'it has no named ports (give the port a name)'), `${field}.sectionName`)];
  }

  /** @internal */
  public _render(): l1.LocalPolicyTargetReferenceWithSectionName {
    const s = this.state;
    return { group: s.group, kind: s.kind, name: s.name, ...(s.sectionName !== undefined ? { sectionName: s.sectionName } : {}) };
  }
}

/**
 * What a BackendTLSPolicy trusts to sign the backend's certificate: CA
 * bundles of its own, or a well-known set.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#backendtlspolicyvalidation
 */
export class BackendTlsTrust {
  /**
   * These CA bundles (1-8), in the policy's namespace.
   *
   * @example BackendTlsTrust.caCertificates(CaCertificate.fromConfigMapName('backend-ca'))
   */
  public static caCertificates(...certificates: CaCertificate[]): BackendTlsTrust {
    if (certificates.length === 0) {
      throw constructError('BackendTlsTrust.caCertificates()', 'missing', 'give at least one CA bundle, or use BackendTlsTrust.system()');
    }
    checkMaxItems(certificates.length, 8, 'BackendTlsTrust.caCertificates()', 'certificates');
    return new BackendTlsTrust([...certificates], undefined);
  }

  /**
   * The CA certificates of the Gateway implementation's system trust store.
   *
   * @example BackendTlsTrust.system()
   */
  public static system(): BackendTlsTrust {
    return new BackendTlsTrust([], 'System');
  }

  /**
   * An implementation-specific well-known set, named with a domain prefix.
   *
   * @example BackendTlsTrust.wellKnown('example.com/corporate-roots')
   */
  public static wellKnown(name: string): BackendTlsTrust {
    if (name === 'System') return BackendTlsTrust.system();
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$/.test(name) || name.length > 253) {
      throw constructError('BackendTlsTrust.wellKnown()', 'invalid-value', `name ${JSON.stringify(name)} is invalid; expected 'System' or a domain-prefixed name such as 'example.com/corporate-roots'`);
    }
    return new BackendTlsTrust([], name);
  }

  private constructor(
    private readonly certs: CaCertificate[],
    /** The well-known set, when the trust is not a list of CA bundles. */
    public readonly wellKnownCaCertificates: string | undefined,
  ) {}

  /** The CA bundles (empty for a well-known set). */
  public get caCertificates(): CaCertificate[] {
    return [...this.certs];
  }
}

/**
 * A name the backend's certificate must carry as a Subject Alternative Name
 * (when any are given, they replace `hostname` for the certificate check).
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#subjectaltname
 */
export class SubjectAltName {
  /**
   * A DNS name (a leading `*.` wildcard is allowed).
   *
   * @example SubjectAltName.hostname('backend.internal')
   */
  public static hostname(hostname: string): SubjectAltName {
    checkHostname(hostname, 'SubjectAltName.hostname()', 'hostname');
    return new SubjectAltName('Hostname', hostname);
  }

  /**
   * A URI, such as a SPIFFE ID.
   *
   * @example SubjectAltName.uri('spiffe://cluster.local/ns/production/sa/backend')
   */
  public static uri(uri: string): SubjectAltName {
    checkLength(uri, 1, 253, 'SubjectAltName.uri()', 'uri');
    if (!/^(([^:/?#]+):)(\/\/([^/?#]*))([^?#]*)(\?([^#]*))?(#(.*))?/.test(uri)) {
      throw constructError('SubjectAltName.uri()', 'invalid-value', `uri ${JSON.stringify(uri)} is invalid; expected an absolute URI with an authority, such as 'spiffe://example.org/backend'`);
    }
    return new SubjectAltName('URI', uri);
  }

  private constructor(
    /** `Hostname` or `URI`. */
    public readonly type: 'Hostname' | 'URI',
    /** The name. */
    public readonly value: string,
  ) {}

  /** @internal */
  public _render(): l1.SubjectAltName {
    return this.type === 'Hostname' ? { type: 'Hostname', hostname: this.value } : { type: 'URI', uri: this.value };
  }
}

/**
 * Properties of a {@link BackendTlsPolicy}.
 */
export interface BackendTlsPolicyProps extends ResourceProps {
  /**
   * The Services (or other backends) in the policy's namespace that are
   * reached over TLS (1-16); more with `addTargets()`.
   *
   * @default - none yet; add at least one before synthesis
   */
  readonly targets?: PolicyTarget[];
  /**
   * The host name the Gateway sends as SNI and, without `subjectAltNames`,
   * expects in the backend's certificate. No wildcard.
   */
  readonly hostname: string;
  /** Which CAs may sign the backend's certificate. */
  readonly trust: BackendTlsTrust;
  /**
   * Names the backend's certificate must carry (at most 5); when given,
   * they, not `hostname`, are what the certificate is checked against.
   * More with `addSubjectAltNames()`.
   *
   * @default - the certificate is checked against `hostname`
   */
  readonly subjectAltNames?: SubjectAltName[];
  /**
   * Implementation-specific TLS settings (at most 16; keys in the form of
   * annotation keys).
   *
   * @default - none
   */
  readonly options?: { [key: string]: string };
}

/**
 * A BackendTLSPolicy: how Gateways connect to the targeted backends over
 * TLS (SNI, trusted CAs, expected certificate names).
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#backendtlspolicy
 * @example
 * new BackendTlsPolicy(chart, 'BackendTls', {
 *   metadata: { name: 'backend-tls', namespace: 'production' },
 *   targets: [PolicyTarget.fromServiceName('secure-backend')],
 *   hostname: 'secure-backend.production.svc.cluster.local',
 *   trust: BackendTlsTrust.caCertificates(CaCertificate.fromConfigMapName('backend-ca')),
 * });
 */
export class BackendTlsPolicy extends Resource {
  protected readonly apiObject: ApiObject;
  /** The host name sent as SNI. */
  public readonly hostname: string;
  /** The trusted CAs. */
  public readonly trust: BackendTlsTrust;
  private readonly targetList: PolicyTarget[] = [];
  private readonly sans: SubjectAltName[] = [];
  private readonly options: { [key: string]: string };

  public constructor(scope: Construct, id: string, props: BackendTlsPolicyProps) {
    super(scope, id);
    this.apiObject = new l1.BackendTLSPolicy(this, 'Resource', {
      metadata: props.metadata,
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });
    checkPreciseHostname(props.hostname, this.where, 'hostname');
    this.hostname = props.hostname;
    props.trust.caCertificates.forEach((ca, i) => {
      if (ca.namespace !== undefined && ca.namespace !== this.namespace) {
        throw constructError(this.where, 'invalid-value', `trust CA bundle ${i} (${ca.kind} '${ca.name}') is in namespace '${ca.namespace}'; `
          + `a BackendTLSPolicy can only use CA bundles in its own namespace ('${this.namespace ?? '(none)'}'), copy it there`);
      }
    });
    this.trust = props.trust;
    const opts = props.options ?? {};
    const keys = Object.keys(opts);
    if (keys.length > 16) throw constructError(this.where, 'too-many', `options has ${keys.length} entries; the Gateway API allows at most 16`, 'options');
    for (const k of keys) {
      checkLabelKey(k, this.where, 'options key');
      checkLength(opts[k], 0, 4096, this.where, `options['${k}']`);
    }
    this.options = { ...opts };
    this.addTargets(...props.targets ?? []);
    this.addSubjectAltNames(...props.subjectAltNames ?? []);
    SynthValidation.of(this).reportsEmptyLists(this, 'spec.targetRefs');
    addConstructValidation(this, () => [
      ...this.targetList.length === 0 ? [constructProblem('missing', 'the policy has no targets; add at least one with addTargets() or the targets prop', 'targets')] : [],
      ...this.targetList.flatMap((t, i) => t._problems(`targets[${i}]`)),
      ...this.trust.caCertificates.flatMap((c, i) => c._problems(`trust CA bundle ${i}`)),
    ]);
  }

  /** The targets, in order. */
  public get targets(): PolicyTarget[] {
    return [...this.targetList];
  }

  /**
   * Adds targets. Throws on a target outside the policy's namespace, beyond
   * 16 targets, on a target listed twice, and when one object is targeted
   * both as a whole and by section.
   */
  public addTargets(...targets: PolicyTarget[]): void {
    for (const t of targets) {
      const field = `targets[${this.targetList.length}]`;
      if (t.namespace !== undefined && t.namespace !== this.namespace) {
        throw constructError(this.where, 'conflict', `${field} (${t.kind} '${t.name}') is in namespace '${t.namespace}'; a BackendTLSPolicy only targets objects in its own namespace ('${this.namespace ?? '(none)'}')`, field);
      }
      const same = this.targetList.filter(o => o.group === t.group && o.kind === t.kind && o.name === t.name);
      if (same.some(o => o.sectionName === t.sectionName)) {
        throw constructError(this.where, 'duplicate', `${field} targets ${t.kind} '${t.name}'${t.sectionName !== undefined ? ` section '${t.sectionName}'` : ''} twice`, field);
      }
      if (same.length > 0 && (t.sectionName === undefined || same.some(o => o.sectionName === undefined))) {
        throw constructError(this.where, 'duplicate', `${field} targets ${t.kind} '${t.name}' again; when one object is targeted more than once, every entry needs a distinct sectionName`, field);
      }
      checkMaxItems(this.targetList.length + 1, 16, this.where, 'targets');
      this.targetList.push(t);
    }
  }

  /** Adds Subject Alternative Names. Throws beyond 5 and on a repeated name. */
  public addSubjectAltNames(...names: SubjectAltName[]): void {
    for (const n of names) {
      if (this.sans.some(o => o.type === n.type && o.value === n.value)) {
        throw constructError(this.where, 'duplicate', `subjectAltNames lists ${n.type} '${n.value}' twice`, 'subjectAltNames');
      }
      checkMaxItems(this.sans.length + 1, 5, this.where, 'subjectAltNames');
      this.sans.push(n);
    }
  }

  private renderSpec(): l1.BackendTLSPolicySpec {
    const cas = this.trust.caCertificates;
    return {
      targetRefs: this.targetList.map(t => t._render()),
      validation: {
        ...(cas.length > 0 ? { caCertificateRefs: cas.map(c => c._renderLocal()) } : {}),
        ...(this.trust.wellKnownCaCertificates !== undefined ? { wellKnownCACertificates: this.trust.wellKnownCaCertificates } : {}),
        hostname: this.hostname,
        ...(this.sans.length > 0 ? { subjectAltNames: this.sans.map(s => s._render()) } : {}),
      },
      ...(Object.keys(this.options).length > 0 ? { options: { ...this.options } } : {}),
    };
  }
}
