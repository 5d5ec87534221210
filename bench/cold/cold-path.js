// One cold start of the cold-path scenario (bench/cold.ts runs it in a fresh process with report-cpu.js preloaded).
//   node cold-path.js package <routes> <outdir>        require the package, build the L2 chart, validateApp,
//                                                      DataPlane.fromChart(assumeMissing), one decision
//   node cold-path.js floor <objects.json> <outdir>    require cdk8s and the generated L1 classes, build the same
//                                                      objects as L1 and synthesize them (app.synth(), YAML written)
//   node cold-path.js objects|yaml <routes> <file>     (not timed) write the L2 chart's objects as JSON or YAML
'use strict';
const path = require('path');
const [mode, arg, outdir] = process.argv.slice(2);
const lib = path.join(__dirname, '..', '..', 'lib');
const cdk8s = require('cdk8s');
const { l1Chart, l2Chart, REQUEST } = require('./chart');
if (mode === 'package') {
  const gw = require(path.join(lib, 'src', 'index.js'));
  const app = new cdk8s.App({ outdir });
  const chart = l2Chart(cdk8s, gw, app, Number(arg));
  const diagnostics = gw.validateApp(app).filter((d) => d.severity === 'error');
  if (diagnostics.length > 0) throw new Error(`the cold-path chart has validation errors: ${JSON.stringify(diagnostics[0])}`);
  const plane = gw.testing.DataPlane.fromChart(chart, { assumeMissing: true });
  const decision = plane.http(REQUEST);
  if (decision.outcome !== 'forwarded') throw new Error(`the cold-path request was not forwarded: ${JSON.stringify(decision)}`);
} else if (mode === 'floor') {
  const l1 = require(path.join(lib, 'generated', 'standard', 'index.js'));
  const objects = JSON.parse(require('fs').readFileSync(arg, 'utf8'));
  const app = new cdk8s.App({ outdir });
  l1Chart(cdk8s, l1, app, objects);
  app.synth();
} else if (mode === 'objects') {
  // Not timed: writes the L2 chart's objects (what the floor synthesizes) to `outdir` (a file).
  const gw = require(path.join(lib, 'src', 'index.js'));
  const chart = l2Chart(cdk8s, gw, new cdk8s.App({ outdir: require('os').tmpdir() }), Number(arg));
  require('fs').writeFileSync(outdir, JSON.stringify(chart.toJson()));
} else if (mode === 'yaml') {
  // Not timed: writes the L2 chart's objects as one multi-document YAML file `outdir` (what the CLI scenario reads).
  const gw = require(path.join(lib, 'src', 'index.js'));
  const chart = l2Chart(cdk8s, gw, new cdk8s.App({ outdir: require('os').tmpdir() }), Number(arg));
  require('fs').writeFileSync(outdir, chart.toJson().map((o) => require('yaml').stringify(o)).join('---\n'));
} else {
  throw new Error(`cold-path.js takes package, floor, objects or yaml; got ${JSON.stringify(mode)}`);
}
