import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';

const examplesDir = path.resolve(__dirname, '../../examples');

/** Every object every example app synthesizes (each exported Chart class, instantiated in its own app). */
export function allExampleObjects(): { example: string; object: any }[] {
  const out: { example: string; object: any }[] = [];
  for (const file of fs.readdirSync(examplesDir).filter(f => f.endsWith('.ts')).sort()) {
    const mod = require(path.join(examplesDir, file));
    for (const exported of Object.values(mod)) {
      // Example apps export their Chart subclasses (the module may see its own copy of cdk8s, so no instanceof).
      if (typeof exported !== 'function' || !/Chart$/.test(exported.name)) continue;
      const chart = new (exported as any)(Testing.app(), path.basename(file, '.ts'));
      if (!Chart.isChart(chart)) throw new Error(`examples/${file}: ${exported.name} is not a cdk8s Chart`);
      for (const object of Testing.synth(chart)) out.push({ example: file, object });
    }
  }
  return out;
}
