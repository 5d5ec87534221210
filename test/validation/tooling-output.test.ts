import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { nonManifestKind, toolingOutputKind } from '../../src/validation/tooling-output';

const SYNTH = path.join(__dirname, '../fixtures/cdk8s-synth');
const json = (file: string) => JSON.parse(fs.readFileSync(path.join(SYNTH, file), 'utf8'));

describe('toolingOutputKind: what cdk8s tooling writes beside the manifests, by name and exact shape', () => {
  test('the files of a real synth are recognised', () => {
    expect(toolingOutputKind('dist/construct-metadata.json', json('plain/construct-metadata.json'))).toBe('the construct metadata cdk8s synth records for validation plugins');
    expect(toolingOutputKind('dist/validation-reports.json', json('plain/validation-reports.json'))).toBe('a validation reports file of cdk8s synth (--validation-reports-output-file)');
    // The reports file's name is the user's choice.
    expect(toolingOutputKind('out/any-name.json', json('plain/validation-reports.json'))).toBeDefined();
    expect(toolingOutputKind('dist/Chart.yaml', YAML.parse(fs.readFileSync(path.join(SYNTH, 'helm/Chart.yaml'), 'utf8')))).toBe('the Helm chart file of cdk8s synth --format helm');
  });

  test('the same shapes under another name, with a key more, or with a field of another type are not', () => {
    const metadata = json('plain/construct-metadata.json');
    expect(toolingOutputKind('dist/metadata.json', metadata)).toBeUndefined();
    expect(toolingOutputKind('dist/construct-metadata.json', { ...metadata, apiVersion: 'v1' })).toBeUndefined();
    expect(toolingOutputKind('dist/construct-metadata.json', { ...metadata, resources: { edge: { path: 3 } } })).toBeUndefined();
    expect(toolingOutputKind('dist/construct-metadata.json', { resources: metadata.resources })).toBeUndefined();
    const reports = json('plain/validation-reports.json');
    expect(toolingOutputKind('r.json', { ...reports, kind: 'Service' })).toBeUndefined();
    expect(toolingOutputKind('r.json', { reports: [{ ...reports.reports[0], violations: undefined }] })).toBeUndefined();
    expect(toolingOutputKind('r.json', { reports: [{ ...reports.reports[0], summary: { status: 'success' } }] })).toBeUndefined();
    expect(toolingOutputKind('r.json', { reports: {} })).toBeUndefined();
    const chart = { apiVersion: 'v2', name: 'app', version: '1.0.0' };
    expect(toolingOutputKind('Chart.yaml', chart)).toBeDefined();
    expect(toolingOutputKind('Chart.yaml', { ...chart, kind: 'Service' })).toBeUndefined();
    expect(toolingOutputKind('Chart.yaml', { ...chart, apiVersion: 'v3' })).toBeUndefined();
    expect(toolingOutputKind('Chart.yaml', { ...chart, version: undefined })).toBeUndefined();
    expect(toolingOutputKind('values.yaml', chart)).toBeUndefined();
  });

  test('lists, scalars and null are never tooling output', () => {
    for (const v of [[], [json('plain/construct-metadata.json')], 'x', 1, null]) expect(toolingOutputKind('construct-metadata.json', v)).toBeUndefined();
  });
});

describe('nonManifestKind: the documents of a repository root that are not Kubernetes manifests', () => {
  const NO_TYPE = 'a document with neither apiVersion nor kind (Helm values, a CI or tool configuration, ...)';

  test('kustomize files, the config file, routing specs and any map with neither apiVersion nor kind are named', () => {
    expect(nonManifestKind('kustomization.yaml', { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: ['a.yaml'] }))
      .toBe('a kustomize Kustomization (kustomize.config.k8s.io/v1beta1)');
    expect(nonManifestKind('overlay/kustomization.yml', { apiVersion: 'kustomize.config.k8s.io/v1alpha1', kind: 'Component' }))
      .toBe('a kustomize Component (kustomize.config.k8s.io/v1alpha1)');
    // kustomize reads a kustomization.yaml without apiVersion and kind too: a document with neither.
    expect(nonManifestKind('kustomization.yaml', { resources: ['a.yaml'] })).toBe(NO_TYPE);
    expect(nonManifestKind('repo/.cdk8s-gateway.yaml', { channel: 'standard' })).toBe('the cdk8s-gateway config file');
    expect(nonManifestKind('routing-tests.yaml', { tests: [{ name: 'a', request: { url: 'http://a/' }, expect: { status: 404 } }] })).toBe('a routing spec of cdk8s-gateway test');
    expect(nonManifestKind('helm/values.yaml', { replicaCount: 2, image: { tag: 'v1' } })).toBe(NO_TYPE);
    expect(nonManifestKind('.github/workflows/ci.yml', { on: ['push'], jobs: {} })).toBe(NO_TYPE);
    expect(nonManifestKind('x.yaml', {})).toBe(NO_TYPE);
    // cdk8s tooling output keeps its own name.
    expect(nonManifestKind('dist/construct-metadata.json', json('plain/construct-metadata.json'))).toBe('the construct metadata cdk8s synth records for validation plugins');
  });

  test('a map with apiVersion and kind, or with only one of them (a manifest with a mistake), is read; the config name or a tests list does not change that', () => {
    const route = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r' } };
    expect(nonManifestKind('routes.yaml', route)).toBeUndefined();
    expect(nonManifestKind('routes.yaml', { ...route, spec: { odd: true } })).toBeUndefined();
    expect(nonManifestKind('routes.yaml', { kind: 'HTTPRoute', metadata: { name: 'r' } })).toBeUndefined();
    expect(nonManifestKind('routes.yaml', { apiVersion: 'gateway.networking.k8s.io/v1', metadata: { name: 'r' } })).toBeUndefined();
    expect(nonManifestKind('.cdk8s-gateway.yaml', { kind: 'Service', channel: 'standard' })).toBeUndefined();
    expect(nonManifestKind('spec.yaml', { apiVersion: 'v1', tests: [] })).toBeUndefined();
    // Another group with kind Kustomization is an object like any other.
    expect(nonManifestKind('k.yaml', { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', metadata: { name: 'apps' } })).toBeUndefined();
    // apiVersion: null is present (and wrong): read, so that validation reports it.
    expect(nonManifestKind('x.yaml', { apiVersion: null, metadata: { name: 'r' } })).toBeUndefined();
  });

  test('lists, scalars and null are never skipped', () => {
    for (const v of [[], [{}], 'x', 1, null]) expect(nonManifestKind('values.yaml', v)).toBeUndefined();
  });
});
