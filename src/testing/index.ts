export * from './data-plane';
export * from './requests';
export * from './backend-simulation';
export * from './conformance-runner';
export * from './assumed-objects';
export { UrlRequest, HttpRequestInput, ParsedRequest, parseUrlRequest, describeRequest } from './request-url';
export {
  RoutingTable, RoutingTableOptions, RoutingTableGateway, RoutingTableListener, RoutingTableHost, RoutingTableEntry, RoutingTableBackend,
  RoutingTableUnattachedRoute, renderRoutingTable,
} from './routing-table';
export { ShadowedRule, ShadowCause, RouteRuleRef, formatShadowedRule, formatShadowCause, formatRuleRef } from './shadowing';
export {
  RoutingMatchers, MatcherRequest, BackendExpectation, RoutingSubject, MatcherOutcome, routingMatchers,
} from './matchers';
export * from './manifests';
export { Match, MatchMismatch } from './match';
export type { PartiallyInvalidApproach } from './controller';
