// Validation of a construct tree without throwing: implemented with the tree's synth validation.
export { FAIL_ON_WARNINGS_CONTEXT, validateApp, validateChart, WARNING_METADATA_TYPE, type ValidateAppOptions } from './synth-validation';
