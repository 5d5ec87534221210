import { main } from '../../src/cli/main';

describe('cdk8s-gateway CLI', () => {
  let out: string;
  let spy: jest.SpyInstance;
  beforeEach(() => {
    out = '';
    spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any) => { out += String(chunk); return true; });
  });
  afterEach(() => spy.mockRestore());

  test('--version prints the package version', async () => {
    const code = await main(['node', 'cdk8s-gateway', '--version']);
    expect(code).toBe(0);
    expect(out.trim()).toBe(require('../../package.json').version);
  });

  test('no arguments prints help', async () => {
    expect(await main(['node', 'cdk8s-gateway'])).toBe(0);
    expect(out).toContain('Usage: cdk8s-gateway');
  });
});
