export * from './diagnostic';
export { validateObject, type ValidateObjectOptions } from './validate-object';
export { validateManifests, validateSourcedManifests, type ValidateManifestsOptions } from './validate-manifests';
export { FEATURE_NOT_CLAIMED, type ImplementationFeatures, type ImplementationOption } from './feature-claims';
export { applyDefaults } from './defaults';
export { newCelStats, type CelStats } from './cel-rules';
export { parseManifests, readManifestFiles, type ManifestRead, type ManifestReadOptions } from './manifest-files';
export type { SkippedDocument } from './manifest-text';
