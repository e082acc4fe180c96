import { isHidden } from "./characters.js";

/**
 * Text from content or file names made safe to print: every control, bidirectional or invisible character (see
 * util/characters) is shown as its code point, \u{202E}, so content can neither recolour or move a terminal's
 * cursor (ESC sequences) nor reorder what a reader of the output sees.
 */
export function printable(text: string): string {
  let out = "";
  for (const char of text)
    out += isHidden(char) || char === "\t" || char === "\n" || char === "\r" ? `\\u{${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()}}` : char;
  return out;
}

/** JSON text with every hidden character escaped as \uXXXX: the same value, nothing a terminal would act on. */
export function printableJson(json: string): string {
  let out = "";
  for (const char of json) {
    if (!isHidden(char) || char === "\n") {
      out += char;
      continue;
    }
    const code = char.codePointAt(0) ?? 0;
    const units = code > 0xffff ? [0xd800 + ((code - 0x10000) >> 10), 0xdc00 + ((code - 0x10000) & 0x3ff)] : [code];
    out += units.map((u) => `\\u${u.toString(16).padStart(4, "0")}`).join("");
  }
  return out;
}

/**
 * Whether output to `stream` is coloured, by the conventions other tools follow: FORCE_COLOR forces colour (off
 * when it is "0" or "false"), else a non-empty NO_COLOR turns it off, else a terminal that has colours gets them
 * (node's hasColors: not TERM=dumb). Piped into a file or a CI log: none.
 */
export function colorFor(stream: { isTTY?: boolean; hasColors?: () => boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  return stream.isTTY === true && (stream.hasColors?.() ?? false);
}

/** The width of the terminal `stream` writes to, or undefined when it is no terminal (a file or a CI log). */
export function terminalWidth(stream: { isTTY?: boolean; columns?: number }): number | undefined {
  return stream.isTTY === true && typeof stream.columns === "number" && stream.columns > 0 ? stream.columns : undefined;
}

/** Whether a person watches `stream` live: a terminal, and not a CI job that gave its log one (CI set) nor TERM=dumb. */
export function interactive(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI !== undefined && env.CI !== "" && env.CI !== "0" && env.CI !== "false";
  return stream.isTTY === true && !ci && env.TERM !== "dumb";
}

/** The few styles toms's terminal output uses. */
export interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
}

// SGR codes with the resets of exactly what they set (22 ends bold and dim, 39 a colour), so styles can nest.
const sgr = (open: number, close: number) => (text: string) => (text === "" ? "" : `\u001b[${open}m${text}\u001b[${close}m`);
const plain = (text: string) => text;

/** Styles that colour (ANSI SGR), or leave text as it is when `enabled` is false. */
export function paint(enabled: boolean): Paint {
  if (!enabled) return { bold: plain, dim: plain, red: plain, yellow: plain, green: plain };
  return { bold: sgr(1, 22), dim: sgr(2, 22), red: sgr(31, 39), yellow: sgr(33, 39), green: sgr(32, 39) };
}
