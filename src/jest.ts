/**
 * Registers the routing matchers (`toRoute`, `toRedirect`, `toRespond`,
 * `toSplit`, `toHaveCondition`, `toBeAccepted`, `toHaveNoValidationErrors`, `toRouteLike`,
 * `toBeSupportedBy`)
 * on jest's `expect`. Load it from the jest configuration:
 *
 * ```json
 * { "setupFilesAfterEnv": ["cdk8s-gateway-api/jest"] }
 * ```
 *
 * The matcher types come with the package's types (a global augmentation of
 * `jest.Matchers`), so `expect(chart).toRoute(...)` type-checks without an import.
 */
import { routingMatchers } from './testing/matchers';

export { routingMatchers } from './testing/matchers';
export type { RoutingMatchers, MatcherRequest, BackendExpectation, RoutingSubject } from './testing/matchers';

const jestExpect = (globalThis as { expect?: { extend?: (matchers: object) => void } }).expect;
if (typeof jestExpect?.extend !== 'function') {
  throw new Error("cdk8s-gateway-api/jest registers jest matchers and must run inside jest: list it in the jest configuration's setupFilesAfterEnv, e.g. \"setupFilesAfterEnv\": [\"cdk8s-gateway-api/jest\"]");
}
jestExpect.extend(routingMatchers);
