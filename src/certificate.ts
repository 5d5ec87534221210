import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import * as l1 from '../generated';
import { ConstructProblem, constructProblem } from './private/construct-validation';
import { constructError, Where } from './private/error-scope';
import { checkDnsLabel, checkGroup, checkKind, checkObjectName } from './private/field-checks';
import { bindReference, IReferrer } from './private/reference-binding';

/** Group and kind of the object a reference points at, with its namespace. */
interface ObjectRefState {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  /** undefined: the referrer's namespace @default - the referrer's namespace */
  readonly namespace?: string;
  /** whether the user wrote the namespace (rendered as given) or it came from a construct (rendered only when it differs) */
  readonly explicitNamespace: boolean;
  /** the object, when the reference was made from a construct of this app @default - the reference was given by name (no construct to check against) */
  readonly source?: ApiObject;
  /** the path of that construct, as the user knows it @default - the reference was given by name */
  readonly sourcePath?: string;
}

/** Options of the `fromXxxName` factories. */
export interface ObjectRefOptions {
  /**
   * Namespace of the referred object. A namespace other than the
   * referrer's needs a ReferenceGrant there (created automatically unless
   * the referrer's `referenceGrants` is `ReferenceGrantPolicy.NONE`).
   *
   * @default - the referrer's namespace
   */
  readonly namespace?: string;
}

/**
 * A reference to any object by group, kind, name and optional namespace,
 * for certificate stores that are neither Secrets nor ConfigMaps.
 */
export interface CustomObjectRefOptions {
  /** API group: `''` for the core group. */
  readonly group: string;
  /** Kind, such as `Secret`. */
  readonly kind: string;
  /** Name of the object. */
  readonly name: string;
  /**
   * Namespace of the object.
   *
   * @default - the referrer's namespace
   */
  readonly namespace?: string;
}

/** @deprecated use {@link CustomObjectRefOptions} */
export type ObjectRefConfig = CustomObjectRefOptions;

function fromConstruct(what: Where, construct: IConstruct, kinds: string[]): ObjectRefState {
  let obj: ApiObject;
  try {
    obj = ApiObject.of(construct);
  } catch {
    throw constructError(what, 'wrong-type', `'${construct.node.path}' is not a Kubernetes object (no ApiObject and no default child that is one)`);
  }
  // the core group is `v1` with no group part (cdk8s's apiGroup calls it 'core'; the Gateway API writes '')
  if (obj.apiVersion.includes('/') || !kinds.includes(obj.kind)) {
    throw constructError(what, 'wrong-type', `'${construct.node.path}' is a ${obj.apiVersion} ${obj.kind}; expected a core ${kinds.join(' or ')}`);
  }
  return { group: '', kind: obj.kind, name: obj.name, namespace: obj.metadata.namespace, explicitNamespace: false, source: obj, sourcePath: construct.node.path };
}

/**
 * Keys an object of this app lacks (checked at synthesis, when its data is
 * final): only when it has data at all, since Secrets are often filled in
 * by another controller (cert-manager, an external secrets operator).
 */
function missingKeys(state: ObjectRefState, keys: string[]): string[] {
  if (!state.source) return [];
  const json = state.source.toJson() as { data?: object; stringData?: object; binaryData?: object };
  const present = new Set([...Object.keys(json.data ?? {}), ...Object.keys(json.stringData ?? {}), ...Object.keys(json.binaryData ?? {})]);
  if (present.size === 0) return [];
  return keys.filter(k => !present.has(k));
}

function fromName(what: Where, group: string, kind: string, name: string, options: ObjectRefOptions): ObjectRefState {
  checkObjectName(name, what, 'name');
  if (options.namespace !== undefined) checkDnsLabel(options.namespace, what, 'namespace');
  return { group, kind, name, namespace: options.namespace, explicitNamespace: options.namespace !== undefined };
}

function fromObject(what: Where, ref: CustomObjectRefOptions): ObjectRefState {
  if (ref.group === 'core') throw constructError(what, 'invalid-value', 'group "core" is invalid; the core API group is written as \'\'', 'group');
  checkGroup(ref.group, what, 'group');
  checkKind(ref.kind, what, 'kind');
  checkObjectName(ref.name, what, 'name');
  if (ref.namespace !== undefined) checkDnsLabel(ref.namespace, what, 'namespace');
  return { group: ref.group, kind: ref.kind, name: ref.name, namespace: ref.namespace, explicitNamespace: ref.namespace !== undefined };
}

