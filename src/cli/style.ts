/**
 * Terminal styling for human output: ANSI colors only when standard output
 * is a terminal, and never with `--no-color` or the NO_COLOR variable.
 */

/** Colors a piece of text (identity when colors are off). */
type Paint = (text: string) => string;

/** The palette of the human output. */
export interface Style {
  /** True when colors are emitted. */
  readonly enabled: boolean;
  /** Errors and failures. */
  readonly red: Paint;
  /** Warnings. */
  readonly yellow: Paint;
  /** Success. */
  readonly green: Paint;
  /** Secondary text (traces, notes). */
  readonly dim: Paint;
  /** Headings and names. */
  readonly bold: Paint;
}

const code = (open: number, close: number): Paint => (text) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain: Paint = (text) => text;

/** A style with colors on or off. */
export function makeStyle(enabled: boolean): Style {
  return enabled
    ? { enabled, red: code(31, 39), yellow: code(33, 39), green: code(32, 39), dim: code(2, 22), bold: code(1, 22) }
    : { enabled, red: plain, yellow: plain, green: plain, dim: plain, bold: plain };
}

/**
 * Whether to color output: `--no-color` (commander's `color: false`) and a
 * non-empty NO_COLOR turn it off; otherwise only on a terminal.
 */
export function colorWanted(options: { color?: boolean }, stream: { isTTY?: boolean } = process.stdout): boolean {
  if (options.color === false) return false;
  if (process.env.NO_COLOR) return false;
  return stream.isTTY === true;
}
