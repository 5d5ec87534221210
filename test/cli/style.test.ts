import { colorWanted, makeStyle } from '../../src/cli/style';

describe('colors', () => {
  const env = process.env.NO_COLOR;
  afterEach(() => { if (env === undefined) delete process.env.NO_COLOR; else process.env.NO_COLOR = env; });

  test('only on a terminal, never with --no-color or NO_COLOR', () => {
    delete process.env.NO_COLOR;
    expect(colorWanted({}, { isTTY: true })).toBe(true);
    expect(colorWanted({}, { isTTY: false })).toBe(false);
    expect(colorWanted({}, {})).toBe(false);
    expect(colorWanted({ color: false }, { isTTY: true })).toBe(false);
    process.env.NO_COLOR = '1';
    expect(colorWanted({}, { isTTY: true })).toBe(false);
  });

  test('a style with colors wraps text in ANSI codes; without, it returns the text unchanged', () => {
    expect(makeStyle(true).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(makeStyle(false).red('x')).toBe('x');
  });
});
