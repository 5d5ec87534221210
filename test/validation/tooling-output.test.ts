import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { toolingOutputKind } from '../../src/validation/tooling-output';

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
