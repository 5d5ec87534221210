export { lintManifests, LINT_CODES, type LintOptions } from './lint-manifests';
