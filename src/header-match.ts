import { checkHeaderName, checkRe2, checkText } from './private/route-checks';

/**
 * How a header, query parameter or gRPC method value is compared.
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#headermatchtype
 */
export enum MatchType {
  /** The value must equal the given string (the API default when `type` is omitted). */
  EXACT = 'Exact',
  /** The value must match the given RE2 regular expression. */
  REGULAR_EXPRESSION = 'RegularExpression',
}

/** Full description of a header match, for {@link HeaderMatch.of}. */
export interface HeaderMatchOptions {
  /** Header name; compared case-insensitively by the data plane. */
  readonly name: string;
  /** Exact value, or an RE2 pattern when `type` is `MatchType.REGULAR_EXPRESSION`. */
  readonly value: string;
  /**
   * How `value` is compared. When set, it is written to the manifest even if it
   * is the API default (`Exact`).
   *
   * @default - not written; the API server applies `Exact`
   */
  readonly type?: MatchType;
}

/** @deprecated use {@link HeaderMatchOptions} */
export type HeaderMatchProps = HeaderMatchOptions;

/** Wire form of one header match (HTTP and gRPC share it). */
interface HeaderMatchWire {
  name: string;
  type?: 'Exact' | 'RegularExpression';
  value: string;
}

/**
 * One request-header condition of an HTTP or gRPC match. Several header
 * matches in one match must all hold (AND).
 *
 * @see https://gateway-api.sigs.k8s.io/reference/spec/#httpheadermatch
 */
export class HeaderMatch {
  /**
   * The header must be present with exactly this value. The manifest carries
   * no `type` (the API default is `Exact`); use {@link HeaderMatch.of} to write
   * `type: Exact` explicitly.
   *
   * @example HeaderMatch.exact('X-Version', 'v2')
   */
  public static exact(name: string, value: string): HeaderMatch {
    return HeaderMatch.of({ name, value });
  }

  /**
   * The header value must match an RE2 regular expression (checked here with re2js).
   *
   * @example HeaderMatch.regex('User-Agent', '.*Mobile.*')
   */
  public static regex(name: string, pattern: string): HeaderMatch {
    return HeaderMatch.of({ name, value: pattern, type: MatchType.REGULAR_EXPRESSION });
  }

  /**
   * A header match written exactly as described, including an explicit `type`
   * when one is given.
   *
   * @example HeaderMatch.of({ name: 'X-Beta-User', value: 'true', type: MatchType.EXACT })
   */
  public static of(props: HeaderMatchOptions): HeaderMatch {
    const where = 'HeaderMatch';
    checkHeaderName(props.name, where, 'name');
    if (props.type === MatchType.REGULAR_EXPRESSION) {
      checkRe2(props.value, 4096, where, `value of header '${props.name}'`);
    } else {
      checkText(props.value, 4096, where, `value of header '${props.name}'`);
    }
    return new HeaderMatch(props.name, props.value, props.type);
  }

  private constructor(
    /** Header name. */
    public readonly name: string,
    /** Exact value or RE2 pattern. */
    public readonly value: string,
    /** Comparison, when stated explicitly. */
    public readonly type?: MatchType,
  ) {}

  /** @internal */
  public _render(): HeaderMatchWire {
    return { name: this.name, ...(this.type ? { type: this.type } : {}), value: this.value };
  }
}