/** The namespace to write for a reference made from `referrerNamespace`. */
function renderedNamespace(state: ObjectRefState, referrerNamespace: string | undefined): string | undefined {
  if (state.namespace === undefined) return undefined;
  if (state.explicitNamespace) return state.namespace;
  return state.namespace === referrerNamespace ? undefined : state.namespace;
}

/**
 * A certificate a TLS listener presents (or a Gateway presents to
 * backends): a reference to the Secret, or other object, that holds the
 * certificate and its private key.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#secretobjectreference
 */
export class Certificate {
  /**
   * A `kubernetes.io/tls` Secret, by name.
   *
   * @example Certificate.fromSecretName('wildcard-tls', { namespace: 'gateway-system' })
   */
  public static fromSecretName(name: string, options: ObjectRefOptions = {}): Certificate {
    return new Certificate(fromName('Certificate.fromSecretName()', '', 'Secret', name, options));
  }

  /**
   * A Secret defined in this app: any construct whose default child is a
   * core `Secret` (a cdk8s-plus `Secret`, a `KubeSecret`, ...). Its
   * namespace is written only where it differs from the referrer's.
   *
   * @example Certificate.fromSecret(new kplus.Secret(chart, 'Tls', { type: 'kubernetes.io/tls' }))
   */
  public static fromSecret(secret: IConstruct): Certificate {
    return new Certificate(fromConstruct('Certificate.fromSecret()', secret, ['Secret']));
  }

  /**
   * An implementation-specific certificate store, by group, kind and name.
   *
   * @example Certificate.custom({ group: 'example.com', kind: 'Certificate', name: 'api' })
   */
  public static custom(ref: CustomObjectRefOptions): Certificate {
    return new Certificate(fromObject('Certificate.custom()', ref));
  }

  /** @deprecated use {@link Certificate.custom} */
  public static fromObject(ref: CustomObjectRefOptions): Certificate {
    return Certificate.custom(ref);
  }

  private constructor(private readonly state: ObjectRefState) {}

  /** API group of the referred object (`''` for Secrets). */
  public get group(): string { return this.state.group; }
  /** Kind of the referred object. */
  public get kind(): string { return this.state.kind; }
  /** Name of the referred object. */
  public get name(): string { return this.state.name; }
  /** Namespace of the referred object; undefined means the referrer's. */
  public get namespace(): string | undefined { return this.state.namespace; }

  /**
   * @internal binds the certificate to the Gateway or ListenerSet that presents it, once that has
   * accepted it: the ReferenceGrant it needs, and the check of an app-defined Secret at synthesis
   */
  public _bind(referrer: IReferrer, field: string): void {
    bindReference(referrer, this, { field, check: () => this._problems(field) });
  }

  /**
   * @internal problems of a Secret defined in this app, for validations:
   * a certificate Secret needs the keys tls.crt and tls.key
   */
  public _problems(field: string): ConstructProblem[] {
    if (this.state.kind !== 'Secret' || this.state.group !== '') return [];
    const missing = missingKeys(this.state, ['tls.crt', 'tls.key']);
    return missing.length === 0 ? [] : [constructProblem('missing-key', `Secret '${this.state.sourcePath}' has data but no ${missing.join(' or ')} key; `
      + 'a certificate Secret holds the certificate chain in tls.crt and the private key in tls.key (type kubernetes.io/tls)', field)];
  }

  /** @internal group and kind are written only where they differ from the defaults ('' and Secret) */
  public _render(referrerNamespace: string | undefined): l1.SecretObjectReference {
    const namespace = renderedNamespace(this.state, referrerNamespace);
    return {
      ...(this.state.group !== '' ? { group: this.state.group } : {}),
      ...(this.state.kind !== 'Secret' || this.state.group !== '' ? { kind: this.state.kind } : {}),
      name: this.state.name,
      ...(namespace !== undefined ? { namespace } : {}),
    };
  }
}

