import * as path from 'path';
import { generateCompat } from './compat';
import { loadChannel } from './crd';
import { generateChannel, sharedFiles } from './emit';
import { writeTree } from './tree';

export interface GenerateOptions {
  /** The folder holding `standard/` and `experimental/`. */
  readonly crdsDir: string;
  /**
   * The folder holding `features/` and `conformance-reports/` (generated/compat.ts is made from them).
   * Default: the parent of `crdsDir` (the v1.6.1 folder of the shared inputs).
   */
  readonly compatDir?: string;
}

/** Generates every file of generated/, keyed by path relative to it. Pure: writes nothing. */
export async function generate(options: GenerateOptions): Promise<Map<string, string>> {
  const files = sharedFiles();
  for (const channel of ['standard', 'experimental'] as const) {
    const crds = loadChannel(path.join(options.crdsDir, channel));
    for (const [file, text] of await generateChannel(channel, crds)) {
      files.set(`${channel}/${file}`, text);
    }
  }
  files.set('compat.ts', generateCompat(options.compatDir ?? path.dirname(path.resolve(options.crdsDir))));
  return new Map([...files.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

function parseArgs(argv: string[]): { crds: string; out: string } {
  const args = { crds: '../shared/gateway-api/v1.6.1/crds', out: 'generated' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--crds' || flag === '--out') {
      const value = argv[++i];
      if (!value) throw new Error(`${flag} needs a value`);
      args[flag.slice(2) as 'crds' | 'out'] = value;
    } else if (flag === '--help' || flag === '-h') {
      console.log('usage: gen [--crds DIR] [--out DIR]\n  --crds  folder with standard/ and experimental/ CRDs (default ../shared/gateway-api/v1.6.1/crds)\n  --out   output folder (default generated)');
      process.exit(0);
    } else {
      throw new Error(`unknown argument '${flag}'; valid: --crds DIR, --out DIR`);
    }
  }
  // A later flag wins over the task's default, so `npx projen gen --crds X` works.
  return args;
}

if (require.main === module) {
  const started = Date.now();
  const args = parseArgs(process.argv.slice(2));
  generate({ crdsDir: args.crds }).then(files => {
    const r = writeTree(args.out, files);
    console.log(`gen: ${r.written} files (${(r.bytes / 1024).toFixed(0)} KiB) in ${args.out}/, ${r.removed} removed, ${Date.now() - started} ms`);
  }).catch(err => {
    console.error(`gen: ${err.message}`);
    process.exit(1);
  });
}
