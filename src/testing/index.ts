// The user API of the in-memory data plane, and nothing else: the plane with
// its options and results, the request forms it takes, the routing table,
// the jest matchers and the manifest assertions. Helpers the library uses
// internally (backend simulation, URL parsing, the conformance runner, ...)
// are imported from their module files, never through this index.
export {
  DataPlane, DataPlaneOptions, AssumedObject, DistributionRequest, StatusKind,
  ReconciledGatewayClassStatus, ReconciledGatewayStatus, ReconciledListenerSetStatus, ReconciledStatus, LoadedObject,
} from './data-plane';
export type { AssumableKind } from './assumed-objects';
export type { PartiallyInvalidApproach } from './controller';
export {
  GatewaySelector, HttpRequest, GrpcRequest, TlsRequest, StreamRequest, BackendTarget, Outcome, RouteDecision,
  ForwardedRequest, MirrorTarget, HttpResult, GrpcResult, StreamResult, Distribution,
} from './requests';
export { UrlRequest, HttpRequestInput } from './request-url';
export {
  RoutingTable, RoutingTableOptions, RoutingTableGateway, RoutingTableListener, RoutingTableHost, RoutingTableEntry, RoutingTableBackend,
  RoutingTableUnattachedRoute,
} from './routing-table';
export { ShadowedRule, ShadowCause, RouteRuleRef, formatShadowedRule } from './shadowing';
export {
  RoutingMatchers, MatcherRequest, BackendExpectation, RoutingSubject, MatcherOutcome, routingMatchers,
} from './matchers';
export { Manifests, ManifestsOptions, ManifestObject } from './manifests';
export { Match, MatchMismatch } from './match';
export {
  routingDiff, witnessRequests, formatRoutingDiff, formatRoutingDiffMarkdown, RoutingDiff, RoutingDiffOptions, RoutingDiffSubject, RoutingChange,
  RoutingDiffDecision, RoutingDiffMarkdownOptions, StatusChange, WitnessRequest,
} from './routing-diff';