/**
 * A bundle of CA certificates that peers' certificates are checked
 * against: a ConfigMap (the portable choice), a Secret, or an
 * implementation-specific object.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#objectreference
 */
export class CaCertificate {
  /**
   * A ConfigMap holding the bundle under the key `ca.crt`, by name.
   *
   * @example CaCertificate.fromConfigMapName('backend-ca')
   */
  public static fromConfigMapName(name: string, options: ObjectRefOptions = {}): CaCertificate {
    return new CaCertificate(fromName('CaCertificate.fromConfigMapName()', '', 'ConfigMap', name, options));
  }

  /**
   * A ConfigMap defined in this app (any construct whose default child is a
   * core `ConfigMap`).
   *
   * @example CaCertificate.fromConfigMap(new kplus.ConfigMap(chart, 'Ca', { data: { 'ca.crt': pem } }))
   */
  public static fromConfigMap(configMap: IConstruct): CaCertificate {
    return new CaCertificate(fromConstruct('CaCertificate.fromConfigMap()', configMap, ['ConfigMap']));
  }

  /**
   * A Secret holding the bundle, by name (support for Secrets is
   * implementation-specific).
   *
   * @example CaCertificate.fromSecretName('backend-ca')
   */
  public static fromSecretName(name: string, options: ObjectRefOptions = {}): CaCertificate {
    return new CaCertificate(fromName('CaCertificate.fromSecretName()', '', 'Secret', name, options));
  }

  /**
   * A Secret defined in this app (any construct whose default child is a
   * core `Secret`).
   *
   * @example CaCertificate.fromSecret(caSecret)
   */
  public static fromSecret(secret: IConstruct): CaCertificate {
    return new CaCertificate(fromConstruct('CaCertificate.fromSecret()', secret, ['Secret']));
  }

  /**
   * An implementation-specific object holding the bundle.
   *
   * @example CaCertificate.custom({ group: 'example.com', kind: 'TrustBundle', name: 'corp' })
   */
  public static custom(ref: CustomObjectRefOptions): CaCertificate {
    return new CaCertificate(fromObject('CaCertificate.custom()', ref));
  }

  /** @deprecated use {@link CaCertificate.custom} */
  public static fromObject(ref: CustomObjectRefOptions): CaCertificate {
    return CaCertificate.custom(ref);
  }

  private constructor(private readonly state: ObjectRefState) {}

  /** API group of the referred object (`''` for ConfigMaps and Secrets). */
  public get group(): string { return this.state.group; }
  /** Kind of the referred object. */
  public get kind(): string { return this.state.kind; }
  /** Name of the referred object. */
  public get name(): string { return this.state.name; }
  /** Namespace of the referred object; undefined means the referrer's. */
  public get namespace(): string | undefined { return this.state.namespace; }

  /**
   * @internal binds the CA bundle to the Gateway that uses it, once that has accepted it: the
   * ReferenceGrant it needs, and the check of an app-defined ConfigMap at synthesis
   */
  public _bind(referrer: IReferrer, field: string): void {
    bindReference(referrer, this, { field, check: () => this._problems(field) });
  }

  /**
   * @internal problems of a ConfigMap defined in this app, for validations:
   * a CA bundle ConfigMap needs the key ca.crt
   */
  public _problems(field: string): ConstructProblem[] {
    if (this.state.kind !== 'ConfigMap' || this.state.group !== '') return [];
    return missingKeys(this.state, ['ca.crt']).length === 0 ? [] : [constructProblem('missing-key', `ConfigMap '${this.state.sourcePath}' has data but no ca.crt key; `
      + 'a CA bundle ConfigMap holds the PEM certificates in ca.crt', field)];
  }

  /** @internal as an ObjectReference (group and kind always written, as the schema requires) */
  public _render(referrerNamespace: string | undefined): l1.ObjectReference {
    const namespace = renderedNamespace(this.state, referrerNamespace);
    return {
      group: this.state.group,
      kind: this.state.kind,
      name: this.state.name,
      ...(namespace !== undefined ? { namespace } : {}),
    };
  }

  /** @internal as a LocalObjectReference */
  public _renderLocal(): l1.LocalObjectReference {
    return { group: this.state.group, kind: this.state.kind, name: this.state.name };
  }
}
