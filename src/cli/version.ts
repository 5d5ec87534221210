import * as fs from 'fs';
import * as path from 'path';

/** The version in this package's package.json (found from the compiled or the source location). */
export function packageVersion(): string {
  for (const candidate of ['../../package.json', '../../../package.json']) {
    const file = path.join(__dirname, candidate);
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (pkg.name === 'cdk8s-gateway-api') return pkg.version;
    }
  }
  throw new Error('cannot find the package.json of cdk8s-gateway-api');
}
