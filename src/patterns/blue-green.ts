import { ApiObjectMetadata } from 'cdk8s';
import { Construct } from 'constructs';
import { Backend } from '../backend';
import { HeaderMatch } from '../header-match';
import { HttpMatch } from '../http-match';
import { HttpRoute, HttpRouteRule } from '../http-route';
import { IParentRef } from '../parent';
import { constructError, ConstructScope, Where } from './pattern-error';
import { describeBackend, sameBackend } from './same-backend';

/** The two colors of a blue/green deployment. */
export enum BlueGreenColor {
  /** The blue deployment. */
  BLUE = 'blue',
  /** The green deployment. */
  GREEN = 'green',
}

/** Properties of a {@link BlueGreen}. */
export interface BlueGreenProps {
  /** Gateways or listeners the routes attach to. */
  readonly parents: IParentRef[];
  /**
   * Hostnames of the live route.
   *
   * @default - every hostname its listeners accept
   */
  readonly hostnames?: string[];
  /** The blue deployment. */
  readonly blue: Backend;
  /** The green deployment. */
  readonly green: Backend;
  /** The color that takes all traffic. */
  readonly active: BlueGreenColor;
  /**
   * A hostname that always reaches the idle color, for checking it before
   * switching (a separate HTTPRoute, `preview`).
   *
   * @default - no preview hostname
   */
  readonly previewHostname?: string;
  /**
   * A header that sends requests on the live hostnames to the idle color.
   *
   * @default - no preview header
   */
  readonly previewHeader?: HeaderMatch;
  /**
   * Metadata of the live route (the preview route's name gets `-preview` appended when a name is given).
   *
   * @default - generated names in the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;
}

/**
 * A blue/green deployment: all traffic on the live hostnames goes to the
 * active color, while the idle one stays reachable through a preview
 * hostname and/or a preview header. `switchTo(color)` swaps them; the state
 * chosen last is the one synthesized.
 *
 * @example
 * const bg = new BlueGreen(chart, 'Shop', {
 *   parents: [gateway.listener('https')], hostnames: ['shop.example.com'],
 *   blue: Backend.fromServiceName('shop-blue', { port: 80 }), green: Backend.fromServiceName('shop-green', { port: 80 }),
 *   active: BlueGreenColor.BLUE, previewHostname: 'preview.shop.example.com',
 * });
 * bg.switchTo(BlueGreenColor.GREEN);
 */
export class BlueGreen extends Construct {
  /** The live route. */
  public readonly route: HttpRoute;
  /** The preview route, when there is a preview hostname. */
  public readonly previewRoute?: HttpRoute;
  private readonly blue: Backend;
  private readonly green: Backend;
  private readonly liveRule: HttpRouteRule;
  private readonly previewRules: HttpRouteRule[] = [];
  private color: BlueGreenColor;

  public constructor(scope: Construct, id: string, props: BlueGreenProps) {
    super(scope, id);
    const where = new ConstructScope('BlueGreen', this.node.path);
    checkColor(props.active, where);
    if (!(props.blue instanceof Backend) || !(props.green instanceof Backend)) {
      throw constructError(where, 'wrong-type', 'blue and green must be Backends (Backend.fromService(), Backend.fromServiceName(), Backend.custom())');
    }
    if (sameBackend(props.blue, props.green)) {
      throw constructError(where, 'conflict', `blue and green are the same backend (${describeBackend(props.blue)}); give two deployments`);
    }
    this.blue = props.blue;
    this.green = props.green;
    this.color = props.active;

    this.route = new HttpRoute(this, 'Route', { parents: props.parents, hostnames: props.hostnames, metadata: props.metadata });
    if (props.previewHeader) {
      this.previewRules.push(this.route.addRule({ matches: [HttpMatch.anyPath({ headers: [props.previewHeader] })], backends: [this.idleBackend] }));
    }
    this.liveRule = this.route.addRule({ backends: [this.activeBackend] });
    if (props.previewHostname !== undefined) {
      if (props.hostnames?.includes(props.previewHostname)) {
        throw constructError(where, 'conflict', `previewHostname '${props.previewHostname}' is also a live hostname; give the preview its own hostname`, 'previewHostname');
      }
      const name = props.metadata?.name;
      this.previewRoute = new HttpRoute(this, 'Preview', {
        parents: props.parents,
        hostnames: [props.previewHostname],
        metadata: { ...props.metadata, ...(name !== undefined ? { name: `${name}-preview` } : {}) },
      });
      this.previewRules.push(this.previewRoute.addRule({ backends: [this.idleBackend] }));
    }
  }

  /** The color that takes all traffic. */
  public get active(): BlueGreenColor {
    return this.color;
  }

  /** The color reachable only by preview. */
  public get idle(): BlueGreenColor {
    return this.color === BlueGreenColor.BLUE ? BlueGreenColor.GREEN : BlueGreenColor.BLUE;
  }

  /**
   * Makes `color` the active one (the other becomes the preview).
   *
   * @example bg.switchTo(BlueGreenColor.GREEN)
   */
  public switchTo(color: BlueGreenColor): void {
    checkColor(color, new ConstructScope('BlueGreen', this.node.path));
    this.color = color;
    this.liveRule.replaceBackends(this.activeBackend);
    for (const r of this.previewRules) r.replaceBackends(this.idleBackend);
  }

  private get activeBackend(): Backend {
    return this.color === BlueGreenColor.BLUE ? this.blue : this.green;
  }

  private get idleBackend(): Backend {
    return this.color === BlueGreenColor.BLUE ? this.green : this.blue;
  }
}

function checkColor(color: BlueGreenColor, where: Where): void {
  if (!Object.values(BlueGreenColor).includes(color)) {
    throw constructError(where, 'invalid-value', `color ${JSON.stringify(color)} must be BlueGreenColor.BLUE or BlueGreenColor.GREEN`, 'color');
  }
}
